import { describe, expect, it } from "vitest";
import { codeOfZodIssue } from "../problem-codes";
import { PLAN_FORMAT, type PlanDocument } from "./plan-document";
import { planPeriodInputSchema, prefillPlanTeam } from "./plan-start";
import { validatePlanDocument } from "./plan-validation";

describe("planPeriodInputSchema", () => {
  it("takes a period whose end is after its start", () => {
    expect(planPeriodInputSchema.parse({ start: "2026-12-07", end: "2027-06-07" })).toEqual({
      start: "2026-12-07",
      end: "2027-06-07",
    });
  });

  it.each([
    ["the same day", "2026-12-07"],
    ["an earlier day", "2026-12-06"],
  ])("refuses an end on %s, at /end with a code", (_name, end) => {
    const input = { start: "2026-12-07", end };
    const parsed = planPeriodInputSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issue.path).toEqual(["end"]);
    expect(codeOfZodIssue(issue, input)).toEqual({ code: "end-not-after-start" });
  });

  it("refuses year 0, which PostgreSQL cannot store, with a code", () => {
    const input = { start: "0000-12-31", end: "2027-01-01" };
    const parsed = planPeriodInputSchema.safeParse(input);
    expect(parsed.error?.issues.map((i) => codeOfZodIssue(i, input))).toEqual([
      { code: "date-before-year-1" },
    ]);
  });

  it("refuses a date that is not a calendar date", () => {
    expect(
      planPeriodInputSchema.safeParse({ start: "2026-02-30", end: "2027-01-01" }).success,
    ).toBe(false);
  });
});

const template: PlanDocument = {
  format: PLAN_FORMAT,
  title: "テンプレート",
  team: [
    { key: "c1", name: "評価者（部長）", side: "customer", role: "evaluator" },
    { key: "c2", name: "推進者", side: "customer", role: "promoter" },
    { key: "v1", name: "担当CSM", side: "vendor", role: "csm" },
    { key: "v2", name: "営業担当", side: "vendor", role: "sales" },
  ],
  pufu: {
    goal: "",
    winCondition: { text: "" },
    objectives: [{ key: "o1", title: "中間目的" }],
    measures: [
      { key: "m1", title: "キックオフ", objectiveKeys: ["o1"], ownerKey: "c2" },
      { key: "m2", title: "週次定例", objectiveKeys: ["o1"], ownerKey: "v1" },
    ],
  },
  tasks: [
    { key: "t1", title: "アサインを依頼する", ownerKey: "v2" },
    { key: "c3", title: "鍵が c3 のタスク", ownerKey: "c1" },
  ],
};

describe("prefillPlanTeam", () => {
  it("puts people in the template's slots of their role, keeping what the slot owned", () => {
    const doc = prefillPlanTeam(template, [
      { side: "vendor", role: "csm", name: "佐藤 美咲", email: "sato@example.com" },
      { side: "customer", role: "promoter", name: "山田 太郎", title: "課長" },
      { side: "customer", role: "user", name: "鈴木 花子", email: "suzuki@example.jp" },
    ]);
    expect(doc.team).toEqual([
      { key: "v1", name: "佐藤 美咲", email: "sato@example.com", side: "vendor", role: "csm" },
      { key: "c2", name: "山田 太郎", title: "課長", side: "customer", role: "promoter" },
      // c1 is a free slot's key and c3 a task's: the newcomer takes the next free one.
      { key: "c4", name: "鈴木 花子", email: "suzuki@example.jp", side: "customer", role: "user" },
    ]);
    expect(doc.pufu.measures?.map((m) => m.ownerKey)).toEqual(["c2", "v1"]);
    expect(validatePlanDocument(doc).ok).toBe(true);
  });

  it("leaves out the slots nobody takes, and their ownership", () => {
    const doc = prefillPlanTeam(template, [
      { side: "customer", role: "promoter", name: "山田 太郎" },
    ]);
    expect(doc.team?.map((m) => m.name)).toEqual(["山田 太郎"]);
    expect(JSON.stringify(doc)).not.toMatch(/評価者（部長）|担当CSM|営業担当/);
    expect(doc.tasks?.every((t) => t.ownerKey === undefined)).toBe(true);
    expect(doc.pufu.measures?.[1]).not.toHaveProperty("ownerKey");
    expect(validatePlanDocument(doc).ok).toBe(true);
  });

  it("gives a plan with no slots and nobody to add no team", () => {
    const empty = prefillPlanTeam(template, []);
    expect(empty).not.toHaveProperty("team");
    expect(validatePlanDocument(empty).ok).toBe(true);
    const blank: PlanDocument = {
      format: PLAN_FORMAT,
      title: "白紙",
      pufu: { goal: "", winCondition: { text: "" } },
    };
    expect(prefillPlanTeam(blank, [{ side: "vendor", role: "csm", name: "佐藤" }]).team).toEqual([
      { key: "v1", name: "佐藤", side: "vendor", role: "csm" },
    ]);
  });
});
