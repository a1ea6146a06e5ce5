import type { PlanKpi } from "@michi/core";
import { describe, expect, it } from "vitest";
import { kpiChartOption } from "./kpi-chart-option";

const labels = { actual: "Actual", plan: "Plan", target: "Target", locale: "en" };
const kpi: PlanKpi = {
  key: "k1",
  kind: "kgi",
  name: "Wait",
  baseline: 90,
  target: 45,
  dueDate: "2027-03-31",
  measurements: [
    { date: "2026-11-30", value: 71 },
    { date: "2026-10-31", value: 84 },
  ],
};

const seriesOf = (option: ReturnType<typeof kpiChartOption>) =>
  (Array.isArray(option.series) ? option.series : []) as { name?: string; data?: unknown }[];

describe("kpiChartOption", () => {
  it("draws the plan line from the baseline at the start to the target on the due date", () => {
    const plan = seriesOf(kpiChartOption(kpi, "2026-10-01", labels)).find((s) => s.name === "Plan");
    expect(plan?.data).toEqual([
      ["2026-10-01", 90],
      ["2027-03-31", 45],
    ]);
  });

  it("draws the measurements in date order", () => {
    const actual = seriesOf(kpiChartOption(kpi, "2026-10-01", labels)).find(
      (s) => s.name === "Actual",
    );
    expect(actual?.data).toEqual([
      ["2026-10-31", 84],
      ["2026-11-30", 71],
    ]);
  });

  it("has no plan line without a plan start", () => {
    const plan = seriesOf(kpiChartOption(kpi, undefined, labels)).find((s) => s.name === "Plan");
    expect(plan?.data).toEqual([]);
  });
});
