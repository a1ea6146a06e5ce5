import {
  Badge,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import type { ElementsDiff, FieldChange, PlanDiff } from "@michi/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatDate } from "../../../lib/format";
import { formatKpiValue } from "../kpis/kpi-format";
import { type StageRef, stageDiffQueryOptions } from "../success-plans.queries";
import { type DiffSection, formatChangeValue } from "./change-value";
import { useFieldLabel } from "./field-label";

const refValue = (ref: StageRef) => String(ref);
const parseRef = (value: string | null, fallback: StageRef): StageRef =>
  value === null ? fallback : value === "current" ? "current" : Number(value);

type Named = { key: string; unit?: string };

type ChangesProps = {
  changes: FieldChange[];
  section: DiffSection;
  names: PlanDiff["names"];
  unit?: string | undefined;
};

const Changes = ({ changes, section, names, unit }: ChangesProps) => {
  const { t, i18n } = useTranslation();
  const label = useFieldLabel();
  const ctx = { section, names, unit, t, lang: i18n.language };
  return (
    <Stack gap={2}>
      {changes.map((change) => (
        <Text key={change.field} size="xs">
          <Text span fw={600}>
            {label(change.field, section)}
          </Text>
          {change.field.endsWith("measurements")
            ? null
            : `: ${formatChangeValue(change.field, change.before, ctx)} → ${formatChangeValue(change.field, change.after, ctx)}`}
        </Text>
      ))}
    </Stack>
  );
};

type ElementsBlockProps = {
  title: string;
  section: DiffSection;
  diff: ElementsDiff<Named>;
  names: PlanDiff["names"];
};

const ElementsBlock = ({ title, section, diff, names }: ElementsBlockProps) => {
  const { t } = useTranslation();
  const nameOf = (element: Named) => names[element.key] ?? element.key;
  const empty = diff.added.length + diff.removed.length + diff.changed.length === 0;
  return (
    <Paper withBorder radius="md" p="sm">
      <Text fw={700} size="sm" mb={6}>
        {title}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t("plans.diff.noChange")}
        </Text>
      ) : (
        <Stack gap={6}>
          {diff.added.map((e) => (
            <Group key={`a-${e.key}`} gap={6} wrap="nowrap" align="flex-start">
              <Badge size="xs" color="teal">
                {t("plans.diff.added")}
              </Badge>
              <Text size="sm">{nameOf(e)}</Text>
            </Group>
          ))}
          {diff.removed.map((e) => (
            <Group key={`r-${e.key}`} gap={6} wrap="nowrap" align="flex-start">
              <Badge size="xs" color="red">
                {t("plans.diff.removed")}
              </Badge>
              <Text size="sm" td="line-through">
                {nameOf(e)}
              </Text>
            </Group>
          ))}
          {diff.changed.map((c) => (
            <Group key={`c-${c.key}`} gap={6} wrap="nowrap" align="flex-start">
              <Badge size="xs" color="orange">
                {t("plans.diff.changed")}
              </Badge>
              <div>
                <Text size="sm">{nameOf(c.after)}</Text>
                <Changes
                  changes={c.changes}
                  section={section}
                  names={names}
                  unit={c.after.unit ?? c.before.unit}
                />
              </div>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
};

const signed = (value: number, unit: string | undefined, lang: string) =>
  `${value > 0 ? "+" : ""}${formatKpiValue(Math.round(value * 100) / 100, unit, lang)}`;

type ElementSection = Exclude<DiffSection, "plan" | "pufu">;

/** What changed between two stages (or a stage and now): elements, fields, KPI values then and now. */
export const StageDiffSection = ({
  planId,
  version,
  stages,
}: {
  planId: string;
  version: number;
  stages: number[];
}) => {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState<StageRef>(stages[stages.length - 1] ?? 1);
  const [to, setTo] = useState<StageRef>("current");
  const options = [
    ...stages.map((n) => ({ value: String(n), label: t("plans.stageNumber", { number: n }) })),
    { value: "current", label: t("plans.diff.current") },
  ];
  const diff = useQuery({
    ...stageDiffQueryOptions(planId, { from, to, version }),
    placeholderData: keepPreviousData,
  });
  const data: PlanDiff | undefined = diff.data?.diff;
  // An older server's diff has no names: keys then show as written.
  const names = data?.names ?? {};
  const blocks: { section: ElementSection; title: string }[] = [
    { section: "objectives", title: t("plans.pufu.objectives") },
    { section: "measures", title: t("plans.pufu.measures") },
    { section: "kpis", title: t("plans.diff.kpis") },
    { section: "roadmap", title: t("plans.tabs.roadmap") },
    { section: "milestones", title: t("plans.milestones.title") },
    { section: "tasks", title: t("plans.tasks.title") },
    { section: "team", title: t("plans.team.title") },
    { section: "meetingCadences", title: t("plans.meetings.cadences") },
    { section: "failurePatterns", title: t("plans.meetings.failurePatterns") },
  ];

  return (
    <Stack gap="sm" component="section" aria-label={t("plans.diff.title")}>
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h5">
          {t("plans.diff.title")}
        </Title>
        <Group gap="sm" align="flex-end">
          <Select
            label={t("plans.diff.from")}
            data={options}
            value={refValue(from)}
            onChange={(v) => setFrom(parseRef(v, from))}
            allowDeselect={false}
            w={160}
          />
          <Select
            label={t("plans.diff.to")}
            data={options}
            value={refValue(to)}
            onChange={(v) => setTo(parseRef(v, to))}
            allowDeselect={false}
            w={160}
          />
          {diff.isFetching ? <Loader size="xs" aria-label={t("common.loading")} /> : null}
        </Group>
      </Group>
      <ApiErrorAlert error={diff.error} />
      {data ? (
        <>
          {[...data.plan, ...data.pufu].length > 0 ? (
            <Paper withBorder radius="md" p="sm">
              <Text fw={700} size="sm" mb={6}>
                {t("plans.diff.planFields")}
              </Text>
              <Stack gap={2}>
                <Changes changes={data.plan} section="plan" names={names} />
                <Changes changes={data.pufu} section="pufu" names={names} />
              </Stack>
            </Paper>
          ) : null}
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
            {blocks.map((block) => (
              <ElementsBlock
                key={block.section}
                title={block.title}
                section={block.section}
                diff={data[block.section]}
                names={names}
              />
            ))}
          </SimpleGrid>
          {data.kpiValues.length > 0 ? (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing={6} aria-label={t("plans.diff.kpiValues")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("plans.kpis.name")}</Table.Th>
                    <Table.Th ta="right">{t("plans.diff.then")}</Table.Th>
                    <Table.Th ta="right">{t("plans.diff.now")}</Table.Th>
                    <Table.Th ta="right">{t("plans.diff.delta")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.kpiValues.map((value) => (
                    <Table.Tr key={value.key}>
                      <Table.Td>{value.name}</Table.Td>
                      <Table.Td ta="right">
                        {value.before
                          ? `${formatKpiValue(value.before.value, value.unit, i18n.language)} (${formatDate(value.before.date, i18n.language)})`
                          : "—"}
                      </Table.Td>
                      <Table.Td ta="right">
                        {value.after
                          ? `${formatKpiValue(value.after.value, value.unit, i18n.language)} (${formatDate(value.after.date, i18n.language)})`
                          : "—"}
                      </Table.Td>
                      <Table.Td ta="right" fw={600}>
                        {value.delta === null
                          ? "—"
                          : signed(value.delta, value.unit, i18n.language)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
};
