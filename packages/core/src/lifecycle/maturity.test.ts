import { describe, expect, it } from "vitest";
import {
  decideMaturityLevel,
  defaultMaturityLevels,
  type MaturityLevelDefinition,
  maturityLevelsSchema,
  maturityModelSchema,
} from "./maturity";

// Seed 004's paper-to-web product, with the workspace's own numbers as custom metrics.
const webDelivery: MaturityLevelDefinition[] = maturityLevelsSchema.parse([
  {
    level: 1,
    name: { ja: "1部門で特定帳票を先行配信", en: "One department, one document type" },
    rule: { metric: "custom:departments", op: ">=", value: 1 },
  },
  {
    level: 2,
    name: { ja: "複数部門・複数帳票", en: "Several departments and document types" },
    rule: {
      all: [
        { metric: "custom:departments", op: ">=", value: 2 },
        { metric: "custom:documentTypes", op: ">=", value: 3 },
      ],
    },
  },
  {
    level: 3,
    name: { ja: "全部門で紙郵送ゼロ", en: "No paper sent, all departments" },
    rule: {
      all: [
        { metric: "custom:departmentShare", op: ">=", value: 100 },
        { metric: "custom:paperSent", op: "==", value: 0 },
      ],
    },
  },
  {
    level: 4,
    name: { ja: "紙受領もゼロ", en: "No paper received either" },
    rule: {
      all: [
        { metric: "custom:paperSent", op: "==", value: 0 },
        { metric: "custom:paperReceived", op: "==", value: 0 },
      ],
    },
  },
]);

describe("decideMaturityLevel", () => {
  it("takes the highest level whose rule holds and explains the next one's gaps", () => {
    const decision = decideMaturityLevel(webDelivery, {
      "custom:departments": 3,
      "custom:documentTypes": 4,
      "custom:departmentShare": 60,
      "custom:paperSent": 12,
      "custom:paperReceived": 40,
    });
    expect(decision.level).toBe(2);
    expect(decision.name).toEqual({
      ja: "複数部門・複数帳票",
      en: "Several departments and document types",
    });
    expect(decision.levels.map((level) => level.holds)).toEqual([true, true, false, false]);
    expect(decision.next?.level).toBe(3);
    expect(decision.next?.unmet.map(({ key, actual, value }) => [key, actual, value])).toEqual([
      ["custom:departmentShare", 60, 100],
      ["custom:paperSent", 12, 0],
    ]);
  });

  it("is 0 when no level holds, with Lv.1 as the next step", () => {
    const decision = decideMaturityLevel(webDelivery, {});
    expect(decision).toMatchObject({ level: 0, name: null });
    expect(decision.next?.level).toBe(1);
    expect(decision.next?.unmet[0]).toMatchObject({ key: "custom:departments", actual: null });
  });

  it("has no next level at the top", () => {
    const decision = decideMaturityLevel(webDelivery, {
      "custom:departments": 8,
      "custom:documentTypes": 9,
      "custom:departmentShare": 100,
      "custom:paperSent": 0,
      "custom:paperReceived": 0,
    });
    expect(decision.level).toBe(4);
    expect(decision.next).toBeNull();
  });

  it("takes the highest level that holds even when one below does not", () => {
    // Paper is gone but the numbers of Lv.2 were not reported: Lv.4 still holds.
    const decision = decideMaturityLevel(webDelivery, {
      "custom:departments": 1,
      "custom:paperSent": 0,
      "custom:paperReceived": 0,
    });
    expect(decision.level).toBe(4);
    expect(decision.levels.map((level) => level.holds)).toEqual([true, false, false, true]);
  });

  it("grades generic usage with the default levels", () => {
    const metrics = {
      "activeUsers:30d": 9,
      "seatUtilisation:30d": 64,
      "distinctEvents:30d": 6,
      "activeDays:30d": 14,
      openKpiProgress: 40,
    };
    const decision = decideMaturityLevel(defaultMaturityLevels, metrics);
    expect(decision.level).toBe(3);
    expect(decision.next?.unmet.map((part) => part.key)).toEqual([
      "seatUtilisation:30d",
      "distinctEvents:30d",
      "openKpiProgress",
    ]);
  });
});

describe("maturity schemas", () => {
  it("requires levels numbered 1..n in order", () => {
    const result = maturityLevelsSchema.safeParse([
      { level: 1, name: "a", rule: { metric: "mrr", op: ">", value: 0 } },
      { level: 3, name: "b", rule: { metric: "mrr", op: ">", value: 0 } },
    ]);
    expect(result.error?.issues[0]).toMatchObject({
      path: [1, "level"],
      message: "must be 2: levels are numbered 1, 2, 3, … in order",
    });
  });

  it("checks the product key and each level's rule", () => {
    expect(maturityModelSchema.safeParse({ product: "invoice", levels: webDelivery }).success).toBe(
      true,
    );
    expect(
      maturityModelSchema.safeParse({ product: "in voice", levels: webDelivery }).success,
    ).toBe(false);
    const badRule = maturityModelSchema.safeParse({
      product: "invoice",
      levels: [{ level: 1, name: "a", rule: { metric: "mrr", op: "≥", value: 0 } }],
    });
    expect(badRule.error?.issues[0]?.path).toEqual(["levels", 0, "rule", "op"]);
  });
});
