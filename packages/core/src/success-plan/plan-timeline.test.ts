import { describe, expect, it } from "vitest";
import { monthStarts, positionOnPeriod, timelinePeriod } from "./plan-timeline";

describe("milestone timeline", () => {
  it("places dates on the period and clamps those outside", () => {
    expect(positionOnPeriod("2026-10-01", "2026-10-01", "2026-10-31")).toBe(0);
    expect(positionOnPeriod("2026-10-16", "2026-10-01", "2026-10-31")).toBe(50);
    expect(positionOnPeriod("2027-01-01", "2026-10-01", "2026-10-31")).toBe(100);
    expect(positionOnPeriod("2026-09-01", "2026-10-01", "2026-10-31")).toBe(0);
  });

  it("lists the month starts inside the period, across a year end", () => {
    expect(monthStarts("2026-10-15", "2027-02-01")).toEqual([
      "2026-11-01",
      "2026-12-01",
      "2027-01-01",
      "2027-02-01",
    ]);
  });

  it("falls back to the dates shown when the plan has no period", () => {
    expect(timelinePeriod(undefined, ["2026-12-01", "2026-10-01"])).toEqual({
      start: "2026-10-01",
      end: "2026-12-01",
    });
    expect(timelinePeriod(undefined, [])).toBeNull();
  });
});
