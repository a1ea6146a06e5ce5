import { describe, expect, it } from "vitest";
import { checkLabPeriod, defaultLabPeriod } from "./lab-period";

const today = "2026-12-07";

describe("defaultLabPeriod", () => {
  it("looks back about six months, every 30 days, to the last day whose outcome is known", () => {
    const period = defaultLabPeriod(today);
    expect(period).toEqual({
      from: "2026-06-09",
      to: "2026-11-06",
      everyDays: 30,
      horizonDays: 30,
    });
    const check = checkLabPeriod(period, today);
    expect(check.problems).toEqual([]);
    expect(check.days).toHaveLength(6);
    expect(check.days.at(-1)).toBe("2026-11-06");
    expect(check.unknownDays).toBe(0);
  });
});

describe("checkLabPeriod", () => {
  it("leaves out days whose horizon has not passed, and says so", () => {
    const check = checkLabPeriod(
      { from: "2026-09-01", to: "2026-12-01", everyDays: 30, horizonDays: 30 },
      today,
    );
    expect(check.days).toEqual(["2026-09-01", "2026-10-01", "2026-10-31"]);
    expect(check.unknownDays).toBe(1);
  });

  it("refuses a period with no known outcome, naming the latest day that would do", () => {
    const check = checkLabPeriod(
      { from: "2026-11-20", to: "2026-12-01", everyDays: 30, horizonDays: 30 },
      today,
    );
    expect(check.problems).toEqual([{ field: "to", code: "noKnownOutcome", latest: "2026-11-06" }]);
  });

  it("refuses from after to, bad numbers and too many days", () => {
    expect(
      checkLabPeriod(
        { from: "2026-10-01", to: "2026-09-01", everyDays: 30, horizonDays: 30 },
        today,
      ).problems,
    ).toEqual([{ field: "from", code: "afterTo" }]);
    expect(
      checkLabPeriod(
        { from: "2026-01-01", to: "2026-09-01", everyDays: 0, horizonDays: 400 },
        today,
      ).problems.map((p) => p.field),
    ).toEqual(["horizonDays", "everyDays"]);
    expect(
      checkLabPeriod({ from: "2026-01-01", to: "2026-09-01", everyDays: 1, horizonDays: 30 }, today)
        .problems,
    ).toEqual([{ field: "everyDays", code: "tooMany", count: 244 }]);
    expect(
      checkLabPeriod({ from: "", to: "2026-09-01", everyDays: 30, horizonDays: 30 }, today)
        .problems,
    ).toEqual([{ field: "from", code: "invalid" }]);
  });
});
