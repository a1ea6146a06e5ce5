import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from "echarts/charts";
import { BarChart, PieChart } from "echarts/charts";
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { echarts } from "../success-plans/charts/echarts";

/*
 * The plan pages' tree-shaken ECharts (line, grid, legend, tooltip, SVG)
 * plus the bar and pie charts the portfolio draws; registered here so they
 * load with this page only.
 */
echarts.use([BarChart, PieChart]);

export type PortfolioChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

export { echarts };

/** Band colours as on the Health tab (Mantine red, yellow, teal), and gray for none. */
export const bandChartColors = {
  red: "#fa5252",
  yellow: "#fab005",
  green: "#12b886",
  none: "#ced4da",
} as const;

/** Maturity levels from not started (gray) to the highest (deep indigo). */
export const levelColors = [
  "#ced4da",
  "#dbe4ff",
  "#bac8ff",
  "#91a7ff",
  "#748ffc",
  "#5c7cfa",
  "#4c6ef5",
  "#4263eb",
  "#3b5bdb",
  "#364fc7",
];
