import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import { BarChart } from "echarts/charts";
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { chartColors, echarts } from "../success-plans/charts/echarts";

/*
 * The plan pages' tree-shaken ECharts (line, grid, legend, tooltip, mark
 * lines, SVG) plus bars; registered here so they load with the Lab only.
 */
echarts.use([BarChart]);

export type LabChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

export { chartColors, echarts };

/** Band colours as elsewhere (Mantine red, yellow, teal), gray for "not enough data". */
export const bandHex = {
  red: "#fa5252",
  yellow: "#fab005",
  green: "#12b886",
  none: "#adb5bd",
} as const;

/** The two columns' colours: the first scorecard indigo, the one compared with orange. */
export const columnColors = [chartColors.indigo, chartColors.orange] as const;
