import { describe, expect, it } from "vitest";
import {
  describeRule,
  evaluateRule,
  formatMetricValue,
  type MetricRule,
  type MetricRuleInput,
  metricRuleSchema,
  RULE_MAX_COMPARISONS,
  RULE_MAX_DEPTH,
  ruleMetricRefs,
} from "./rules";

const rule = (input: MetricRuleInput): MetricRule => metricRuleSchema.parse(input);

const nested = (depth: number): MetricRuleInput => {
  let node: MetricRuleInput = { metric: "mrr", op: ">", value: 0 };
  for (let level = 1; level < depth; level++) node = { all: [node] };
  return node;
};

describe("metricRuleSchema", () => {
  it("accepts comparisons, groups and nesting, in either metric spelling", () => {
    const parsed = rule({
      all: [
        { metric: "activeUsers:30d", op: ">=", value: 3 },
        {
          any: [
            { metric: { name: "seatUtilisation", windowDays: 30 }, op: ">", value: 60 },
            { metric: "daysSinceLastSeen", op: "<", value: 7 },
          ],
        },
      ],
    });
    expect(parsed).toEqual({
      all: [
        { metric: { name: "activeUsers", windowDays: 30 }, op: ">=", value: 3 },
        {
          any: [
            { metric: { name: "seatUtilisation", windowDays: 30 }, op: ">", value: 60 },
            { metric: { name: "daysSinceLastSeen" }, op: "<", value: 7 },
          ],
        },
      ],
    });
  });

  it("rejects an unknown operator, pointing at it", () => {
    const result = metricRuleSchema.safeParse({
      all: [{ metric: "mrr", op: ">", value: 0 }, { any: [{ metric: "mrr", op: "=>", value: 1 }] }],
    });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ["all", 1, "any", 0, "op"],
        message: 'must be one of ">=", ">", "<=", "<", "==", "!="',
      }),
    ]);
  });

  it("rejects values that are not finite numbers", () => {
    for (const value of ["3", null, true, Number.NaN, Number.POSITIVE_INFINITY, undefined]) {
      const result = metricRuleSchema.safeParse({ metric: "mrr", op: ">", value });
      expect(result.success, String(value)).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["value"]);
    }
  });

  it(`accepts ${RULE_MAX_DEPTH} levels and rejects deeper rules`, () => {
    expect(metricRuleSchema.safeParse(nested(RULE_MAX_DEPTH)).success).toBe(true);
    const result = metricRuleSchema.safeParse(nested(RULE_MAX_DEPTH + 1));
    expect(result.error?.issues[0]?.message).toBe(
      `rules may nest at most ${RULE_MAX_DEPTH} levels deep`,
    );
  });

  it("rejects a hostile, very deep rule quickly and without overflowing the stack", () => {
    const result = metricRuleSchema.safeParse(nested(100_000));
    expect(result.success).toBe(false);
  });

  it("rejects too many comparisons, empty groups, unknown keys and non-rules", () => {
    const wide = {
      all: Array.from({ length: 3 }, () => ({
        any: Array.from({ length: 20 }, () => ({ metric: "mrr", op: ">", value: 0 })),
      })),
    };
    expect(metricRuleSchema.safeParse(wide).error?.issues[0]?.message).toBe(
      `a rule may hold at most ${RULE_MAX_COMPARISONS} comparisons`,
    );
    expect(metricRuleSchema.safeParse({ all: [] }).error?.issues[0]).toMatchObject({
      path: ["all"],
      message: "must hold at least one rule",
    });
    expect(
      metricRuleSchema.safeParse({ metric: "mrr", op: ">", value: 0, note: "x" }).success,
    ).toBe(false);
    expect(metricRuleSchema.safeParse({ none: [] }).error?.issues[0]?.message).toBe(
      "must be { all: [...] }, { any: [...] } or { metric, op, value }",
    );
    expect(metricRuleSchema.safeParse("mrr > 0").success).toBe(false);
  });
});

describe("evaluateRule", () => {
  const onboarding = rule({
    all: [
      { metric: "activeUsers:30d", op: ">=", value: 3 },
      {
        any: [
          { metric: "seatUtilisation:30d", op: ">=", value: 60 },
          { metric: "activeDays:30d", op: ">=", value: 15 },
        ],
      },
    ],
  });

  it("explains every comparison with its actual value, in the order written", () => {
    const result = evaluateRule(onboarding, {
      "activeUsers:30d": 4,
      "seatUtilisation:30d": 40,
      "activeDays:30d": 16,
    });
    expect(result.holds).toBe(true);
    expect(
      result.parts.map(({ key, op, value, actual, holds }) => [key, op, value, actual, holds]),
    ).toEqual([
      ["activeUsers:30d", ">=", 3, 4, true],
      ["seatUtilisation:30d", ">=", 60, 40, false],
      ["activeDays:30d", ">=", 15, 16, true],
    ]);
  });

  it("fails an all when one part fails, an any when every part fails", () => {
    expect(
      evaluateRule(onboarding, {
        "activeUsers:30d": 2,
        "seatUtilisation:30d": 90,
        "activeDays:30d": 20,
      }).holds,
    ).toBe(false);
    expect(
      evaluateRule(onboarding, {
        "activeUsers:30d": 5,
        "seatUtilisation:30d": 59,
        "activeDays:30d": 14,
      }).holds,
    ).toBe(false);
  });

  it("decides the edges exactly for every operator", () => {
    const at = (op: ">=" | ">" | "<=" | "<" | "==" | "!=", actual: number) =>
      evaluateRule(rule({ metric: "lastNps", op, value: 30 }), { lastNps: actual }).holds;
    expect([at(">=", 30), at(">=", 29.999)]).toEqual([true, false]);
    expect([at(">", 30), at(">", 30.001)]).toEqual([false, true]);
    expect([at("<=", 30), at("<=", 30.001)]).toEqual([true, false]);
    expect([at("<", 30), at("<", 29.999)]).toEqual([false, true]);
    expect([at("==", 30), at("==", 30.001)]).toEqual([true, false]);
    expect([at("!=", 30), at("!=", 31)]).toEqual([false, true]);
  });

  it("treats a missing metric as not holding, even for !=, and reports it as null", () => {
    for (const op of [">=", ">", "<=", "<", "==", "!="] as const) {
      const result = evaluateRule(rule({ metric: "lastNps", op, value: 30 }), { lastNps: null });
      expect(result.holds).toBe(false);
      expect(result.parts[0]?.actual).toBeNull();
    }
    const any = rule({
      any: [
        { metric: "lastNps", op: ">=", value: 30 },
        { metric: "openKpiProgress", op: ">=", value: 50 },
      ],
    });
    const result = evaluateRule(any, { openKpiProgress: 60 });
    expect(result.holds).toBe(true);
    expect(result.parts.map((part) => part.actual)).toEqual([null, 60]);
  });

  it("lists each metric a rule reads once", () => {
    const twice = rule({
      any: [
        { metric: "mrr", op: ">", value: 0 },
        {
          all: [
            { metric: "mrr", op: "<", value: 100 },
            { metric: "lastNps", op: ">", value: 0 },
          ],
        },
      ],
    });
    expect(ruleMetricRefs(twice)).toEqual([{ name: "mrr" }, { name: "lastNps" }]);
  });
});

describe("formatMetricValue", () => {
  it("gives a value its unit, and a change its sign", () => {
    expect(formatMetricValue({ name: "daysSinceLastSeen" }, 14, "ja")).toBe("14日");
    expect(formatMetricValue({ name: "daysSinceLastSeen" }, 1, "en")).toBe("1 day");
    expect(formatMetricValue({ name: "seatUtilisation", windowDays: 30 }, 26.6667, "ja")).toBe(
      "26.67%",
    );
    expect(formatMetricValue({ name: "eventCountChange", windowDays: 30 }, 12.5, "en")).toBe(
      "+12.5%",
    );
    expect(formatMetricValue({ name: "activeUsersChange", windowDays: 30 }, -100, "ja")).toBe(
      "-100%",
    );
    expect(formatMetricValue({ name: "eventCountChange", windowDays: 30 }, 0, "ja")).toBe("0%");
    expect(
      formatMetricValue({ name: "eventCount", windowDays: 30, event: "post" }, 1200, "en"),
    ).toBe("1,200");
    expect(formatMetricValue({ name: "maturityLevel", product: "docs" }, 2, "ja")).toBe("Lv.2");
  });
});

describe("describeRule", () => {
  it("reads a nested rule in English and Japanese, bracketing inner groups", () => {
    const operation = rule({
      all: [
        { metric: "seatUtilisation:30d", op: ">=", value: 60 },
        {
          any: [
            { metric: "activeDays:30d", op: ">=", value: 15 },
            { metric: "daysSinceLastSeen", op: "<=", value: 7 },
          ],
        },
      ],
    });
    expect(describeRule(operation, "en")).toBe(
      "share of licensed seats active in 30 days ≥ 60% and (active days in 30 days ≥ 15 days or days since last seen ≤ 7 days)",
    );
    expect(describeRule(operation, "ja")).toBe(
      "30日間のライセンス利用率 ≥ 60% かつ (30日間の利用日数 ≥ 15日 または 最終利用からの日数 ≤ 7日)",
    );
  });

  it("leaves a group of one unbracketed and formats large numbers", () => {
    expect(describeRule(rule({ any: [{ metric: "mrr", op: ">=", value: 300000 }] }), "en")).toBe(
      "MRR ≥ 300,000",
    );
    expect(describeRule(rule({ metric: "maturityLevel:invoice", op: "!=", value: 1 }), "en")).toBe(
      "maturity level of invoice ≠ Lv.1",
    );
  });
});
