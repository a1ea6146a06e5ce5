import { describe, expect, it } from "vitest";
import { defaultPhases } from "../lifecycle/default-phases";
import { type Phase, phasesSchema, planExitCriteria } from "../lifecycle/phases";
import example from "./fixtures/plan-example.json" with { type: "json" };
import { buildPlanCheckOptions } from "./plan-check-options";
import { checkPlan, DEFAULT_MAX_IN_PROGRESS } from "./plan-checks";
import { todayInTokyo } from "./plan-dates";
import { planDocumentSchema } from "./plan-document";

const strictPhases: Phase[] = phasesSchema.parse([
  {
    key: "onboarding",
    name: { ja: "導入", en: "Onboarding" },
    exitCriteria: [
      {
        key: "all-seats",
        name: "All seats",
        rule: {
          all: [
            { metric: "activeUsers:30d", op: ">=", value: 3 },
            { metric: "seatUtilisation:30d", op: ">=", value: 100 },
          ],
        },
      },
    ],
  },
  { key: "operation", name: "Operation", exitCriteria: [] },
]);

describe("todayInTokyo", () => {
  it("is the date in Japan: the next day from 15:00 UTC", () => {
    expect(todayInTokyo(new Date("2026-11-30T14:59:59Z"))).toBe("2026-11-30");
    expect(todayInTokyo(new Date("2026-11-30T15:00:00Z"))).toBe("2026-12-01");
    expect(todayInTokyo(new Date("2026-12-31T15:00:00Z"))).toBe("2027-01-01");
  });
});

describe("buildPlanCheckOptions", () => {
  const now = new Date("2026-11-30T15:30:00Z");

  it("checks on today in Tokyo, or on the day asked for", () => {
    const inputs = { now, phases: defaultPhases, meetings: [] };
    expect(buildPlanCheckOptions(inputs).today).toBe("2026-12-01");
    expect(buildPlanCheckOptions({ ...inputs, asOf: "2026-10-15" }).today).toBe("2026-10-15");
  });

  it("passes every exit criterion of the phases, the meetings and the limit", () => {
    const meetings = [{ date: "2026-11-01", audience: "evaluators" as const }];
    expect(buildPlanCheckOptions({ now, phases: strictPhases, meetings })).toEqual({
      today: "2026-12-01",
      limits: { maxInProgress: DEFAULT_MAX_IN_PROGRESS },
      meetings,
      exitCriteria: planExitCriteria(strictPhases),
    });
    expect(buildPlanCheckOptions({ now, phases: strictPhases, meetings }).exitCriteria).toEqual([
      expect.objectContaining({ key: "onboarding.all-seats", threshold: 3 }),
      expect.objectContaining({ key: "onboarding.all-seats", threshold: 100, unit: "%" }),
    ]);
  });

  it("lets the phases' exit criteria and the meetings reach the checks", () => {
    const plan = planDocumentSchema.parse(example);
    const found = (phases: readonly Phase[], meetings: [] | null) =>
      checkPlan(plan, buildPlanCheckOptions({ now, asOf: "2026-11-20", phases, meetings })).map(
        (finding) => `${finding.code} ${finding.target}`,
      );
    expect(found(defaultPhases, null)).toEqual([]);
    expect(found(strictPhases, null)).toEqual(["exit-criterion-unrealistic onboarding.all-seats"]);
    // The example started 2026-10-01 and its evaluators meet every 30 days (mc2):
    // with the meetings known and none held, that is 50 days without one.
    expect(found(defaultPhases, [])).toEqual(["evaluator-not-met mc2"]);
  });
});
