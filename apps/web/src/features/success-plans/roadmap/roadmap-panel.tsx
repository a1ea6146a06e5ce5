import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  EmptyState,
  Grid,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import type { PlanRoadmapItem } from "@michi/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { formatDate } from "../../../lib/format";
import { Chart } from "../charts/chart";
import { moveRoadmapItem, nextKey, putRoadmapItem, removeRoadmapItem } from "../plan-edits";
import { useFindingMessage } from "../plan-findings";
import type { PlanEditor } from "../use-plan-editor";
import { roadmapChartOption } from "./roadmap-chart-option";
import { RoadmapItemForm } from "./roadmap-item-form";

type Editing = { mode: "create" } | { mode: "edit"; item: PlanRoadmapItem } | null;
const statusColor = {
  planned: "indigo",
  inProgress: "orange",
  done: "teal",
  dropped: "gray",
} as const;

/** The improvement roadmap: items in priority order, and where each sits on impact × difficulty. */
export const RoadmapPanel = ({ editor, canWrite }: { editor: PlanEditor; canWrite: boolean }) => {
  const { t, i18n } = useTranslation();
  const message = useFindingMessage();
  const items = editor.document.roadmap ?? [];
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<PlanRoadmapItem | null>(null);
  const option = useMemo(
    () =>
      roadmapChartOption(items, {
        quickWins: t("plans.roadmap.quickWins"),
        majorProjects: t("plans.roadmap.majorProjects"),
        fillIns: t("plans.roadmap.fillIns"),
        reconsider: t("plans.roadmap.reconsider"),
        impact: t("plans.roadmap.impact"),
        difficulty: t("plans.roadmap.difficulty"),
      }),
    [items, t],
  );
  const tooMany = editor.findings.filter((f) => f.code === "too-many-in-progress");
  const open = (key: string) => {
    const item = items.find((candidate) => candidate.key === key);
    if (item && canWrite) setEditing({ mode: "edit", item });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("plans.roadmap.hint")}
        </Text>
        {canWrite ? (
          <Button onClick={() => setEditing({ mode: "create" })}>{t("plans.roadmap.add")}</Button>
        ) : null}
      </Group>
      {tooMany.map((finding) => (
        <Alert
          key={finding.target}
          color="orange"
          variant="light"
          title={t("plans.severity.warning")}
        >
          {message(finding)}
        </Alert>
      ))}
      {items.length === 0 ? (
        <EmptyState
          py="lg"
          title={t("plans.roadmap.empty")}
          description={t("plans.roadmap.emptyDescription")}
        />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Title order={3} size="h5" mb="xs">
              {t("plans.roadmap.priority")}
            </Title>
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="sm" aria-label={t("plans.roadmap.priority")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>#</Table.Th>
                    <Table.Th>{t("plans.roadmap.process")}</Table.Th>
                    <Table.Th ta="center" style={{ whiteSpace: "nowrap" }}>
                      {t("plans.roadmap.impactShort")}
                    </Table.Th>
                    <Table.Th ta="center" style={{ whiteSpace: "nowrap" }}>
                      {t("plans.roadmap.difficultyShort")}
                    </Table.Th>
                    <Table.Th w={96}>{t("plans.roadmap.status")}</Table.Th>
                    {canWrite ? <Table.Th ta="right">{t("common.actions")}</Table.Th> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item, index) => (
                    <Table.Tr key={item.key}>
                      <Table.Td fw={700}>{index + 1}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {item.process}
                        </Text>
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {[item.purpose, item.how].filter(Boolean).join(" — ")}
                        </Text>
                        {item.howMuch || item.startDate ? (
                          <Text size="xs" mt={2}>
                            {[
                              item.howMuch,
                              item.startDate
                                ? t("plans.roadmap.startsOn", {
                                    date: formatDate(item.startDate, i18n.language),
                                  })
                                : "",
                            ]
                              .filter(Boolean)
                              .join(" · ")}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td ta="center">{item.impact ?? "—"}</Table.Td>
                      <Table.Td ta="center">{item.difficulty ?? "—"}</Table.Td>
                      <Table.Td>
                        <Badge
                          size="sm"
                          variant="light"
                          color={statusColor[item.status ?? "planned"]}
                        >
                          {t(`plans.measureStatus.${item.status ?? "planned"}`)}
                        </Badge>
                      </Table.Td>
                      {canWrite ? (
                        <Table.Td>
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <ActionIcon
                              variant="subtle"
                              disabled={index === 0}
                              aria-label={t("plans.roadmap.moveUp", { name: item.process })}
                              onClick={() => void editor.update(moveRoadmapItem(item.key, -1))}
                            >
                              ↑
                            </ActionIcon>
                            <ActionIcon
                              variant="subtle"
                              disabled={index === items.length - 1}
                              aria-label={t("plans.roadmap.moveDown", { name: item.process })}
                              onClick={() => void editor.update(moveRoadmapItem(item.key, 1))}
                            >
                              ↓
                            </ActionIcon>
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              aria-label={t("plans.roadmap.editNamed", { name: item.process })}
                              onClick={() => setEditing({ mode: "edit", item })}
                            >
                              {t("common.edit")}
                            </Button>
                          </Group>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Paper withBorder radius="md" p="sm">
              <Title order={3} size="h5" mb="xs">
                {t("plans.roadmap.matrix")}
              </Title>
              <Chart
                option={option}
                height={360}
                label={t("plans.roadmap.matrixLabel")}
                onEvents={{
                  click: (params) => {
                    const key = (params as { data?: { key?: string } }).data?.key;
                    if (key) open(key);
                  },
                }}
              />
              <Text size="xs" c="dimmed">
                {canWrite ? t("plans.roadmap.matrixHint") : t("plans.roadmap.matrixHintReadOnly")}
              </Text>
            </Paper>
          </Grid.Col>
        </Grid>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing?.mode === "edit" ? t("plans.roadmap.editTitle") : t("plans.roadmap.createTitle")
        }
        size="lg"
      >
        {editing ? (
          <RoadmapItemForm
            document={editor.document}
            {...(editing.mode === "edit"
              ? { item: editing.item, onDelete: () => setDeleting(editing.item) }
              : {})}
            onCancel={() => setEditing(null)}
            onSubmit={(values) => {
              const key =
                editing.mode === "edit" ? editing.item.key : nextKey(editor.document, "r");
              void editor.update(putRoadmapItem({ ...values, key }));
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t("plans.roadmap.deleteTitle")}
        message={t("plans.roadmap.deleteBody", { name: deleting?.process ?? "" })}
        confirmLabel={t("common.delete")}
        onConfirm={() => {
          if (deleting) void editor.update(removeRoadmapItem(deleting.key));
          setDeleting(null);
          setEditing(null);
        }}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
};
