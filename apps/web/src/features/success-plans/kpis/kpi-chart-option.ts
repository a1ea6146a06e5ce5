import { kpiPlanLine, type PlanKpi } from "@michi/core";
import { formatDate } from "../../../lib/format";
import { type ChartOption, chartColors } from "../charts/echarts";

type Labels = { actual: string; plan: string; target: string; locale: string };

/**
 * A KPI's chart: the measurements against the straight line from the baseline
 * (at the plan's start) to the target (on the due date), and the target level.
 */
export const kpiChartOption = (
  kpi: PlanKpi,
  planStart: string | undefined,
  labels: Labels,
): ChartOption => {
  const line = kpiPlanLine(kpi, planStart);
  const actual = (kpi.measurements ?? [])
    .slice()
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((m) => [m.date, m.value] as [string, number]);
  const unit = kpi.unit ?? "";
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    legend: { top: 0, left: 0, textStyle: { color: chartColors.text } },
    tooltip: { trigger: "axis", valueFormatter: (value) => `${value}${unit}` },
    xAxis: {
      type: "time",
      minInterval: 86_400_000,
      axisLine: { lineStyle: { color: chartColors.gray } },
      axisLabel: {
        hideOverlap: true,
        formatter: (value: number) =>
          new Intl.DateTimeFormat(labels.locale, {
            month: "short",
            day: "numeric",
            timeZone: "UTC",
          }).format(value),
      },
      // The tooltip's heading: ECharts would write the day as 2026-11-20 whatever the language.
      axisPointer: {
        label: {
          formatter: ({ value }: { value: unknown }) =>
            formatDate(new Date(Number(value)).toISOString(), labels.locale),
        },
      },
    },
    yAxis: {
      type: "value",
      scale: true,
      axisLabel: { formatter: `{value}${unit}` },
      splitLine: { lineStyle: { color: chartColors.grid } },
    },
    series: [
      {
        name: labels.plan,
        type: "line",
        data: line
          ? [
              [line.from.date, line.from.value],
              [line.to.date, line.to.value],
            ]
          : [],
        symbol: "none",
        lineStyle: { type: "dashed", color: chartColors.gray, width: 2 },
        itemStyle: { color: chartColors.gray },
        ...(kpi.target !== undefined
          ? {
              markLine: {
                symbol: "none",
                silent: true,
                label: {
                  formatter: `${labels.target} ${kpi.target}${unit}`,
                  position: "insideStartTop",
                },
                lineStyle: { color: chartColors.orange, type: "dotted" },
                data: [{ yAxis: kpi.target }],
              },
            }
          : {}),
      },
      {
        name: labels.actual,
        type: "line",
        data: actual,
        symbol: "circle",
        symbolSize: 8,
        lineStyle: { width: 3, color: chartColors.indigo },
        itemStyle: { color: chartColors.indigo },
      },
    ],
  };
};
