import { describe, expect, it } from "vitest";
import { bandChartOption, liftChartOption, rocChartOption } from "./lab-chart-options";
import { backtestFixture } from "./test-fixtures";

describe("Lab chart options", () => {
  it("draws each ROC curve as (fpr, tpr) over the chance diagonal", () => {
    const option = rocChartOption(
      [
        { name: "A", roc: backtestFixture.roc },
        { name: "B", roc: [{ fpr: 0, tpr: 0, threshold: null }] },
      ],
      { x: "x", y: "y", chance: "偶然" },
    );
    const series = option.series as { name: string; data: number[][] }[];
    expect(series.map((s) => s.name)).toEqual(["A", "B", "偶然"]);
    expect(series[0]?.data).toEqual([
      [0, 0],
      [0.2, 0.55],
      [1, 1],
    ]);
    expect(series[2]?.data).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it("shows churn rates as percentages per band, leaving out empty bands", () => {
    const option = bandChartOption(backtestFixture.bands, (band) => band);
    expect((option.xAxis as { data: string[] }).data).toEqual(["red", "yellow", "green"]);
    const [bars] = option.series as { data: { value: number }[] }[];
    expect(bars?.data.map((bar) => bar.value)).toEqual([12, 3.5, 3]);
  });

  it("shows lift per decile with the line of no lift at 1", () => {
    const option = liftChartOption(backtestFixture.liftByDecile, {
      decile: String,
      average: "平均",
    });
    const [bars] = option.series as {
      data: { value: number }[];
      markLine: { data: { yAxis: number }[] };
    }[];
    expect(bars?.data[0]?.value).toBe(4);
    expect(bars?.markLine.data).toEqual([{ yAxis: 1 }]);
  });
});
