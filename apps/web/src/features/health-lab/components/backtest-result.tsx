import { Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { localizeText, type Scorecard } from "@michi/core";
import { useTranslation } from "react-i18next";
import { formatCount, formatDate, formatPercent } from "../../../lib/format";
import { uiLanguage } from "../../cs-settings/display-text";
import type { Backtest } from "../health-lab.queries";
import { bandChartOption, liftChartOption } from "../lab-chart-options";
import { aucVerdict, formatAuc, formatTimes, verdictColors } from "../lab-format";
import { AucSummary } from "./auc-summary";
import { LabChart } from "./lab-chart";

type Props = {
  backtest: Backtest;
  /** The scorecard tested, for its measures' names. */
  scorecard: Scorecard | undefined;
  /** In a half-width column: the charts one above the other. */
  compact?: boolean;
};

type Band = Backtest["bands"][number]["band"];

/**
 * One scorecard's backtest: how well its past scores told the accounts that
 * churned from the rest (AUC), whether red churned more than green, how much
 * the lowest scores churned above average, and each measure on its own.
 */
export const BacktestResult = ({ backtest, scorecard, compact = false }: Props) => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const lang = uiLanguage(i18n.resolvedLanguage);
  const bandLabel = (band: Band) =>
    band === "none" ? t("healthLab.bands.none") : t(`health.band.${band}`);
  const nameOf = (key: string) => {
    const measure = scorecard?.measures.find((m) => m.key === key);
    return measure ? localizeText(measure.name, lang) || key : key;
  };
  const measures = [...backtest.measures].sort(
    (a, b) => (b.auc ?? -1) - (a.auc ?? -1) || nameOf(a.key).localeCompare(nameOf(b.key)),
  );
  const firstDay = backtest.days[0];
  const lastDay = backtest.days.at(-1);
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <AucSummary auc={backtest.auc} low={backtest.aucLow} high={backtest.aucHigh} size="lg" />
        <Text size="sm" data-testid="observation-counts">
          {t("healthLab.counts", {
            observations: formatCount(backtest.observations, locale),
            churned: formatCount(backtest.churned, locale),
            horizon: backtest.horizonDays,
          })}
        </Text>
        {firstDay && lastDay ? (
          <Text size="xs" c="dimmed">
            {t("healthLab.daysUsed", {
              count: backtest.days.length,
              from: formatDate(firstDay, locale),
              to: formatDate(lastDay, locale),
            })}
          </Text>
        ) : null}
        {backtest.churned === 0 ? (
          <Text size="sm" c="orange">
            {t("healthLab.noChurn")}
          </Text>
        ) : null}
      </Stack>

      <SimpleGrid cols={{ base: 1, lg: compact ? 1 : 2 }} spacing="md">
        <Paper withBorder p="sm" radius="md">
          <Title order={4} size="h6" mb={4}>
            {t("healthLab.bands.title")}
          </Title>
          <Text size="sm" mb="xs">
            <RedVersusGreen bands={backtest.bands} />
          </Text>
          <LabChart
            option={bandChartOption(backtest.bands, bandLabel)}
            height={200}
            label={t("healthLab.bands.chartLabel")}
          />
          <Table fz="sm" withTableBorder aria-label={t("healthLab.bands.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("healthLab.bands.band")}</Table.Th>
                <Table.Th ta="right">{t("healthLab.observations")}</Table.Th>
                <Table.Th ta="right">{t("healthLab.churned")}</Table.Th>
                <Table.Th ta="right">{t("healthLab.churnRate")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {backtest.bands.map((row) => (
                <Table.Tr key={row.band} data-band={row.band}>
                  <Table.Th fw={500}>{bandLabel(row.band)}</Table.Th>
                  <Table.Td ta="right">{formatCount(row.accounts, locale)}</Table.Td>
                  <Table.Td ta="right">{formatCount(row.churned, locale)}</Table.Td>
                  <Table.Td ta="right">{formatPercent(row.churnRate, locale)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>

        <Paper withBorder p="sm" radius="md">
          <Title order={4} size="h6" mb={4}>
            {t("healthLab.lift.title")}
          </Title>
          <Text size="sm" mb="xs">
            <LowestDecile deciles={backtest.liftByDecile} />
          </Text>
          <LabChart
            option={liftChartOption(backtest.liftByDecile, {
              decile: (decile) => String(decile),
              average: t("healthLab.lift.average"),
            })}
            height={200}
            label={t("healthLab.lift.chartLabel")}
          />
          <Text size="xs" c="dimmed">
            {t("healthLab.lift.help")}
          </Text>
        </Paper>
      </SimpleGrid>

      <Stack gap={4}>
        <Title order={4} size="h6">
          {t("healthLab.measures.title")}
        </Title>
        <Text size="xs" c="dimmed">
          {t("healthLab.measures.help")}
        </Text>
        {measures.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("healthLab.measures.none")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={360}>
            <Table fz="sm" striped aria-label={t("healthLab.measures.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("healthLab.measures.measure")}</Table.Th>
                  <Table.Th ta="right">{t("healthLab.measures.auc")}</Table.Th>
                  <Table.Th>{t("healthLab.measures.verdict")}</Table.Th>
                  <Table.Th ta="right">{t("healthLab.measures.observations")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {measures.map((row) => {
                  const verdict = aucVerdict(row.auc);
                  return (
                    <Table.Tr key={row.key} data-measure={row.key}>
                      <Table.Td>{nameOf(row.key)}</Table.Td>
                      <Table.Td ta="right">{formatAuc(row.auc, locale)}</Table.Td>
                      <Table.Td>
                        {row.auc === null ? (
                          <Text span size="sm" c="dimmed">
                            —
                          </Text>
                        ) : (
                          <Text span size="sm" c={verdictColors[verdict]}>
                            {t(`healthLab.verdict.${verdict}`)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{formatCount(row.observations, locale)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Stack>
  );
};

/** The question the band chart answers, answered: did red churn more than green? */
const RedVersusGreen = ({ bands }: { bands: Backtest["bands"] }) => {
  const { t, i18n } = useTranslation();
  const red = bands.find((row) => row.band === "red");
  const green = bands.find((row) => row.band === "green");
  if (!red || !green || red.churnRate === null || green.churnRate === null) {
    return <>{t("healthLab.bands.cannotCompare")}</>;
  }
  const rates = {
    red: formatPercent(red.churnRate, i18n.language),
    green: formatPercent(green.churnRate, i18n.language),
  };
  if (red.churnRate > green.churnRate) {
    return (
      <>
        {green.churnRate > 0
          ? t("healthLab.bands.redRiskierTimes", {
              ...rates,
              times: formatTimes(red.churnRate / green.churnRate, i18n.language),
            })
          : t("healthLab.bands.redRiskier", rates)}
      </>
    );
  }
  return <>{t("healthLab.bands.redNotRiskier", rates)}</>;
};

/** How much more the lowest-scored tenth churned than the average. */
const LowestDecile = ({ deciles }: { deciles: Backtest["liftByDecile"] }) => {
  const { t, i18n } = useTranslation();
  const lowest = deciles.find((row) => row.decile === 1);
  if (!lowest || lowest.lift === null) return <>{t("healthLab.lift.noLowest")}</>;
  return (
    <>
      {t("healthLab.lift.lowest", {
        lift: formatTimes(lowest.lift, i18n.language),
        rate: formatPercent(lowest.churnRate, i18n.language),
      })}
    </>
  );
};
