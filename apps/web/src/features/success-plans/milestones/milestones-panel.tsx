import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { PlanMilestone, PlanTask } from "@michi/core";
import { timelinePeriod } from "@michi/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import { FindingBadge } from "../components/finding-badge";
import { taskStatusColor } from "../components/task-status";
import { nextKey, putMilestone, putTaskOwnedBy, removeMilestone, removeTask } from "../plan-edits";
import { findingsByTarget, type PlanEditor } from "../use-plan-editor";
import { MilestoneForm } from "./milestone-form";
import { MilestoneTimeline } from "./milestone-timeline";
import { TaskForm } from "./task-form";

type Editing =
  | { kind: "milestone"; milestone?: PlanMilestone }
  | { kind: "task"; task?: PlanTask }
  | null;

/** Milestones on the plan's timeline, and the tasks that get there. */
export const MilestonesPanel = ({
  editor,
  canWrite,
}: {
  editor: PlanEditor;
  canWrite: boolean;
}) => {
  const { t, i18n } = useTranslation();
  const doc = editor.document;
  const milestones = doc.milestones ?? [];
  const tasks = doc.tasks ?? [];
  const [editing, setEditing] = useState<Editing>(null);
  const findings = findingsByTarget(editor.findings);
  const nameOf = (
    list: { key: string; title?: string; name?: string }[] | undefined,
    key: string | undefined,
  ) =>
    key
      ? (list?.find((e) => e.key === key)?.title ?? list?.find((e) => e.key === key)?.name ?? key)
      : null;
  const period = timelinePeriod(
    doc.period,
    milestones.flatMap((ms) => (ms.dueDate ? [ms.dueDate] : [])),
  );
  const dash = t("common.none");

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h5">
            {t("plans.milestones.title")}
          </Title>
          {canWrite ? (
            <Button variant="light" onClick={() => setEditing({ kind: "milestone" })}>
              {t("plans.milestones.add")}
            </Button>
          ) : null}
        </Group>
        {period && milestones.length > 0 ? (
          <MilestoneTimeline milestones={milestones} period={period} today={editor.today} />
        ) : (
          <Text size="sm" c="dimmed">
            {t("plans.milestones.noTimeline")}
          </Text>
        )}
        {milestones.length > 0 ? (
          <Table verticalSpacing={6} mt="sm" aria-label={t("plans.milestones.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("plans.milestones.name")}</Table.Th>
                <Table.Th>{t("plans.milestones.dueDate")}</Table.Th>
                <Table.Th>{t("plans.milestones.doneDate")}</Table.Th>
                <Table.Th>{t("plans.milestones.objectives")}</Table.Th>
                {canWrite ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {milestones.map((milestone) => (
                <Table.Tr key={milestone.key}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        {milestone.title}
                      </Text>
                      <FindingBadge findings={findings.get(milestone.key) ?? []} />
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDate(milestone.dueDate, i18n.language) || dash}</Table.Td>
                  <Table.Td>
                    {milestone.doneDate ? (
                      <Badge size="sm" color="teal" variant="light">
                        {formatDate(milestone.doneDate, i18n.language)}
                      </Badge>
                    ) : (
                      dash
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {(milestone.objectiveKeys ?? [])
                        .map((key) => nameOf(doc.pufu.objectives, key))
                        .join("、") || dash}
                    </Text>
                  </Table.Td>
                  {canWrite ? (
                    <Table.Td ta="right">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={t("plans.milestones.editNamed", { name: milestone.title })}
                        onClick={() => setEditing({ kind: "milestone", milestone })}
                      >
                        {t("common.edit")}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Paper>

      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t("plans.tasks.list")}
          </Title>
          {canWrite ? (
            <Button variant="light" onClick={() => setEditing({ kind: "task" })}>
              {t("plans.tasks.add")}
            </Button>
          ) : null}
        </Group>
        {tasks.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("plans.tasks.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" aria-label={t("plans.tasks.list")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("plans.tasks.title")}</Table.Th>
                  <Table.Th>{t("plans.tasks.owner")}</Table.Th>
                  <Table.Th>{t("plans.tasks.dueDate")}</Table.Th>
                  <Table.Th>{t("plans.tasks.status")}</Table.Th>
                  <Table.Th>{t("plans.tasks.linkedTo")}</Table.Th>
                  {canWrite ? <Table.Th /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tasks.map((task) => (
                  <Table.Tr key={task.key}>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm" fw={600}>
                          {task.title}
                        </Text>
                        <FindingBadge findings={findings.get(task.key) ?? []} />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {doc.team?.find((m) => m.key === task.ownerKey)?.name ?? dash}
                    </Table.Td>
                    <Table.Td>{formatDate(task.dueDate, i18n.language) || dash}</Table.Td>
                    <Table.Td>
                      <Badge
                        size="sm"
                        variant="light"
                        color={taskStatusColor[task.status ?? "todo"]}
                      >
                        {t(`plans.taskStatus.${task.status ?? "todo"}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {[
                          nameOf(doc.pufu.measures, task.measureKey),
                          nameOf(doc.milestones, task.milestoneKey),
                        ]
                          .filter(Boolean)
                          .join(" / ") || dash}
                      </Text>
                    </Table.Td>
                    {canWrite ? (
                      <Table.Td ta="right">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={t("plans.tasks.editNamed", { name: task.title })}
                          onClick={() => setEditing({ kind: "task", task })}
                        >
                          {t("common.edit")}
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={
          editing?.kind === "milestone"
            ? editing.milestone
              ? t("plans.milestones.editTitle")
              : t("plans.milestones.createTitle")
            : editing?.task
              ? t("plans.tasks.editTitle")
              : t("plans.tasks.createTitle")
        }
      >
        {editing?.kind === "milestone" ? (
          <MilestoneForm
            document={doc}
            {...(editing.milestone
              ? {
                  milestone: editing.milestone,
                  onDelete: () => {
                    void editor.update(removeMilestone(editing.milestone?.key ?? ""));
                    setEditing(null);
                  },
                }
              : {})}
            onCancel={() => setEditing(null)}
            onSubmit={(values) => {
              void editor.update(
                putMilestone({ ...values, key: editing.milestone?.key ?? nextKey(doc, "ms") }),
              );
              setEditing(null);
            }}
          />
        ) : editing?.kind === "task" ? (
          <TaskForm
            document={doc}
            {...(editing.task
              ? {
                  task: editing.task,
                  onDelete: () => {
                    void editor.update(removeTask(editing.task?.key ?? ""));
                    setEditing(null);
                  },
                }
              : {})}
            onCancel={() => setEditing(null)}
            onSubmit={(values, newOwner) => {
              void editor.update(
                putTaskOwnedBy(
                  { ...values, key: editing.task?.key ?? nextKey(doc, "t") },
                  newOwner,
                ),
              );
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
};
