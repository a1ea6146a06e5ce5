import type { Backtest } from "./health-lab.queries";
import { bandHex, chartColors, columnColors, type LabChartOption } from "./lab-echarts";

/*
 * ECharts options of the Lab's charts, built from a backtest and the texts
 * of the UI language. Pure, so the shapes can be tested without drawing.
 * No animation: a result is read at once, and a screenshot or print shows
 * it whole.
 */

const axisLabel = { color: chartColors.text };
const splitLine = { lineStyle: { color: chartColors.grid } };
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export type RocCurve = { name: string; roc: Backtest["roc"] };

/** One or two ROC curves over the diagonal a coin toss would draw. */
export const rocChartOption = (
  curves: readonly RocCurve[],
  texts: { x: string; y: string; chance: string },
): LabChartOption => ({
  animation: false,
  grid: { left: 56, right: 16, top: 36, bottom: 56 },
  tooltip: { trigger: "item" },
  legend: { top: 0, textStyle: { color: chartColors.text } },
  xAxis: {
    type: "value",
    min: 0,
    max: 1,
    name: texts.x,
    nameLocation: "middle",
    nameGap: 30,
    axisLabel,
    splitLine,
  },
  yAxis: {
    type: "value",
    min: 0,
    max: 1,
    name: texts.y,
    nameLocation: "middle",
    nameGap: 40,
    axisLabel,
    splitLine,
  },
  series: [
    ...curves.map((curve, index) => ({
      type: "line" as const,
      name: curve.name,
      showSymbol: false,
      lineStyle: { width: 2, color: columnColors[index] ?? chartColors.teal },
      itemStyle: { color: columnColors[index] ?? chartColors.teal },
      data: curve.roc.map((point) => [round(point.fpr, 4), round(point.tpr, 4)]),
    })),
    {
      type: "line" as const,
      name: texts.chance,
      showSymbol: false,
      silent: true,
      lineStyle: { type: "dashed" as const, color: chartColors.gray, width: 1 },
      itemStyle: { color: chartColors.gray },
      data: [
        [0, 0],
        [1, 1],
      ],
    },
  ],
});

/** Churn rate per band, each bar in its band's colour; bands with no observation left out. */
export const bandChartOption = (
  bands: Backtest["bands"],
  labelOf: (band: Backtest["bands"][number]["band"]) => string,
): LabChartOption => {
  const shown = bands.filter((row) => row.accounts > 0);
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 24, bottom: 28 },
    tooltip: { trigger: "axis", valueFormatter: (value) => `${value}%` },
    xAxis: { type: "category", data: shown.map((row) => labelOf(row.band)), axisLabel },
    yAxis: {
      type: "value",
      min: 0,
      axisLabel: { ...axisLabel, formatter: "{value}%" },
      splitLine,
    },
    series: [
      {
        type: "bar",
        data: shown.map((row) => ({
          value: row.churnRate === null ? 0 : round(row.churnRate * 100),
          itemStyle: { color: bandHex[row.band] },
        })),
        label: { show: true, position: "top", color: chartColors.text, formatter: "{c}%" },
      },
    ],
  };
};

/** Lift per score decile (1: the lowest scores), with the line of no lift at 1. */
export const liftChartOption = (
  deciles: Backtest["liftByDecile"],
  texts: { decile: (decile: number) => string; average: string },
): LabChartOption => ({
  animation: false,
  grid: { left: 40, right: 16, top: 24, bottom: 28 },
  tooltip: { trigger: "axis", valueFormatter: (value) => `${value}×` },
  xAxis: {
    type: "category",
    data: deciles.map((row) => texts.decile(row.decile)),
    axisLabel,
  },
  yAxis: { type: "value", min: 0, axisLabel: { ...axisLabel, formatter: "{value}×" }, splitLine },
  series: [
    {
      type: "bar",
      data: deciles.map((row) => ({
        value: row.lift === null ? 0 : round(row.lift, 2),
        itemStyle: {
          color: row.lift !== null && row.lift > 1 ? chartColors.red : chartColors.teal,
        },
      })),
      markLine: {
        silent: true,
        symbol: "none",
        label: { formatter: texts.average, color: chartColors.text, position: "insideEndTop" },
        lineStyle: { type: "dashed", color: chartColors.gray },
        data: [{ yAxis: 1 }],
      },
    },
  ],
});
