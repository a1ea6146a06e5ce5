import { describe, expect, it } from "vitest";
import {
  type ConditionFacts,
  evaluatePlaybookCondition,
  playbookConditionSchema,
} from "./conditions";

const facts = (overrides: Partial<ConditionFacts> = {}): ConditionFacts => ({
  account: { ownerUserId: "u-1", segment: "enterprise", phase: "operation", touchModel: "high" },
  health: { score: 42, band: "red" },
  metrics: { mrr: 350_000, daysToRenewal: 80, "maturityLevel:invoice": 2 },
  planFindings: ["overdue", "no-promoter"],
  ...overrides,
});

const holds = (condition: unknown, on: ConditionFacts = facts()) =>
  evaluatePlaybookCondition(playbookConditionSchema.parse(condition), on).holds;

describe("playbook conditions", () => {
  it("compares metrics with the rule evaluator: MRR, days to renewal, maturity", () => {
    expect(holds({ metric: "mrr", op: ">=", value: 300_000 })).toBe(true);
    expect(holds({ metric: "daysToRenewal", op: "<=", value: 60 })).toBe(false);
    expect(holds({ metric: "maturityLevel:invoice", op: "==", value: 2 })).toBe(true);
    // No data never proves a rule.
    expect(holds({ metric: "lastNps", op: "!=", value: 0 })).toBe(false);
  });

  it("compares the health score and treats no score as missing", () => {
    expect(holds({ field: "healthScore", op: "<", value: 50 })).toBe(true);
    const none = facts({ health: { score: null, band: null } });
    expect(holds({ field: "healthScore", op: "<", value: 50 }, none)).toBe(false);
    expect(holds({ field: "healthScore", op: ">=", value: 50 }, none)).toBe(false);
  });

  it("matches the band, insufficient data included", () => {
    expect(holds({ field: "healthBand", in: ["red", "yellow"] })).toBe(true);
    expect(holds({ field: "healthBand", notIn: ["red"] })).toBe(false);
    const none = facts({ health: { score: null, band: null } });
    expect(holds({ field: "healthBand", in: ["insufficientData"] }, none)).toBe(true);
    expect(holds({ field: "healthBand", in: ["red"] }, none)).toBe(false);
  });

  it("matches phase, touch model, segment and owner; a missing value fails in and notIn", () => {
    expect(holds({ field: "phase", in: ["operation", "utilisation"] })).toBe(true);
    expect(holds({ field: "touchModel", notIn: ["tech"] })).toBe(true);
    expect(holds({ field: "segment", in: ["smb"] })).toBe(false);
    expect(holds({ field: "owner", in: ["u-1"] })).toBe(true);
    const noSegment = facts({ account: { ...facts().account, segment: null } });
    expect(holds({ field: "segment", notIn: ["smb"] }, noSegment)).toBe(false);
  });

  it("matches plan findings by code; no active plan proves nothing", () => {
    expect(holds({ field: "planFinding", in: ["overdue"] })).toBe(true);
    expect(holds({ field: "planFinding", notIn: ["overdue"] })).toBe(false);
    expect(holds({ field: "planFinding", notIn: ["goal-missing"] })).toBe(true);
    expect(holds({ field: "planFinding", in: ["overdue"] }, facts({ planFindings: null }))).toBe(
      false,
    );
  });

  it("nests all and any, and explains every leaf", () => {
    const condition = playbookConditionSchema.parse({
      all: [
        { field: "touchModel", in: ["high", "low"] },
        {
          any: [
            { metric: "mrr", op: ">=", value: 1_000_000 },
            { field: "healthBand", in: ["red"] },
          ],
        },
      ],
    });
    const evaluation = evaluatePlaybookCondition(condition, facts());
    expect(evaluation.holds).toBe(true);
    expect(evaluation.parts.map((part) => [part.kind, part.holds])).toEqual([
      ["field", true],
      ["metric", false],
      ["field", true],
    ]);
  });

  it("refuses bad input with a precise message", () => {
    const typo = playbookConditionSchema.safeParse({
      all: [{ field: "healthBand", in: ["purple"] }],
    });
    expect(typo.success).toBe(false);
    expect(typo.error?.issues[0]?.path).toEqual(["all", 0, "in", 0]);
    expect(typo.error?.issues[0]?.message).toMatch(/red/);
    expect(
      playbookConditionSchema.safeParse({ field: "phase", in: ["a"], notIn: ["b"] }).success,
    ).toBe(false);
    expect(playbookConditionSchema.safeParse({ field: "phase" }).success).toBe(false);
    expect(playbookConditionSchema.safeParse({ field: "mood", in: ["happy"] }).success).toBe(false);
    expect(playbookConditionSchema.safeParse({ all: [] }).success).toBe(false);
    expect(playbookConditionSchema.safeParse({ field: "phase", in: [] }).success).toBe(false);
    expect(playbookConditionSchema.safeParse({ nothing: 1 }).success).toBe(false);
  });

  it("keeps the rule tree's depth limit", () => {
    let deep: unknown = { field: "healthBand", in: ["red"] };
    for (let i = 0; i < 10; i += 1) deep = { all: [deep] };
    const parsed = playbookConditionSchema.safeParse(deep);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/nest at most/);
  });
});
