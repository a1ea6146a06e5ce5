import {
  Center,
  EmptyState,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { usePageTitle } from "../../../components/use-page-title";
import { useOwners } from "../../accounts/use-owners";
import { useCan } from "../../auth/use-me";
import { myTasksQueryOptions, teamTasksQueryOptions } from "../success-plans.queries";
import { TasksTable } from "./tasks-table";

export type TaskView = "mine" | "team";

type Props = {
  includeDone: boolean;
  onIncludeDoneChange: (next: boolean) => void;
  view: TaskView;
  onViewChange: (next: TaskView) => void;
  /** In the team's view, only this member's tasks. */
  member: string | undefined;
  onMemberChange: (next: string | undefined) => void;
};

/** The team's view: every member's tasks, for managers and admins (read-team). */
const TeamTasks = ({
  includeDone,
  member,
  onMemberChange,
}: Omit<Props, "view" | "onViewChange" | "onIncludeDoneChange">) => {
  const { t } = useTranslation();
  const owners = useOwners();
  const canWrite = useCan("write");
  const tasks = useQuery(teamTasksQueryOptions(includeDone, member));
  const rows = tasks.data?.data ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("myTasks.teamDescription")}
        </Text>
        <Select
          label={t("myTasks.member")}
          placeholder={t("myTasks.allMembers")}
          data={owners.options}
          value={member ?? null}
          onChange={(value) => onMemberChange(value ?? undefined)}
          clearable
          searchable
          w={240}
        />
      </Group>
      <Paper withBorder radius="md">
        {tasks.isPending ? (
          <Center py="xl">
            <Loader size="sm" aria-label={t("common.loading")} />
          </Center>
        ) : tasks.isError ? (
          <ApiErrorAlert error={tasks.error} />
        ) : rows.length === 0 ? (
          <EmptyState py="xl" title={t("myTasks.teamEmpty")} />
        ) : (
          <TasksTable tasks={rows} showOwner canComplete={canWrite} />
        )}
      </Paper>
    </Stack>
  );
};

const MineTasks = ({ includeDone }: { includeDone: boolean }) => {
  const { t } = useTranslation();
  const canWrite = useCan("write");
  const tasks = useQuery(myTasksQueryOptions(includeDone));
  const rows = tasks.data?.data ?? [];
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("myTasks.description")}
      </Text>
      <Paper withBorder radius="md">
        {tasks.isPending ? (
          <Center py="xl">
            <Loader size="sm" aria-label={t("common.loading")} />
          </Center>
        ) : tasks.isError ? (
          <ApiErrorAlert error={tasks.error} />
        ) : rows.length === 0 ? (
          <EmptyState
            py="xl"
            title={t("myTasks.empty")}
            description={t("myTasks.emptyDescription")}
          />
        ) : (
          <TasksTable tasks={rows} showOwner={false} canComplete={canWrite} />
        )}
      </Paper>
    </Stack>
  );
};

/** A CSM's tasks across every plan of the workspace, by due date; a manager's team's too. */
export const MyTasksPage = (props: Props) => {
  const { includeDone, onIncludeDoneChange, onViewChange } = props;
  const { t } = useTranslation();
  const canSeeTeam = useCan("read-team");
  const view = canSeeTeam ? props.view : "mine";
  const title = view === "team" ? t("myTasks.teamTitle") : t("myTasks.title");
  usePageTitle(title);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Group gap="lg">
          {canSeeTeam ? (
            <SegmentedControl
              aria-label={t("myTasks.viewLabel")}
              value={view}
              onChange={(value) => onViewChange(value === "team" ? "team" : "mine")}
              data={[
                { value: "mine", label: t("myTasks.mine") },
                { value: "team", label: t("myTasks.team") },
              ]}
            />
          ) : null}
          <Switch
            label={t("myTasks.includeDone")}
            checked={includeDone}
            onChange={(event) => onIncludeDoneChange(event.currentTarget.checked)}
          />
        </Group>
      </Group>
      {view === "team" ? (
        <TeamTasks
          includeDone={includeDone}
          member={props.member}
          onMemberChange={props.onMemberChange}
        />
      ) : (
        <MineTasks includeDone={includeDone} />
      )}
    </Stack>
  );
};
