import { Button, Grid, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { kpiProgress, type PlanKpi } from "@michi/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatDate } from "../../../lib/format";
import { Chart } from "../charts/chart";
import { putKpi } from "../plan-edits";
import type { PlanEditor } from "../use-plan-editor";
import { kpiChartOption } from "./kpi-chart-option";
import { formatKpiValue } from "./kpi-format";
import { MeasurementForm } from "./measurement-form";

type Props = { editor: PlanEditor; kpi: PlanKpi; canWrite: boolean };

/** One KPI: its chart (actuals against the plan line), its measurements, and a form to add one. */
export const KpiDetail = ({ editor, kpi, canWrite }: Props) => {
  const { t, i18n } = useTranslation();
  const progress = kpiProgress(kpi, editor.today);
  const option = useMemo(
    () =>
      kpiChartOption(kpi, editor.document.period?.start, {
        actual: t("plans.kpis.actual"),
        plan: t("plans.kpis.planLine"),
        target: t("plans.kpis.target"),
        locale: i18n.language,
      }),
    [kpi, editor.document.period?.start, t, i18n.language],
  );
  const measurements = [...(kpi.measurements ?? [])].reverse();
  const removeMeasurement = (index: number) => {
    const list = [...(kpi.measurements ?? [])];
    list.splice(list.length - 1 - index, 1);
    void editor.update(putKpi({ ...kpi, measurements: list }));
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={kpi.name}>
      <Stack gap="md">
        <Title order={3} size="h4">
          {kpi.name}
          {progress.percent !== null ? (
            <Text span c="dimmed" fw={500} ml="sm">
              {t("plans.kpis.progressOf", { percent: Math.round(progress.percent) })}
            </Text>
          ) : null}
        </Title>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Chart
              option={option}
              height={300}
              label={t("plans.kpis.chartLabel", { name: kpi.name })}
            />
            {!editor.document.period?.start ||
            kpi.baseline === undefined ||
            kpi.target === undefined ||
            !kpi.dueDate ? (
              <Text size="xs" c="dimmed">
                {t("plans.kpis.noPlanLine")}
              </Text>
            ) : null}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="sm">
              {canWrite ? (
                <>
                  <MeasurementForm
                    today={editor.today}
                    unit={kpi.unit}
                    pending={editor.addMeasurement.isPending}
                    onSubmit={(input) =>
                      editor.addMeasurement
                        .mutateAsync({ key: kpi.key, input })
                        .catch(() => undefined)
                    }
                  />
                  <ApiErrorAlert error={editor.addMeasurement.error} />
                </>
              ) : null}
              <Table.ScrollContainer minWidth={320} mah={260}>
                <Table verticalSpacing={6} aria-label={t("plans.kpis.measurements")}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("plans.kpis.measurementDate")}</Table.Th>
                      <Table.Th ta="right">{t("plans.kpis.measurementValue")}</Table.Th>
                      <Table.Th>{t("plans.kpis.measurementNote")}</Table.Th>
                      {canWrite ? <Table.Th /> : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {measurements.length === 0 ? (
                      <Table.Tr>
                        <Table.Td colSpan={4}>
                          <Text size="sm" c="dimmed">
                            {t("plans.kpis.noMeasurements")}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ) : (
                      measurements.map((m, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a measurement has no identity but its place; two may share date and value.
                        <Table.Tr key={`${m.date}-${index}`}>
                          <Table.Td>{formatDate(m.date, i18n.language)}</Table.Td>
                          <Table.Td ta="right" fw={600}>
                            {formatKpiValue(m.value, kpi.unit, i18n.language)}
                          </Table.Td>
                          <Table.Td>{m.note ?? ""}</Table.Td>
                          {canWrite ? (
                            <Table.Td ta="right">
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                color="red"
                                aria-label={t("plans.kpis.deleteMeasurementNamed", {
                                  date: m.date,
                                })}
                                onClick={() => removeMeasurement(index)}
                              >
                                {t("common.delete")}
                              </Button>
                            </Table.Td>
                          ) : null}
                        </Table.Tr>
                      ))
                    )}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </Paper>
  );
};
