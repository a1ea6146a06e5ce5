import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { checkPlan } from "../success-plan/plan-checks";
import type { PlanDocument } from "../success-plan/plan-document";
import { localizeText } from "../usage/display-text";
import { defaultPhases } from "./default-phases";
import {
  decidePhase,
  medianTimeInPhase,
  type Phase,
  phaseStays,
  phasesSchema,
  planExitCriteria,
  timeInPhase,
} from "./phases";

describe("defaultPhases", () => {
  it("follows seed 003: seven phases, each with the four columns in both languages", () => {
    expect(defaultPhases.map((phase) => localizeText(phase.name, "ja"))).toEqual([
      "提案",
      "導入",
      "ランニング",
      "運用",
      "活用",
      "更新",
      "推奨",
    ]);
    for (const phase of defaultPhases) {
      for (const column of [phase.userActions, phase.userExperience, phase.services, phase.goal]) {
        expect(column).toEqual({ ja: expect.any(String), en: expect.any(String) });
      }
    }
    expect(defaultPhases.at(-1)?.exitCriteria).toEqual([]);
    expect(defaultPhases.slice(0, -1).every((phase) => phase.exitCriteria.length > 0)).toBe(true);
  });

  it("has realistic exit criteria: none asks for 100 % (plan check exit-criterion-unrealistic)", () => {
    const criteria = planExitCriteria(defaultPhases);
    expect(criteria).toContainEqual({
      key: "operation.seats-in-use",
      text: {
        ja: expect.stringContaining("60%"),
        en: "share of licensed seats active in 30 days ≥ 60%",
      },
      threshold: 60,
      unit: "%",
    });
    const plan = { pufu: { goal: "g", winCondition: { text: "w" } } } as unknown as PlanDocument;
    const findings = checkPlan(plan, { today: "2026-04-01", exitCriteria: criteria });
    expect(findings.filter((finding) => finding.code === "exit-criterion-unrealistic")).toEqual([]);
  });

  it("flags a criterion at 100 % through the plan check", () => {
    const strict = phasesSchema.parse([
      {
        key: "onboarding",
        name: "Onboarding",
        exitCriteria: [
          {
            key: "all-seats",
            name: "All seats",
            rule: { metric: "seatUtilisation:30d", op: ">=", value: 100 },
          },
        ],
      },
    ]);
    const plan = { pufu: { goal: "g", winCondition: { text: "w" } } } as unknown as PlanDocument;
    const findings = checkPlan(plan, {
      today: "2026-04-01",
      exitCriteria: planExitCriteria(strict),
    });
    const flagged = findings.filter((finding) => finding.code === "exit-criterion-unrealistic");
    expect(flagged).toEqual([
      expect.objectContaining({
        target: "onboarding.all-seats",
        params: { text: planExitCriteria(strict)[0]!.text, reason: "hundred-percent" },
      }),
    ]);
    // Each language's message names the criterion in that language.
    expect(flagged[0]!.message.en).toContain("share of licensed seats active in 30 days ≥ 100%");
    expect(flagged[0]!.message.ja).not.toContain("share of");
  });
});

describe("decidePhase", () => {
  const onboardingDone = { "activeUsers:30d": 4, "activeDays:30d": 5 };

  it("moves on in auto mode when every exit criterion holds", () => {
    const decision = decidePhase(defaultPhases, "onboarding", onboardingDone, { mode: "auto" });
    expect(decision).toMatchObject({
      phase: "onboarding",
      allHold: true,
      nextPhase: "trial-run",
      action: "move",
      resultPhase: "trial-run",
    });
    expect(decision.criteria.map(({ key, holds }) => [key, holds])).toEqual([
      ["users-started", true],
      ["used-regularly", true],
    ]);
  });

  it("proposes the move in propose mode and stays put", () => {
    const decision = decidePhase(defaultPhases, "onboarding", onboardingDone, { mode: "propose" });
    expect(decision).toMatchObject({
      action: "propose",
      nextPhase: "trial-run",
      resultPhase: "onboarding",
    });
  });

  it("stays while any criterion fails, telling which and by how much", () => {
    const decision = decidePhase(
      defaultPhases,
      "operation",
      { "seatUtilisation:30d": 72, "activeDays:30d": 15, daysSinceLastSeen: 9 },
      { mode: "auto" },
    );
    expect(decision).toMatchObject({ allHold: false, action: "stay", resultPhase: "operation" });
    expect(
      decision.criteria[1]?.parts.map(({ key, actual, holds }) => [key, actual, holds]),
    ).toEqual([
      ["activeDays:30d", 15, true],
      ["daysSinceLastSeen", 9, false],
    ]);
  });

  it("stays in the last phase, and in a phase without criteria", () => {
    expect(decidePhase(defaultPhases, "advocacy", {}, { mode: "auto" })).toMatchObject({
      allHold: false,
      nextPhase: null,
      action: "stay",
    });
    const allLast: Phase[] = phasesSchema.parse([
      {
        key: "a",
        name: "A",
        exitCriteria: [{ key: "x", name: "x", rule: { metric: "mrr", op: ">", value: 0 } }],
      },
    ]);
    expect(decidePhase(allLast, "a", { mrr: 10 }, { mode: "auto" })).toMatchObject({
      allHold: true,
      nextPhase: null,
      action: "stay",
      resultPhase: "a",
    });
  });

  it("treats missing data as not met: no contract data keeps an account in proposal", () => {
    expect(decidePhase(defaultPhases, "proposal", {}, { mode: "auto" }).action).toBe("stay");
    expect(decidePhase(defaultPhases, "proposal", { mrr: 50_000 }, { mode: "auto" }).action).toBe(
      "move",
    );
  });

  it("refuses a phase that is not in the list", () => {
    try {
      decidePhase(defaultPhases, "churned", {}, { mode: "auto" });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe("bad-request");
    }
  });
});

describe("phase schema", () => {
  it("refuses repeated phase and criterion keys", () => {
    const twice = phasesSchema.safeParse([
      { key: "a", name: "A", exitCriteria: [] },
      { key: "a", name: "B", exitCriteria: [] },
    ]);
    expect(twice.error?.issues[0]).toMatchObject({
      path: [1, "key"],
      message: 'repeats the key "a"',
    });
    const criteria = phasesSchema.safeParse([
      {
        key: "a",
        name: "A",
        exitCriteria: [
          { key: "x", name: "x", rule: { metric: "mrr", op: ">", value: 0 } },
          { key: "x", name: "y", rule: { metric: "mrr", op: ">", value: 1 } },
        ],
      },
    ]);
    expect(criteria.error?.issues[0]?.path).toEqual([0, "exitCriteria", 1, "key"]);
  });
});

describe("time in phase", () => {
  const history = [
    { phase: "trial-run", since: "2026-02-15" },
    { phase: "onboarding", since: "2026-01-10" },
    { phase: "operation", since: "2026-03-20" },
  ];

  it("orders the history into stays, the current one running to asOf", () => {
    expect(phaseStays(history, "2026-04-01")).toEqual([
      { phase: "onboarding", since: "2026-01-10", until: "2026-02-15", days: 36 },
      { phase: "trial-run", since: "2026-02-15", until: "2026-03-20", days: 33 },
      { phase: "operation", since: "2026-03-20", until: null, days: 12 },
    ]);
    expect(timeInPhase(history, "2026-04-01")).toEqual({
      phase: "operation",
      since: "2026-03-20",
      days: 12,
    });
    expect(timeInPhase([], "2026-04-01")).toBeNull();
  });

  it("takes the median of completed stays only, per phase", () => {
    const summary = medianTimeInPhase([
      history,
      [
        { phase: "onboarding", since: "2026-01-01" },
        { phase: "trial-run", since: "2026-01-21" },
      ],
      [
        { phase: "onboarding", since: "2026-03-01" },
        { phase: "trial-run", since: "2026-03-31" },
        { phase: "onboarding", since: "2026-04-10" }, // sent back: counts as a second stay
        { phase: "trial-run", since: "2026-04-20" },
      ],
      [{ phase: "onboarding", since: "2026-03-28" }], // still onboarding: not counted
    ]);
    expect(summary).toEqual({
      onboarding: { medianDays: 25, completedStays: 4 }, // 36, 20, 30, 10
      "trial-run": { medianDays: 21.5, completedStays: 2 }, // 33 and 10; the current stays are not counted
    });
  });

  it("takes the mean of the two middle stays for an even count", () => {
    const stays = (days: number[]) =>
      days.map((length) => [
        { phase: "a", since: "2026-01-01" },
        { phase: "b", since: `2026-01-${String(1 + length).padStart(2, "0")}` },
      ]);
    expect(medianTimeInPhase(stays([9, 1, 5])).a?.medianDays).toBe(5);
    expect(medianTimeInPhase(stays([4, 1, 3, 2])).a?.medianDays).toBe(2.5);
    expect(medianTimeInPhase([]).a).toBeUndefined();
  });
});
