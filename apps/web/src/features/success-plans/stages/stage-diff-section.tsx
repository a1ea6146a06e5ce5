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
import { type StageRef, stageDiffQueryOptions } from "../success-plans.queries";
import { useFieldLabel } from "./field-label";

const refValue = (ref: StageRef) => String(ref);
const parseRef = (value: string | null, fallback: StageRef): StageRef =>
  value === null ? fallback : value === "current" ? "current" : Number(value);

const show = (value: unknown): string => {
  if (value === undefined || value === null || value === "") return "—";
  if (Array.isArray(value))
    return value.length === 0
      ? "—"
      : value
          .map((item) => (typeof item === "object" ? JSON.stringify(item) : String(item)))
          .join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};

type Named = { key: string; title?: string; name?: string };
const nameOf = (element: Named) => element.title ?? element.name ?? element.key;

const Changes = ({ changes }: { changes: FieldChange[] }) => {
  const label = useFieldLabel();
  return (
    <Stack gap={2}>
      {changes.map((change) => (
        <Text key={change.field} size="xs">
          <Text span fw={600}>
            {label(change.field)}
          </Text>
          {change.field.endsWith("measurements")
            ? null
            : `: ${show(change.before)} → ${show(change.after)}`}
        </Text>
      ))}
    </Stack>
  );
};

const ElementsBlock = ({ title, diff }: { title: string; diff: ElementsDiff<Named> }) => {
  const { t } = useTranslation();
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
                <Changes changes={c.changes} />
              </div>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
};

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
              <Changes changes={[...data.plan, ...data.pufu]} />
            </Paper>
          ) : null}
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
            <ElementsBlock title={t("plans.pufu.objectives")} diff={data.objectives} />
            <ElementsBlock title={t("plans.pufu.measures")} diff={data.measures} />
            <ElementsBlock title={t("plans.diff.kpis")} diff={data.kpis} />
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
                          ? `${value.before.value} (${formatDate(value.before.date, i18n.language)})`
                          : "—"}
                      </Table.Td>
                      <Table.Td ta="right">
                        {value.after
                          ? `${value.after.value} (${formatDate(value.after.date, i18n.language)})`
                          : "—"}
                      </Table.Td>
                      <Table.Td ta="right" fw={600}>
                        {value.delta === null
                          ? "—"
                          : `${value.delta > 0 ? "+" : ""}${Math.round(value.delta * 100) / 100}`}
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
