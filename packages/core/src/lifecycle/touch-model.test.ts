import { describe, expect, it } from "vitest";
import {
  assignTouchModel,
  defaultTouchModelPolicy,
  summariseTouchModels,
  type TouchModelPolicy,
  touchModelPolicySchema,
} from "./touch-model";

const policy: TouchModelPolicy = touchModelPolicySchema.parse({
  rules: [
    { model: "high", segments: ["enterprise"] },
    { model: "high", rule: { metric: "mrr", op: ">=", value: 300_000 } },
    {
      model: "low",
      segments: ["mid-market", "public-sector"],
      rule: { metric: "mrr", op: ">=", value: 50_000 },
    },
    { model: "community", rule: { metric: "maturityLevel", op: ">=", value: 3 } },
  ],
  default: "tech",
});

describe("assignTouchModel", () => {
  it("lets the first matching rule win, by segment", () => {
    const result = assignTouchModel(policy, { segment: "enterprise", metrics: { mrr: 10_000 } });
    expect(result).toMatchObject({ touchModel: "high", matchedRule: 0 });
    expect(result.tried).toHaveLength(1);
  });

  it("matches on MRR, with the edge included", () => {
    expect(assignTouchModel(policy, { segment: "smb", metrics: { mrr: 300_000 } }).touchModel).toBe(
      "high",
    );
    expect(assignTouchModel(policy, { segment: "smb", metrics: { mrr: 299_999 } }).touchModel).toBe(
      "tech",
    );
  });

  it("needs both the segment and the rule when a rule names both", () => {
    const mid = assignTouchModel(policy, { segment: "mid-market", metrics: { mrr: 80_000 } });
    expect(mid).toMatchObject({ touchModel: "low", matchedRule: 2 });
    const wrongSegment = assignTouchModel(policy, { segment: "smb", metrics: { mrr: 80_000 } });
    expect(wrongSegment.touchModel).toBe("tech");
    expect(wrongSegment.tried[2]).toMatchObject({ segmentMatches: false, matches: false });
    const noSegment = assignTouchModel(policy, { metrics: { mrr: 80_000 } });
    expect(noSegment.tried[0]).toMatchObject({ segmentMatches: false });
  });

  it("matches on maturity, and falls back to the default with every rule tried", () => {
    expect(
      assignTouchModel(policy, { segment: null, metrics: { mrr: 5_000, maturityLevel: 3 } }),
    ).toMatchObject({
      touchModel: "community",
      matchedRule: 3,
    });
    const fallback = assignTouchModel(policy, { segment: null, metrics: {} });
    expect(fallback).toMatchObject({ touchModel: "tech", matchedRule: null });
    expect(fallback.tried).toHaveLength(4);
    expect(fallback.tried[1]?.rule?.parts[0]).toMatchObject({
      key: "mrr",
      actual: null,
      holds: false,
    });
  });

  it("applies the default policy by MRR and maturity", () => {
    const assign = (metrics: Record<string, number>) =>
      assignTouchModel(defaultTouchModelPolicy, { metrics }).touchModel;
    expect(assign({ mrr: 500_000 })).toBe("high");
    expect(assign({ mrr: 60_000 })).toBe("low");
    expect(assign({ mrr: 10_000, maturityLevel: 4 })).toBe("community");
    expect(assign({ mrr: 10_000, maturityLevel: 1 })).toBe("tech");
  });

  it("refuses unknown touch models", () => {
    expect(
      touchModelPolicySchema.safeParse({ rules: [{ model: "medium" }], default: "tech" }).success,
    ).toBe(false);
    expect(touchModelPolicySchema.safeParse({ rules: [], default: "none" }).success).toBe(false);
  });
});

describe("summariseTouchModels", () => {
  it("counts accounts and adds up MRR per touch model", () => {
    expect(
      summariseTouchModels([
        { touchModel: "high", mrr: 400_000 },
        { touchModel: "high", mrr: 350_000 },
        { touchModel: "tech", mrr: 9_800 },
        { touchModel: "tech", mrr: null },
      ]),
    ).toEqual({
      high: { accounts: 2, mrr: 750_000 },
      low: { accounts: 0, mrr: 0 },
      tech: { accounts: 2, mrr: 9_800 },
      community: { accounts: 0, mrr: 0 },
    });
  });
});
