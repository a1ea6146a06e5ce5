import { Badge, Checkbox, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { formatDate } from "../../../lib/format";
import type { MyTask, TeamTask } from "../success-plans.queries";
import { useTaskCompletion } from "../use-task-completion";
import { taskStatusColor } from "./task-status";

type Props = {
  tasks: readonly (MyTask & Partial<Pick<TeamTask, "owner">>)[];
  /** The team's view: each task's owner in a column. */
  showOwner: boolean;
  /** Whether the caller may complete tasks (the write permission). */
  canComplete: boolean;
};

/**
 * Tasks with their account and plan: complete one with its checkbox (shown
 * done at once, back if the server refuses); overdue ones (due before today
 * in Japan, as the server counts) stand out in red.
 */
export const TasksTable = ({ tasks, showOwner, canComplete }: Props) => {
  const { t, i18n } = useTranslation();
  const completion = useTaskCompletion();
  return (
    <Table.ScrollContainer minWidth={showOwner ? 1040 : 900}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {canComplete ? (
              <Table.Th w={48}>
                <Text size="sm" fw={700}>
                  {t("myTasks.done")}
                </Text>
              </Table.Th>
            ) : null}
            <Table.Th>{t("plans.tasks.title")}</Table.Th>
            {showOwner ? <Table.Th>{t("myTasks.owner")}</Table.Th> : null}
            <Table.Th>{t("myTasks.account")}</Table.Th>
            <Table.Th>{t("myTasks.plan")}</Table.Th>
            {/* Widths keep the date with its badge, and the status badge, whole. */}
            <Table.Th miw={190}>{t("plans.tasks.dueDate")}</Table.Th>
            <Table.Th miw={110}>{t("plans.tasks.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => {
            const done = task.status === "done";
            return (
              <Table.Tr
                key={`${task.planId}-${task.key}`}
                bg={task.overdue ? "var(--mantine-color-red-light)" : undefined}
                data-overdue={task.overdue || undefined}
              >
                {canComplete ? (
                  <Table.Td>
                    <Checkbox
                      checked={done}
                      aria-label={t(done ? "myTasks.reopen" : "myTasks.complete", {
                        title: task.title,
                      })}
                      onChange={(event) =>
                        completion.mutate({
                          task,
                          status: event.currentTarget.checked ? "done" : "todo",
                        })
                      }
                    />
                  </Table.Td>
                ) : null}
                <Table.Td fw={500} td={done ? "line-through" : undefined}>
                  {task.title}
                </Table.Td>
                {showOwner ? (
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {task.owner?.name ?? t("common.none")}
                  </Table.Td>
                ) : null}
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
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" c={task.overdue ? "red" : undefined}>
                      {task.dueDate ? formatDate(task.dueDate, i18n.language) : t("common.none")}
                    </Text>
                    {task.overdue ? (
                      <Badge size="xs" color="red" variant="light">
                        {t("plans.tasks.overdue")}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Badge size="sm" variant="light" color={taskStatusColor[task.status]}>
                    {t(`plans.taskStatus.${task.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
};
