import {
  Button,
  Center,
  EmptyState,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { usePageTitle } from "../../../components/use-page-title";
import { useOwners } from "../../accounts/use-owners";
import { useCan } from "../../auth/use-me";
import { type QueueOwner, workQueueQueryOptions } from "../work-queue.queries";
import { NewTaskDialog } from "./new-task-dialog";
import { TaskLoadTable } from "./task-load-table";
import { WorkQueueTable } from "./work-queue-table";

type Props = {
  owner: QueueOwner;
  onOwnerChange: (next: QueueOwner) => void;
  /** Done and snoozed tasks too. */
  includeAll: boolean;
  onIncludeAllChange: (next: boolean) => void;
};

/**
 * The work queue (コックピット): a CSM's tasks across accounts, from
 * playbooks, plans and people, most pressing first. Managers and admins
 * pick whose: their own, everyone's or one member's, with each one's load.
 */
export const WorkQueuePage = ({
  owner: asked,
  onOwnerChange,
  includeAll,
  onIncludeAllChange,
}: Props) => {
  const { t } = useTranslation();
  const canSeeTeam = useCan("read-team");
  const canWrite = useCan("write");
  const owners = useOwners();
  const owner = canSeeTeam ? asked : "me";
  const queue = useQuery(workQueueQueryOptions(owner, includeAll));
  const [creating, setCreating] = useState(false);
  const title = owner === "me" ? t("workQueue.title") : t("workQueue.teamTitle");
  usePageTitle(title);
  const rows = queue.data?.data ?? [];
  const load = queue.data?.load;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Group gap="lg" align="flex-end">
          {canSeeTeam ? (
            <Select
              label={t("workQueue.ownerFilter")}
              data={[
                { value: "me", label: t("workQueue.ownerMe") },
                { value: "all", label: t("workQueue.ownerAll") },
                ...owners.options,
              ]}
              value={owner}
              onChange={(value) => onOwnerChange(value ?? "me")}
              allowDeselect={false}
              searchable
              w={220}
            />
          ) : null}
          <Switch
            label={t("workQueue.includeAll")}
            checked={includeAll}
            onChange={(event) => onIncludeAllChange(event.currentTarget.checked)}
          />
          {canWrite ? (
            <Button onClick={() => setCreating(true)}>{t("workQueue.newTask")}</Button>
          ) : null}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {owner === "me" ? t("workQueue.description") : t("workQueue.teamDescription")}
      </Text>
      {load && load.length > 0 ? (
        <Paper
          withBorder
          radius="md"
          p="md"
          component="section"
          aria-label={t("workQueue.loadTitle")}
        >
          <Title order={2} size="h5" mb="sm">
            {t("workQueue.loadTitle")}
          </Title>
          <TaskLoadTable load={load} />
        </Paper>
      ) : null}
      <Paper withBorder radius="md">
        {queue.isPending ? (
          <Center py="xl">
            <Loader size="sm" aria-label={t("common.loading")} />
          </Center>
        ) : queue.isError ? (
          <ApiErrorAlert error={queue.error} />
        ) : rows.length === 0 ? (
          <EmptyState
            py="xl"
            title={t("workQueue.empty")}
            description={t("workQueue.emptyDescription")}
          />
        ) : (
          <WorkQueueTable tasks={rows} showOwner={owner !== "me"} canChange={canWrite} />
        )}
      </Paper>
      {canWrite ? <NewTaskDialog opened={creating} onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
};
