import ReactEChartsCore from "echarts-for-react/esm/core";
import { echarts, type LabChartOption } from "../lab-echarts";

type Props = {
  option: LabChartOption;
  height: number;
  /** Describes the chart for screen readers (the numbers are also in a table beside it). */
  label: string;
};

/** One Health Lab chart, as SVG. */
export const LabChart = ({ option, height, label }: Props) => (
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
