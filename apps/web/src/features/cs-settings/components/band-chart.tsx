import type { BarSeriesOption } from "echarts/charts";
import { BarChart } from "echarts/charts";
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { echarts } from "../../success-plans/charts/echarts";

// The shared setup registers line and scatter charts; the preview also draws bars.
echarts.use([BarChart]);

export type BarChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** A bar chart as SVG, labelled for screen readers (the numbers are also in a table). */
export const BandChart = ({
  option,
  height,
  label,
}: {
  option: BarChartOption;
  height: number;
  label: string;
}) => (
  <div role="img" aria-label={label}>
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      opts={{ renderer: "svg" }}
      style={{ height, width: "100%" }}
    />
  </div>
);
