import { Center, Grid, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { type Backtest, type BacktestBody, backtestQueryOptions } from "../health-lab.queries";
import { rocChartOption } from "../lab-chart-options";
import { columnColors } from "../lab-echarts";
import { formatAuc } from "../lab-format";
import type { LabPeriod } from "../lab-period";
import type { ScorecardChoice } from "../scorecard-choices";
import { BacktestResult } from "./backtest-result";
import { LabChart } from "./lab-chart";
import { useChoiceLabel } from "./scorecard-picker";

/** A question asked: the period, and the one or two scorecards to test on it. */
export type LabRun = {
  period: LabPeriod;
  columns: [ScorecardChoice, ScorecardChoice | null];
};

const bodyOf = (period: LabPeriod, choice: ScorecardChoice): BacktestBody => ({
  ...period,
  scorecard: choice.target,
});

/** Stands in for the second column when there is none; never sent (the query is disabled). */
const NOT_ASKED: BacktestBody = { from: "", to: "", everyDays: 0, horizonDays: 0, scorecard: "" };

type Answer = { data: Backtest | undefined; error: unknown };

/**
 * One or two scorecards backtested on the same days, side by side, with
 * their ROC curves on one chart so the better one shows at a glance.
 */
export const BacktestComparison = ({ run }: { run: LabRun }) => {
  const { t, i18n } = useTranslation();
  const [a, b] = run.columns;
  const first = useQuery(backtestQueryOptions(bodyOf(run.period, a)));
  const second = useQuery({
    ...backtestQueryOptions(b ? bodyOf(run.period, b) : NOT_ASKED),
    enabled: b !== null,
  });
  const answered = [
    first.data ? { choice: a, backtest: first.data } : null,
    b && second.data ? { choice: b, backtest: second.data } : null,
  ].filter((entry): entry is { choice: ScorecardChoice; backtest: Backtest } => entry !== null);
  const columns: [ScorecardChoice, Answer][] = [
    [a, first],
    ...(b ? [[b, second] as [ScorecardChoice, Answer]] : []),
  ];
  return (
    <Stack gap="md">
      {answered.length > 0 ? (
        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h5" mb={4}>
            {t("healthLab.roc.title")}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t("healthLab.roc.help")}
          </Text>
          <LabChart
            option={rocChartOption(
              answered.map(({ choice, backtest }) => ({
                name: `${choice.name} (AUC ${formatAuc(backtest.auc, i18n.language)})`,
                roc: backtest.roc,
              })),
              {
                x: t("healthLab.roc.x"),
                y: t("healthLab.roc.y"),
                chance: t("healthLab.roc.chance"),
              },
            )}
            height={320}
            label={t("healthLab.roc.chartLabel", {
              names: answered.map(({ choice }) => choice.name).join(" / "),
            })}
          />
        </Paper>
      ) : null}
      <Grid gap="md">
        {columns.map(([choice, answer], index) => (
          <Grid.Col key={choice.value} span={{ base: 12, md: b ? 6 : 12 }}>
            <Column choice={choice} answer={answer} compact={b !== null} index={index} />
          </Grid.Col>
        ))}
      </Grid>
    </Stack>
  );
};

const Column = ({
  choice,
  answer,
  compact,
  index,
}: {
  choice: ScorecardChoice;
  answer: Answer;
  compact: boolean;
  index: number;
}) => {
  const { t } = useTranslation();
  const labelOf = useChoiceLabel();
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      h="100%"
      component="section"
      aria-label={labelOf(choice)}
      style={{ borderTop: `4px solid ${columnColors[index]}` }}
    >
      <Stack gap="md">
        <Title order={3} size="h5">
          {labelOf(choice)}
        </Title>
        {answer.data ? (
          <BacktestResult backtest={answer.data} scorecard={choice.scorecard} compact={compact} />
        ) : answer.error ? (
          <ApiErrorAlert error={answer.error} />
        ) : (
          <Center py="lg">
            <Stack align="center" gap={4}>
              <Loader size="sm" aria-label={t("healthLab.running")} />
              <Text size="sm" c="dimmed">
                {t("healthLab.running")}
              </Text>
            </Stack>
          </Center>
        )}
      </Stack>
    </Paper>
  );
};
