import ReactEChartsCore from "echarts-for-react/esm/core";
import { echarts, type PortfolioChartOption } from "../portfolio-echarts";

type Props = {
  option: PortfolioChartOption;
  height: number;
  /** Describes the chart for screen readers (the numbers are also in text beside it). */
  label: string;
};

/** One ECharts chart of the portfolio, rendered as SVG. */
export const PortfolioChart = ({ option, height, label }: Props) => (
  <div role="img" aria-label={label}>
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      lazyUpdate
      opts={{ renderer: "svg" }}
      style={{ height, width: "100%" }}
    />
  </div>
);
