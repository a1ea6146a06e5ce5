import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import { Chart } from "../../success-plans/charts/chart";
import { type ChartOption, chartColors } from "../../success-plans/charts/echarts";
import type { HealthHistoryPoint } from "../health.queries";

type Props = { history: readonly HealthHistoryPoint[] };

/** The health score over time, oldest on the left. */
export const HealthTrend = ({ history }: Props) => {
  const { t, i18n } = useTranslation();
  const points = [...history].reverse();
  if (points.every((point) => point.score === null)) {
    return (
      <Text size="sm" c="dimmed">
        {t("health.noHistory")}
      </Text>
    );
  }
  const option: ChartOption = {
    grid: { left: 40, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: "axis" },
    xAxis: {
      type: "category",
      data: points.map((point) => formatDate(point.day, i18n.language)),
      axisLabel: { color: chartColors.text },
    },
    yAxis: {
      type: "value",
      min: 0,
      max: 100,
      axisLabel: { color: chartColors.text },
      splitLine: { lineStyle: { color: chartColors.grid } },
    },
    series: [
      {
        type: "line",
        name: t("health.score"),
        data: points.map((point) => point.score),
        connectNulls: false,
        showSymbol: points.length < 40,
        lineStyle: { color: chartColors.indigo },
        itemStyle: { color: chartColors.indigo },
      },
    ],
  };
  return <Chart option={option} height={220} label={t("health.trendLabel")} />;
};
