import {
  Badge,
  Center,
  EmptyState,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { usePageTitle } from "../../../components/use-page-title";
import { formatDate } from "../../../lib/format";
import { myTasksQueryOptions } from "../success-plans.queries";
import { taskStatusColor } from "./task-status";

type Props = { includeDone: boolean; onIncludeDoneChange: (next: boolean) => void };

/** A CSM's tasks across every plan of the workspace, by due date. */
export const MyTasksPage = ({ includeDone, onIncludeDoneChange }: Props) => {
  const { t, i18n } = useTranslation();
  usePageTitle(t("myTasks.title"));
  const tasks = useQuery(myTasksQueryOptions(includeDone));
  const rows = tasks.data?.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t("myTasks.title")}
        </Title>
        <Switch
          label={t("myTasks.includeDone")}
          checked={includeDone}
          onChange={(event) => onIncludeDoneChange(event.currentTarget.checked)}
        />
      </Group>
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
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("plans.tasks.title")}</Table.Th>
                  <Table.Th>{t("myTasks.account")}</Table.Th>
                  <Table.Th>{t("myTasks.plan")}</Table.Th>
                  <Table.Th>{t("plans.tasks.dueDate")}</Table.Th>
                  <Table.Th>{t("plans.tasks.status")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((task) => (
                  <Table.Tr key={`${task.planId}-${task.key}`}>
                    <Table.Td fw={500}>{task.title}</Table.Td>
                    <Table.Td>
                      <AnchorLink
                        to="/accounts/$accountId"
                        params={{ accountId: task.accountId }}
                        size="sm"
                      >
                        {task.accountName}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <AnchorLink
                        to="/accounts/$accountId/plans/$planId"
                        params={{ accountId: task.accountId, planId: task.planId }}
                        search={{ tab: "milestones" }}
                        size="sm"
                      >
                        {task.planTitle}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm">
                          {task.dueDate
                            ? formatDate(task.dueDate, i18n.language)
                            : t("common.none")}
                        </Text>
                        {task.overdue ? (
                          <Badge size="xs" color="red" variant="light">
                            {t("plans.tasks.overdue")}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={taskStatusColor[task.status]}>
                        {t(`plans.taskStatus.${task.status}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
};
