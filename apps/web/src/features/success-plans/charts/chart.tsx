import ReactEChartsCore from "echarts-for-react/esm/core";
import { type ChartOption, echarts } from "./echarts";

type Props = {
  option: ChartOption;
  height: number;
  /** Describes the chart for screen readers (the data is also in a table beside it). */
  label: string;
  onEvents?: Record<string, (params: unknown) => void>;
};

/** One ECharts chart, rendered as SVG. */
export const Chart = ({ option, height, label, onEvents }: Props) => (
  <div role="img" aria-label={label}>
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      opts={{ renderer: "svg" }}
      style={{ height, width: "100%" }}
      {...(onEvents ? { onEvents } : {})}
    />
  </div>
);
