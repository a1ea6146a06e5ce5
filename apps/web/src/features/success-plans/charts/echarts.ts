import type { LineSeriesOption, ScatterSeriesOption } from "echarts/charts";
import { LineChart, ScatterChart } from "echarts/charts";
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

/*
 * ECharts, tree-shaken: only the charts and components the plan pages draw.
 * The SVG renderer keeps charts sharp when a plan is printed to PDF.
 */
echarts.use([
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

export { echarts };

/** Mantine's palette, as ECharts needs literal colours. */
export const chartColors = {
  indigo: "#4c6ef5",
  teal: "#12b886",
  orange: "#fd7e14",
  red: "#fa5252",
  gray: "#868e96",
  grid: "#e9ecef",
  text: "#495057",
};
