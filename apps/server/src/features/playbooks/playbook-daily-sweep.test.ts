import { addCalendarDays, type PlaybookInput } from "@michi/core";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accountPhaseProposals,
  accountTasks,
  planKpiMeasurements,
  planKpis,
  planMilestones,
  playbookRuns,
  successPlans,
} from "../../db/schema";
import { createOutboundMailer } from "../../lib/outbound/mail";
import { upsertHealthScores } from "../../recompute/health-scores.queries";
import { healthScoreLine } from "../../recompute/score-lines";
import { buildAccount, buildContract } from "../../seed/factories";
import {
  buildUser,
  buildWorkspace,
  createTestContext,
  TEST_SECRET,
  type TestContext,
} from "../../test/context";
import { sweepDatePlaybooks } from "./playbook-daily-sweep";
import { runDuePlaybookRuns } from "./playbook-runner";
import { insertPlaybook } from "./playbooks.queries";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const today = new Date().toISOString().slice(0, 10);

const task: PlaybookInput["steps"][number] = {
  kind: "createTask",
  title: "{{signal.summary}}",
  owner: { kind: "accountOwner" },
  dueInBusinessDays: 1,
};

const setup = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const owner = await buildUser(ctx, { workspaceId, role: "csm" });
  const account = await buildAccount(ctx.db, { workspaceId, ownerUserId: owner.user.id });
  const add = (definition: PlaybookInput) =>
    insertPlaybook(ctx.db, { workspaceId, definition, templateKey: null, createdByUserId: null });
  const runs = () =>
    ctx.db.select().from(playbookRuns).where(eq(playbookRuns.workspaceId, workspaceId));
  return { workspaceId, account, add, runs };
};

const at = (day: string) => new Date(`${day}T03:00:00Z`);

describe("the daily sweep", () => {
  it("starts a renewal play once per contract and window, whatever the number of sweeps", async () => {
    const { workspaceId, account, add, runs } = await setup();
    const contract = await buildContract(ctx.db, {
      workspaceId,
      accountId: account.id,
      startDate: addCalendarDays(today, -300),
      endDate: addCalendarDays(today, 88),
    });
    const playbookId = await add({
      name: "更新90日前",
      trigger: { kind: "renewalDue", days: 90 },
      steps: [task],
    });
    // 60 days before: not in this window.
    await add({ name: "更新60日前", trigger: { kind: "renewalDue", days: 60 }, steps: [task] });
    await sweepDatePlaybooks(ctx.db, { baseURL: ctx.baseURL }, { now: at(today) });
    await sweepDatePlaybooks(ctx.db, { baseURL: ctx.baseURL }, { now: at(today) });
    await sweepDatePlaybooks(
      ctx.db,
      { baseURL: ctx.baseURL },
      { now: at(addCalendarDays(today, 1)) },
    );
    const found = await runs();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      playbookId,
      accountId: account.id,
      signal: { kind: "renewalApproaching", contractId: contract.id },
    });

    await runDuePlaybookRuns(
      ctx.db,
      {
        mailer: createOutboundMailer(undefined),
        baseURL: ctx.baseURL,
        authSecret: TEST_SECRET,
        allowPrivate: false,
      },
      { now: at(today), workspaceId },
    );
    const [made] = await ctx.db
      .select()
      .from(accountTasks)
      .where(
        and(eq(accountTasks.workspaceId, workspaceId), eq(accountTasks.accountId, account.id)),
      );
    expect(made?.title).toMatch(/^契約更新日/);
  });

  it("finds overdue milestones of active plans, open proposals and score drops", async () => {
    const { workspaceId, account, add, runs } = await setup();
    const [plan] = await ctx.db
      .insert(successPlans)
      .values({
        workspaceId,
        accountId: account.id,
        title: "Plan",
        goal: "",
        winConditionText: "",
        active: true,
      })
      .returning();
    await ctx.db.insert(planMilestones).values([
      {
        workspaceId,
        planId: plan!.id,
        key: "late",
        position: 0,
        title: "初期設定",
        dueDate: addCalendarDays(today, -3),
      },
      {
        workspaceId,
        planId: plan!.id,
        key: "done",
        position: 1,
        title: "済み",
        dueDate: addCalendarDays(today, -3),
        doneDate: addCalendarDays(today, -4),
      },
    ]);
    await ctx.db.insert(accountPhaseProposals).values({
      workspaceId,
      accountId: account.id,
      fromPhase: "onboarding",
      toPhase: "adoption",
      proposedAt: new Date(),
    });
    const line = (score: number) =>
      healthScoreLine({
        accountId: account.id,
        score,
        band: score < 50 ? "red" : "green",
        coverage: 1,
        measures: [],
        scorecardKey: "default",
      });
    await upsertHealthScores(ctx.db, {
      workspaceId,
      day: addCalendarDays(today, -5),
      lines: [line(90)],
    });
    await upsertHealthScores(ctx.db, { workspaceId, day: today, lines: [line(60)] });

    const milestone = await add({
      name: "期日超過",
      trigger: { kind: "milestoneOverdue" },
      steps: [task],
    });
    const proposed = await add({
      name: "移行提案",
      trigger: { kind: "phaseProposed" },
      steps: [task],
    });
    const dropped = await add({
      name: "急落",
      trigger: { kind: "healthScoreDropped", points: 20, withinDays: 14 },
      steps: [task],
    });
    await sweepDatePlaybooks(ctx.db, { baseURL: ctx.baseURL }, { now: at(today) });
    await sweepDatePlaybooks(ctx.db, { baseURL: ctx.baseURL }, { now: at(today) });
    const found = await runs();
    expect(found.map((run) => run.playbookId).sort()).toEqual(
      [milestone, proposed, dropped].sort(),
    );
    expect(found.find((run) => run.playbookId === milestone)?.signal).toMatchObject({
      kind: "milestoneOverdue",
      milestoneKey: "late",
      milestoneName: "初期設定",
    });
  });

  it("finds a KPI behind its plan line, named by the first measurement behind", async () => {
    const { workspaceId, account, add, runs } = await setup();
    const [plan] = await ctx.db
      .insert(successPlans)
      .values({
        workspaceId,
        accountId: account.id,
        title: "Plan",
        goal: "",
        winConditionText: "",
        active: true,
        periodStart: addCalendarDays(today, -50),
      })
      .returning();
    await ctx.db.insert(planKpis).values({
      workspaceId,
      planId: plan!.id,
      key: "logins",
      position: 0,
      kind: "kpi",
      name: "ログイン率",
      baseline: 0,
      target: 100,
      dueDate: addCalendarDays(today, 50),
    });
    await ctx.db.insert(planKpiMeasurements).values([
      {
        workspaceId,
        planId: plan!.id,
        kpiKey: "logins",
        position: 0,
        date: addCalendarDays(today, -20),
        value: 5,
      },
      {
        workspaceId,
        planId: plan!.id,
        kpiKey: "logins",
        position: 1,
        date: addCalendarDays(today, -10),
        value: 8,
      },
    ]);
    const playbookId = await add({
      name: "KPI遅れ",
      trigger: { kind: "kpiOffTrack" },
      steps: [task],
    });
    await sweepDatePlaybooks(ctx.db, { baseURL: ctx.baseURL }, { now: at(today) });
    await sweepDatePlaybooks(
      ctx.db,
      { baseURL: ctx.baseURL },
      { now: at(addCalendarDays(today, 1)) },
    );
    const found = await runs();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      playbookId,
      signal: {
        kind: "kpiOffTrack",
        kpiKey: "logins",
        kpiName: "ログイン率",
        since: addCalendarDays(today, -20),
      },
    });
  });
});
