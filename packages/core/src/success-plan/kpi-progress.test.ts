import { describe, expect, it } from "vitest";
import {
  kpiOffTrackSince,
  kpiPlanLine,
  kpiProgress,
  latestKpiMeasurement,
  plannedKpiValueAt,
} from "./kpi-progress";
import type { PlanKpi } from "./plan-document";

// The example's KGI: waiting time 90 → 45 minutes.
const waiting: PlanKpi = {
  key: "k1",
  kind: "kgi",
  name: "平均待機時間",
  direction: "decrease",
  baseline: 90,
  target: 45,
  dueDate: "2027-03-31",
  measurements: [
    { date: "2026-11-30", value: 71 },
    { date: "2026-10-31", value: 84 },
  ],
};

// The example's KPI: booking rate 0 → 80 %.
const booking: PlanKpi = {
  key: "k2",
  kind: "kpi",
  name: "事前予約率",
  direction: "increase",
  baseline: 0,
  target: 80,
  dueDate: "2027-01-31",
  measurements: [
    { date: "2026-11-07", value: 22 },
    { date: "2026-11-14", value: 35 },
  ],
};

describe("latestKpiMeasurement", () => {
  it("takes the latest date, not the last written, and honours asOf", () => {
    expect(latestKpiMeasurement(waiting)).toEqual({ date: "2026-11-30", value: 71 });
    expect(latestKpiMeasurement(waiting, "2026-11-29")).toEqual({ date: "2026-10-31", value: 84 });
    expect(latestKpiMeasurement(waiting, "2026-10-30")).toBeNull();
    expect(latestKpiMeasurement({})).toBeNull();
  });

  it("takes the one written later when two share a date", () => {
    const kpi = {
      measurements: [
        { date: "2026-11-01", value: 1 },
        { date: "2026-11-01", value: 2 },
      ],
    };
    expect(latestKpiMeasurement(kpi)?.value).toBe(2);
  });
});

describe("kpiProgress", () => {
  it("measures an increasing KPI from baseline toward target", () => {
    expect(kpiProgress(booking)).toEqual({
      latest: { date: "2026-11-14", value: 35 },
      direction: "increase",
      percent: 43.75,
      unclampedPercent: 43.75,
      reached: false,
    });
    expect(kpiProgress(booking, "2026-11-10").percent).toBeCloseTo(27.5);
  });

  it("measures a decreasing KPI: 90 → 71 of 90 → 45 is 42%", () => {
    const progress = kpiProgress(waiting);
    expect(progress.percent).toBeCloseTo((19 / 45) * 100);
    expect(progress.reached).toBe(false);
    expect(progress.direction).toBe("decrease");
  });

  it("clamps an overshoot to 100 and a step backwards to 0, keeping the raw value", () => {
    const over = kpiProgress({ ...waiting, measurements: [{ date: "2027-03-01", value: 36 }] });
    expect(over).toMatchObject({ percent: 100, unclampedPercent: 120, reached: true });
    const back = kpiProgress({ ...booking, measurements: [{ date: "2026-11-01", value: -8 }] });
    expect(back).toMatchObject({ percent: 0, unclampedPercent: -10, reached: false });
  });

  it("reads the direction from baseline → target when none is declared", () => {
    const { direction: _, ...undeclared } = waiting;
    expect(kpiProgress(undeclared)).toMatchObject({ direction: "decrease", reached: false });
    expect(kpiProgress(undeclared).percent).toBeCloseTo((19 / 45) * 100);
    const { direction: __, ...rising } = booking;
    expect(kpiProgress(rising).direction).toBe("increase");
  });

  it("gives no percent without a baseline, but still tells whether the target is reached", () => {
    const { baseline: _, ...noBaseline } = waiting;
    expect(kpiProgress(noBaseline)).toMatchObject({ percent: null, reached: false });
    const reached = kpiProgress({
      ...noBaseline,
      measurements: [{ date: "2027-01-01", value: 40 }],
    });
    expect(reached).toMatchObject({ percent: null, reached: true });
  });

  it("gives neither percent nor reached without a target or without a measurement", () => {
    const { target: _, ...noTarget } = booking;
    expect(kpiProgress(noTarget)).toMatchObject({ percent: null, reached: null });
    expect(kpiProgress({ ...booking, measurements: [] })).toMatchObject({
      latest: null,
      percent: null,
      reached: null,
    });
  });

  it("gives no percent when the declared direction contradicts baseline → target", () => {
    const contradictory = { ...booking, direction: "decrease" as const };
    expect(kpiProgress(contradictory)).toMatchObject({ percent: null, reached: null });
  });

  it("reads baseline = target as 0% until reached and 100% after", () => {
    const flat = { ...booking, baseline: 50, target: 50 };
    expect(
      kpiProgress({ ...flat, measurements: [{ date: "2026-11-01", value: 49 }] }).percent,
    ).toBe(0);
    expect(
      kpiProgress({ ...flat, measurements: [{ date: "2026-11-01", value: 50 }] }).percent,
    ).toBe(100);
  });
});

describe("kpiPlanLine and plannedKpiValueAt", () => {
  it("draws baseline at the plan start to target at the due date", () => {
    const line = kpiPlanLine(booking, "2026-10-01");
    expect(line).toEqual({
      from: { date: "2026-10-01", value: 0 },
      to: { date: "2027-01-31", value: 80 },
    });
    // 2026-10-01 → 2027-01-31 is 122 days; 61 days in is half way.
    expect(plannedKpiValueAt(line!, "2026-12-01")).toBe(40);
    expect(plannedKpiValueAt(line!, "2026-09-01")).toBe(0);
    expect(plannedKpiValueAt(line!, "2027-06-01")).toBe(80);
  });

  it("goes down for a decreasing KPI", () => {
    const line = kpiPlanLine(waiting, "2026-10-01")!;
    // 2026-10-01 → 2027-03-31 is 181 days.
    expect(plannedKpiValueAt(line, "2026-12-31")).toBeCloseTo(90 - 45 * (91 / 181));
  });

  it("is null without a plan start, baseline, target or due date, or when due before the start", () => {
    expect(kpiPlanLine(booking, undefined)).toBeNull();
    expect(kpiPlanLine({ ...booking, baseline: undefined }, "2026-10-01")).toBeNull();
    expect(kpiPlanLine({ ...booking, target: undefined }, "2026-10-01")).toBeNull();
    expect(kpiPlanLine({ ...booking, dueDate: undefined }, "2026-10-01")).toBeNull();
    expect(kpiPlanLine(booking, "2027-02-01")).toBeNull();
  });
});

describe("kpiOffTrackSince", () => {
  // Plan line 90 → 45 minutes from 2026-10-01 to 2027-03-31 (181 days).
  it("names the first measurement of the current spell behind the plan line", () => {
    // 10/31: 84 against a planned 82.5 (behind); 11/30: 71 against 75.1 (on track).
    expect(kpiOffTrackSince(waiting, "2026-10-01")).toBeNull();
    expect(kpiOffTrackSince(waiting, "2026-10-01", "2026-11-15")).toBe("2026-10-31");
    const later: PlanKpi = {
      ...waiting,
      measurements: [
        ...(waiting.measurements ?? []),
        { date: "2026-12-31", value: 70 }, // planned 67.4: behind
        { date: "2027-01-31", value: 65 }, // planned 59.7: still behind, the same spell
      ],
    };
    expect(kpiOffTrackSince(later, "2026-10-01")).toBe("2026-12-31");
  });

  it("reads behind as below the line for a KPI that should rise", () => {
    const rising: PlanKpi = {
      ...waiting,
      direction: "increase",
      baseline: 0,
      target: 100,
      measurements: [{ date: "2026-12-30", value: 10 }], // planned ≈ 49.7
    };
    expect(kpiOffTrackSince(rising, "2026-10-01")).toBe("2026-12-30");
    expect(kpiOffTrackSince(rising, undefined)).toBeNull();
  });
});
