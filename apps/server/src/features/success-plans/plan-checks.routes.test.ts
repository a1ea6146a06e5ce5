import { type PlanDocument, planCheckCodes } from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAccount } from "../../seed/factories";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

/**
 * A plan that breaks every rule a plan can break by itself: it has an
 * evaluator, whom nobody has met since it started (2026-01-01).
 */
const brokenPlan: PlanDocument = {
  format: "michi.plan/v1",
  title: "壊れた計画",
  period: { start: "2026-01-01" },
  team: [
    { key: "u1", name: "利用者", side: "customer", role: "user" },
    { key: "e1", name: "部長", side: "customer", role: "evaluator" },
  ],
  pufu: {
    goal: "",
    winCondition: { text: "待機を減らす" },
    objectives: [{ key: "o1", title: "目的" }],
    measures: [{ key: "m1", title: "施策", effortHoursPerWeek: 10 }],
    factors: { headcount: 1, hoursPerWeekPerPerson: 2 },
  },
  kpis: [{ key: "k1", kind: "kpi", name: "指標" }],
  roadmap: [1, 2, 3, 4].map((n) => ({ key: `r${n}`, process: "業務", status: "inProgress" })),
  tasks: [
    { key: "t1", title: "作業" },
    { key: "t2", title: "作業", ownerKey: "u1", dueDate: "2026-01-31" },
  ],
};

/**
 * Phases whose onboarding asks for every licensed seat in use: an unrealistic
 * exit criterion. A new account is in "proposal", which must stay.
 */
const strictPhases = [
  { key: "proposal", name: { ja: "提案", en: "Proposal" }, exitCriteria: [] },
  {
    key: "onboarding",
    name: { ja: "導入", en: "Onboarding" },
    exitCriteria: [
      {
        key: "all-seats",
        name: { ja: "全席が使われている", en: "Every seat in use" },
        rule: { metric: "seatUtilisation:30d", op: ">=", value: 100 },
      },
    ],
  },
  { key: "operation", name: { ja: "運用", en: "Operation" }, exitCriteria: [] },
];

type Finding = { code: string; target: string; message: { ja: string; en: string } };

describe("plan checks through the API", () => {
  it("can produce every code of planCheckCodes, the exit criteria from the workspace's phases", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const csm = await buildUser(ctx, { workspaceId, role: "csm" });
    const admin = await buildUser(ctx, { workspaceId, role: "admin" });
    const account = await buildAccount(ctx.db, { workspaceId });
    const imported = await call(ctx, "POST", "/api/v1/plans/import", {
      headers: csm.headers,
      body: { document: brokenPlan, accountId: account.id },
    });
    expect(imported.status, imported.text).toBe(201);
    const planId: string = imported.json.id;
    const check = async () => {
      const res = await call(ctx, "GET", `/api/v1/plans/${planId}/checks?asOf=2026-03-01`, csm);
      expect(res.status, res.text).toBe(200);
      return res.json.findings as Finding[];
    };
    const codesOf = (findings: Finding[]) => new Set(findings.map((finding) => finding.code));
    const allCodes = planCheckCodes.map(({ code }) => code);

    // Core's default phases ask for nothing unrealistic.
    const withDefaults = codesOf(await check());
    expect(withDefaults.has("exit-criterion-unrealistic")).toBe(false);

    // The workspace's own phases are what the checks read.
    const saved = await call(ctx, "PUT", "/api/v1/settings/phases", {
      headers: admin.headers,
      body: { phases: strictPhases },
    });
    expect(saved.status, saved.text).toBe(200);
    const withEvaluator = await check();
    expect(
      withEvaluator.filter((finding) => finding.code === "exit-criterion-unrealistic"),
    ).toEqual([
      expect.objectContaining({
        target: "onboarding.all-seats",
        message: {
          ja: expect.stringMatching(/^フェーズのゴール「.+100%」が100%を求めています/),
          en: expect.stringContaining('"share of licensed seats active in 30 days ≥ 100%"'),
        },
      }),
    ]);
    // Every code but no-evaluator: the plan has an evaluator, never met.
    expect([...codesOf(withEvaluator)]).toEqual(allCodes.filter((code) => code !== "no-evaluator"));

    // Without the evaluator the finding is no-evaluator, and evaluator-not-met only restated it.
    const noEvaluator = structuredClone(brokenPlan);
    noEvaluator.team = noEvaluator.team!.filter((member) => member.role !== "evaluator");
    const put = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...csm,
      body: { version: imported.json.version, document: noEvaluator },
    });
    expect(put.status, put.text).toBe(200);
    const withoutEvaluator = codesOf(await check());
    expect([...withoutEvaluator]).toEqual(allCodes.filter((code) => code !== "evaluator-not-met"));

    expect(new Set([...codesOf(withEvaluator), ...withoutEvaluator])).toEqual(new Set(allCodes));
  });

  it("checks on today in Tokyo when no day is given", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const csm = await buildUser(ctx, { workspaceId, role: "csm" });
    const account = await buildAccount(ctx.db, { workspaceId });
    const imported = await call(ctx, "POST", "/api/v1/plans/import", {
      headers: csm.headers,
      body: { document: brokenPlan, accountId: account.id },
    });
    const before = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const res = await call(ctx, "GET", `/api/v1/plans/${imported.json.id}/checks`, csm);
    const after = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    expect([before, after]).toContain(res.json.asOf);
  });
});
