import { checkPlan } from "@michi/core";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadPlanDocument } from "../../features/success-plans/plan-store";
import { buildWorkspace, createTestContext } from "../../test/context";
import { planMeetings, planStages, successPlans } from "../schema";
import { seedDemoWorkspace, tokyoDate } from "./demo";
import { planDemoPlan } from "./demo-plan-timeline";
import { seedDemoPlans } from "./demo-plans";

const ctx = await createTestContext();

describe("demo success plans", () => {
  it("gives a dozen accounts plans in several stages, with findings of many codes", async () => {
    const workspace = await buildWorkspace(ctx);
    // The whole demo seed, plans included, with the plans timed on their own.
    const now = new Date();
    await seedDemoWorkspace(ctx.db, ctx.auth, { workspaceId: workspace.id, now });
    const plans = await ctx.db
      .select()
      .from(successPlans)
      .where(eq(successPlans.workspaceId, workspace.id))
      .orderBy(asc(successPlans.createdAt));
    expect(plans.length).toBeGreaterThanOrEqual(10);
    expect(plans.length).toBeLessThanOrEqual(14);
    expect(new Set(plans.map((p) => p.accountId)).size).toBe(plans.length);
    expect(plans.every((p) => p.active)).toBe(true);
    expect(plans.filter((p) => p.stage >= 3).length).toBeGreaterThanOrEqual(3);

    const today = tokyoDate(now);
    const codes = new Set<string>();
    for (const plan of plans) {
      const loaded = await loadPlanDocument(ctx.db, { workspaceId: workspace.id, planId: plan.id });
      const meetings = await ctx.db
        .select({ date: planMeetings.date, audience: planMeetings.audience })
        .from(planMeetings)
        .where(and(eq(planMeetings.workspaceId, workspace.id), eq(planMeetings.planId, plan.id)));
      for (const f of checkPlan(loaded!.document, { today, meetings })) codes.add(f.code);
      const stages = await ctx.db
        .select()
        .from(planStages)
        .where(and(eq(planStages.workspaceId, workspace.id), eq(planStages.planId, plan.id)));
      expect(stages).toHaveLength(plan.stage - 1);
      for (const stage of stages) {
        expect(stage.retrospective.objectives.length).toBeGreaterThan(0);
        expect(stage.closedAt.getTime()).toBeGreaterThan(stage.openedAt.getTime());
      }
      if (plan.stage > 1) {
        expect(loaded!.document.kpis?.some((k) => (k.measurements?.length ?? 0) >= 3)).toBe(true);
      }
    }
    for (const code of [
      "measure-without-objective",
      "no-evaluator",
      "kpi-incomplete",
      "overdue",
      "evaluator-not-met",
      "too-many-in-progress",
      "over-capacity",
    ]) {
      expect(codes, code).toContain(code);
    }
    expect(codes.size).toBeGreaterThanOrEqual(8);
  }, 120_000);

  it("adds little to the first start, and is the same story on any day", async () => {
    const workspace = await buildWorkspace(ctx);
    await seedDemoWorkspace(ctx.db, ctx.auth, { workspaceId: workspace.id });
    // Seed the plans once more into the same accounts, to time them alone.
    await ctx.db.delete(successPlans).where(eq(successPlans.workspaceId, workspace.id));
    const started = performance.now();
    const { plans } = await seedDemoPlans(ctx.db, { workspaceId: workspace.id });
    const ms = performance.now() - started;
    console.info(`demo plans (${ctx.kind}): ${plans} plans in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2_000);

    const account = {
      id: "a",
      name: "株式会社テスト",
      industry: "logistics" as const,
      contacts: [{ name: "佐藤 健", email: "sato@example.jp", title: "部長", notes: "推進者。" }],
      owner: null,
    };
    const shape = (today: string) => {
      const plan = planDemoPlan(2, account, today);
      return {
        objectives: plan.document.pufu.objectives,
        stages: plan.stages.length,
        meetings: plan.meetings.length,
      };
    };
    expect(shape("2026-06-15")).toEqual(shape("2030-02-28"));
    expect(planDemoPlan(2, account, "2026-06-15")).toEqual(planDemoPlan(2, account, "2026-06-15"));
  }, 120_000);
});
