import { Alert, Badge, Breadcrumbs, Group, Paper, Stack, Tabs, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { localizeText } from "@michi/core";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { usePageTitle } from "../../../components/use-page-title";
import { useCan } from "../../auth/use-me";
import { triggerText } from "../playbook-words";
import { deletePlaybook, playbookKeys, playbookQueryOptions } from "../playbooks.queries";
import { usePlaybookWords } from "../use-playbook-words";
import { PlaybookEditor } from "./playbook-editor";
import { RunsPanel } from "./runs-panel";
import { TryPanel } from "./try-panel";

export const playbookTabs = ["edit", "try", "runs"] as const;
export type PlaybookTab = (typeof playbookTabs)[number];

type Props = {
  playbookId: string;
  tab: PlaybookTab;
  onTabChange: (tab: PlaybookTab) => void;
  onDeleted: () => void;
};

/** One playbook: its editor, a dry run on an account, and its runs. */
export const PlaybookPage = ({ playbookId, tab, onTabChange, onDeleted }: Props) => {
  const { t } = useTranslation();
  const words = usePlaybookWords();
  const canManage = useCan("manage-settings");
  const canWrite = useCan("write");
  const queryClient = useQueryClient();
  const { data: playbook } = useSuspenseQuery(playbookQueryOptions(playbookId));
  const name = localizeText(playbook.definition.name, words.lang);
  usePageTitle(name);
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => deletePlaybook(playbookId),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: playbookKeys.detail(playbookId) });
      void queryClient.invalidateQueries({ queryKey: playbookKeys.list() });
      notifications.show({ color: "teal", message: t("playbooks.editor.deleted") });
      onDeleted();
    },
  });

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <AnchorLink to="/playbooks" size="sm">
          {t("playbooks.backToList")}
        </AnchorLink>
        <Text size="sm" c="dimmed" truncate maw={400}>
          {name}
        </Text>
      </Breadcrumbs>
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1} size="h2">
            {name}
          </Title>
          <Badge variant="light" color={playbook.definition.paused ? "gray" : "teal"}>
            {playbook.definition.paused ? t("playbooks.paused") : t("playbooks.live")}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {triggerText(words, playbook.definition.trigger)}
        </Text>
      </Stack>
      {!canManage ? (
        <Alert color="gray" variant="light">
          {t("playbooks.readOnly")}
        </Alert>
      ) : null}
      <Paper withBorder radius="md">
        <Tabs
          value={tab}
          onChange={(value) => {
            const next = playbookTabs.find((candidate) => candidate === value);
            if (next) onTabChange(next);
          }}
        >
          <Tabs.List px="sm">
            {playbookTabs.map((value) => (
              <Tabs.Tab key={value} value={value}>
                {t(`playbooks.tabs.${value}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {/* The editor stays mounted: edits survive a look at the other tabs. */}
          <Tabs.Panel value="edit" p="lg" keepMounted>
            <PlaybookEditor
              key={playbook.id}
              playbook={playbook}
              canManage={canManage}
              onDelete={() => setConfirming(true)}
            />
          </Tabs.Panel>
          <Tabs.Panel value="try" p="lg">
            {tab === "try" ? <TryPanel playbook={playbook} canWrite={canWrite} /> : null}
          </Tabs.Panel>
          <Tabs.Panel value="runs" p="lg">
            {tab === "runs" ? <RunsPanel playbookId={playbook.id} /> : null}
          </Tabs.Panel>
        </Tabs>
      </Paper>
      <ConfirmDialog
        opened={confirming}
        title={t("playbooks.editor.deleteTitle")}
        message={t("playbooks.editor.deleteBody", { name })}
        confirmLabel={t("common.delete")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setConfirming(false);
          remove.reset();
        }}
      />
    </Stack>
  );
};
