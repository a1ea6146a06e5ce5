import { Badge, Button, Group, Table, Text } from "@mantine/core";
import { formatMoney } from "@michi/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { formatDate } from "../../../lib/format";
import { ScoreBadge } from "../../health/components/score-badge";
import { LogInteractionModal } from "../../timeline/components/log-interaction-modal";
import { useSetTaskDone } from "../use-work-queue-actions";
import type { WorkQueueItem } from "../work-queue.queries";
import { CompleteTaskDialog, ReassignTaskDialog, SnoozeTaskDialog } from "./task-dialogs";

type Props = {
  tasks: readonly WorkQueueItem[];
  /** Everyone's or a member's queue: each task's owner in a column. */
  showOwner: boolean;
  /** The write permission: complete, reopen, snooze, reassign. */
  canChange: boolean;
};

type Dialog = { kind: "complete" | "snooze" | "reassign" | "log"; task: WorkQueueItem } | null;

const sourceOf = (task: WorkQueueItem) =>
  task.source === "plan" ? "plan" : task.playbookRunId ? "playbook" : "account";

const Source = ({ task }: { task: WorkQueueItem }) => {
  const { t } = useTranslation();
  const label = t(`workQueue.sources.${sourceOf(task)}`);
  if (task.source === "plan" && task.planId) {
    return (
      <AnchorLink
        to="/accounts/$accountId/plans/$planId"
        params={{ accountId: task.accountId, planId: task.planId }}
        search={{ tab: "milestones" }}
        size="sm"
      >
        {`${label}: ${task.planTitle ?? ""}`}
      </AnchorLink>
    );
  }
  return <Text size="sm">{label}</Text>;
};

/**
 * Account tasks and plan tasks in one table, most pressing first (the
 * server's order). Overdue ones stand out in red. An account task is
 * completed with its result (a dialog), a plan task through its plan at once.
 */
export const WorkQueueTable = ({ tasks, showOwner, canChange }: Props) => {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const setDone = useSetTaskDone();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  return (
    <>
      <Table.ScrollContainer minWidth={showOwner ? 1100 : 980}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("workQueue.task")}</Table.Th>
              <Table.Th>{t("workQueue.account")}</Table.Th>
              {showOwner ? <Table.Th>{t("workQueue.owner")}</Table.Th> : null}
              <Table.Th miw={170}>{t("workQueue.due")}</Table.Th>
              <Table.Th ta="right">{t("workQueue.mrr")}</Table.Th>
              <Table.Th>{t("workQueue.health")}</Table.Th>
              <Table.Th>{t("workQueue.source")}</Table.Th>
              {canChange ? <Table.Th>{t("workQueue.actions")}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task) => {
              const done = task.status === "done";
              return (
                <Table.Tr
                  key={task.id}
                  bg={task.overdue ? "var(--mantine-color-red-light)" : undefined}
                  data-overdue={task.overdue || undefined}
                >
                  <Table.Td fw={500} td={done ? "line-through" : undefined}>
                    {task.title}
                    {task.snoozedUntil && !done ? (
                      <Text size="xs" c="dimmed">
                        {t("workQueue.snoozedUntil", { date: formatDate(task.snoozedUntil, lang) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <AnchorLink
                      to="/accounts/$accountId"
                      params={{ accountId: task.accountId }}
                      size="sm"
                    >
                      {task.accountName}
                    </AnchorLink>
                  </Table.Td>
                  {showOwner ? (
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {task.owner?.name ?? t("workQueue.noOwner")}
                    </Table.Td>
                  ) : null}
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" c={task.overdue ? "red" : undefined}>
                        {task.dueDate ? formatDate(task.dueDate, lang) : t("common.none")}
                      </Text>
                      {task.overdue ? (
                        <Badge size="xs" color="red" variant="light">
                          {t("workQueue.overdue")}
                        </Badge>
                      ) : null}
                      {done ? (
                        <Badge size="xs" color="teal" variant="light">
                          {t("workQueue.doneBadge")}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {task.mrr.length === 0
                      ? t("common.none")
                      : task.mrr.map((m) => formatMoney(m.minor, m.currency, lang)).join(" + ")}
                  </Table.Td>
                  <Table.Td>
                    <ScoreBadge
                      score={task.health?.score ?? null}
                      band={task.health?.band ?? null}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Source task={task} />
                  </Table.Td>
                  {canChange ? (
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Group gap={4} wrap="nowrap">
                        {done ? (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            aria-label={t("workQueue.reopenLabel", { title: task.title })}
                            onClick={() => setDone.mutate({ task, done: false })}
                          >
                            {t("workQueue.reopen")}
                          </Button>
                        ) : (
                          <Button
                            size="compact-sm"
                            variant="light"
                            aria-label={t("workQueue.completeLabel", { title: task.title })}
                            onClick={() =>
                              task.source === "plan"
                                ? setDone.mutate({ task, done: true })
                                : setDialog({ kind: "complete", task })
                            }
                          >
                            {t("workQueue.complete")}
                          </Button>
                        )}
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="gray"
                          aria-label={t("workQueue.logLabel", { account: task.accountName })}
                          onClick={() => setDialog({ kind: "log", task })}
                        >
                          {t("workQueue.log")}
                        </Button>
                        {task.source === "account" && !done ? (
                          <>
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="gray"
                              aria-label={t("workQueue.snoozeLabel", { title: task.title })}
                              onClick={() => setDialog({ kind: "snooze", task })}
                            >
                              {t("workQueue.snooze")}
                            </Button>
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="gray"
                              aria-label={t("workQueue.reassignLabel", { title: task.title })}
                              onClick={() => setDialog({ kind: "reassign", task })}
                            >
                              {t("workQueue.reassign")}
                            </Button>
                          </>
                        ) : null}
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {dialog?.kind === "complete" ? (
        <CompleteTaskDialog task={dialog.task} onClose={close} />
      ) : null}
      {dialog?.kind === "snooze" ? <SnoozeTaskDialog task={dialog.task} onClose={close} /> : null}
      {dialog?.kind === "reassign" ? (
        <ReassignTaskDialog task={dialog.task} onClose={close} />
      ) : null}
      {/* A call or meeting about the task's account, on its timeline (issue 17). */}
      {dialog?.kind === "log" ? (
        <LogInteractionModal accountId={dialog.task.accountId} opened onClose={close} />
      ) : null}
    </>
  );
};
