import {
  Badge,
  Button,
  EmptyState,
  Group,
  Modal,
  Progress,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { kpiProgress, type PlanKpi } from "@michi/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { formatDate } from "../../../lib/format";
import { nextKey, putKpi, removeKpi } from "../plan-edits";
import type { PlanEditor } from "../use-plan-editor";
import { KpiDetail } from "./kpi-detail";
import { KpiForm } from "./kpi-form";
import { formatKpiValue } from "./kpi-format";

type Editing = { mode: "create" } | { mode: "edit"; kpi: PlanKpi } | null;

/** The KGI/KPI sheet: every KPI's definition and progress; the chosen one's chart and measurements. */
export const KpisPanel = ({ editor, canWrite }: { editor: PlanEditor; canWrite: boolean }) => {
  const { t, i18n } = useTranslation();
  const kpis = editor.document.kpis ?? [];
  const [selectedKey, setSelectedKey] = useState<string | null>(kpis[0]?.key ?? null);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<PlanKpi | null>(null);
  const selected = kpis.find((k) => k.key === selectedKey) ?? kpis[0];
  const winKeys = new Set(editor.document.pufu.winCondition.kpiKeys ?? []);

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text fw={600}>{t("plans.kpis.sheet")}</Text>
        {canWrite ? (
          <Button onClick={() => setEditing({ mode: "create" })}>{t("plans.kpis.add")}</Button>
        ) : null}
      </Group>
      {kpis.length === 0 ? (
        <EmptyState
          py="lg"
          title={t("plans.kpis.empty")}
          description={t("plans.kpis.emptyDescription")}
        />
      ) : (
        <Table.ScrollContainer minWidth={1120}>
          <Table verticalSpacing="sm" highlightOnHover aria-label={t("plans.kpis.sheet")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th miw={240}>{t("plans.kpis.name")}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                  {t("plans.kpis.baseline")}
                </Table.Th>
                <Table.Th ta="right">{t("plans.kpis.target")}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                  {t("plans.kpis.latest")}
                </Table.Th>
                <Table.Th w={150}>{t("plans.kpis.progress")}</Table.Th>
                <Table.Th>{t("plans.kpis.dueDate")}</Table.Th>
                <Table.Th>{t("plans.kpis.evaluationMethod")}</Table.Th>
                <Table.Th>{t("plans.kpis.dataSource")}</Table.Th>
                <Table.Th style={{ whiteSpace: "nowrap" }}>{t("plans.kpis.aggregation")}</Table.Th>
                {canWrite ? <Table.Th ta="right">{t("common.actions")}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {kpis.map((kpi) => {
                const progress = kpiProgress(kpi, editor.today);
                return (
                  <Table.Tr
                    key={kpi.key}
                    bg={kpi.key === selected?.key ? "var(--mantine-color-indigo-0)" : undefined}
                  >
                    <Table.Td>
                      <UnstyledButton
                        onClick={() => setSelectedKey(kpi.key)}
                        aria-label={t("plans.kpis.showNamed", { name: kpi.name })}
                      >
                        <Group gap={6} wrap="nowrap">
                          <Badge
                            size="xs"
                            variant={kpi.kind === "kgi" ? "filled" : "light"}
                            color="indigo"
                          >
                            {t(`plans.kpiKind.${kpi.kind}`)}
                          </Badge>
                          <Text size="sm" fw={600}>
                            {kpi.name}
                          </Text>
                          {winKeys.has(kpi.key) ? (
                            <Badge
                              size="xs"
                              variant="outline"
                              color="orange"
                              style={{ flexShrink: 0 }}
                            >
                              {t("plans.pufu.winCondition")}
                            </Badge>
                          ) : null}
                        </Group>
                      </UnstyledButton>
                    </Table.Td>
                    <Table.Td ta="right">
                      {formatKpiValue(kpi.baseline, kpi.unit, i18n.language)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {formatKpiValue(kpi.target, kpi.unit, i18n.language)}
                      <Text size="xs" c="dimmed">
                        {t(`plans.kpiDirection.${progress.direction}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {formatKpiValue(progress.latest?.value, kpi.unit, i18n.language)}
                    </Table.Td>
                    <Table.Td>
                      {progress.percent === null ? (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      ) : (
                        <Group gap={6} wrap="nowrap">
                          <Progress
                            value={progress.percent}
                            color={progress.reached ? "teal" : "indigo"}
                            flex={1}
                            aria-hidden
                          />
                          <Text size="sm" fw={600} w={40} ta="right">
                            {Math.round(progress.percent)}%
                          </Text>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDate(kpi.dueDate, i18n.language) || "—"}</Table.Td>
                    <Table.Td maw={220}>
                      <Text size="sm" lineClamp={2}>
                        {kpi.evaluationMethod || "—"}
                      </Text>
                    </Table.Td>
                    <Table.Td>{kpi.dataSource || "—"}</Table.Td>
                    <Table.Td>{kpi.aggregation || "—"}</Table.Td>
                    {canWrite ? (
                      <Table.Td ta="right">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={t("plans.kpis.editNamed", { name: kpi.name })}
                          onClick={() => setEditing({ mode: "edit", kpi })}
                        >
                          {t("common.edit")}
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {selected ? (
        <KpiDetail key={selected.key} editor={editor} kpi={selected} canWrite={canWrite} />
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === "edit" ? t("plans.kpis.editTitle") : t("plans.kpis.createTitle")}
        size="xl"
      >
        {editing ? (
          <KpiForm
            {...(editing.mode === "edit" ? { kpi: editing.kpi } : {})}
            onCancel={() => setEditing(null)}
            {...(editing.mode === "edit" ? { onDelete: () => setDeleting(editing.kpi) } : {})}
            onSubmit={(values) => {
              const key = editing.mode === "edit" ? editing.kpi.key : nextKey(editor.document, "k");
              const measurements = editing.mode === "edit" ? editing.kpi.measurements : undefined;
              void editor.update(
                putKpi({ ...values, key, ...(measurements ? { measurements } : {}) }),
              );
              setSelectedKey(key);
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t("plans.kpis.deleteTitle")}
        message={t("plans.kpis.deleteBody", { name: deleting?.name ?? "" })}
        confirmLabel={t("common.delete")}
        onConfirm={() => {
          if (deleting) void editor.update(removeKpi(deleting.key));
          setDeleting(null);
          setEditing(null);
        }}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
};
