import { addCalendarDays, todayInTokyo } from "@michi/core";
import { testClient } from "hono/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { healthScores, usageDailyRollups } from "../../db/schema";
import { utcDay } from "../../lib/days";
import { buildAccount, buildContract } from "../../seed/factories";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { importExample } from "../success-plans/plan-test-helpers";

let ctx: TestContext;
let workspaceId: string;
let csm: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  csm = await buildUser(ctx, { workspaceId, role: "csm" });
});

const overviewOf = async (accountId: string, lang: "ja" | "en" = "ja") => {
  const api = testClient(ctx.app, {}, undefined, {
    headers: { origin: ctx.baseURL, ...csm.headers },
  }).api.v1;
  const res = await api.accounts[":id"].overview.$get({
    param: { id: accountId },
    query: { lang },
  });
  expect(res.status).toBe(200);
  if (res.status !== 200) throw new Error("no overview");
  return res.json();
};

const storeScore = (accountId: string, day: string, score: number) =>
  ctx.db.insert(healthScores).values({
    workspaceId,
    accountId,
    day,
    score,
    band: score >= 70 ? "green" : "yellow",
    coverage: 1,
    measures: [],
    scorecardKey: null,
  });

describe("GET /accounts/{id}/overview", () => {
  it("composes health, phase, MRR, the active plan, meetings, tasks and activity", async () => {
    const today = todayInTokyo(new Date());
    const { account, planId } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const healthDay = utcDay();
    await storeScore(account.id, healthDay, 72);
    await storeScore(account.id, addCalendarDays(healthDay, -31), 60);
    await storeScore(account.id, addCalendarDays(healthDay, -95), 80);
    await buildContract(ctx.db, {
      workspaceId,
      accountId: account.id,
      mrrMinor: 100_000,
      startDate: addCalendarDays(today, -100),
      endDate: addCalendarDays(today, 40),
    });
    await buildContract(ctx.db, {
      workspaceId,
      accountId: account.id,
      mrrMinor: 30_000,
      startDate: addCalendarDays(today, -10),
      endDate: addCalendarDays(today, 20),
    });
    // Ended: neither MRR nor renewal.
    await buildContract(ctx.db, {
      workspaceId,
      accountId: account.id,
      mrrMinor: 999,
      startDate: addCalendarDays(today, -400),
      endDate: addCalendarDays(today, -35),
      status: "expired",
    });
    await ctx.db
      .insert(usageDailyRollups)
      .values({ workspaceId, accountId: account.id, day: addCalendarDays(today, -2) });
    for (const [date, title] of [
      [addCalendarDays(today, -3), "定例(済)"],
      [addCalendarDays(today, 14), "月次報告"],
      [addCalendarDays(today, 7), "週次定例"],
    ] as const) {
      const res = await call(ctx, "POST", `/api/v1/plans/${planId}/meetings`, {
        ...csm,
        body: { date, audience: "users", title },
      });
      expect(res.status).toBe(201);
    }

    const overview = await overviewOf(account.id);
    expect(overview.accountId).toBe(account.id);
    expect(overview.today).toBe(today);
    expect(overview.health).toEqual({
      day: healthDay,
      score: 72,
      band: "green",
      change30: 12,
      change90: -8,
    });
    expect(overview.phase).toMatchObject({ key: "proposal", name: "提案", daysInPhase: 0 });
    expect((await overviewOf(account.id, "en")).phase.name).toBe("Proposal");
    expect(overview.contracts).toEqual({
      mrr: [{ currency: "JPY", minor: 130_000 }],
      renewalDate: addCalendarDays(today, 20),
      inForce: 2,
    });

    expect(overview.plan).toMatchObject({ id: planId, stage: 1 });
    // The example as of today: t1, ms1 and m1 done of 2 tasks, 3 milestones, 4 measures.
    expect(overview.plan!.progress).toMatchObject({
      tasks: { done: 1, total: 2 },
      milestones: { done: 1, total: 3 },
      measures: { done: 1, total: 4 },
    });
    expect(overview.plan!.progress.percent).toBeCloseTo((3 / 9) * 100);
    expect(overview.plan!.progress.winConditionPercent).toBeCloseTo((19 / 45) * 100);
    // The same findings as the plan's checks.
    const checks = await call(ctx, "GET", `/api/v1/plans/${planId}/checks`, csm);
    const findings = checks.json.findings as { severity: string }[];
    expect(overview.plan!.findings.warnings).toBe(
      findings.filter((f) => f.severity === "warning").length,
    );
    expect(overview.plan!.findings.top.length).toBe(Math.min(3, findings.length));

    expect(overview.nextMeeting).toMatchObject({
      planId,
      date: addCalendarDays(today, 7),
      title: "週次定例",
    });
    expect(overview.tasks.open).toBe(1);
    expect(overview.tasks.next).toEqual([
      {
        key: "t2",
        title: "第二倉庫の予約枠を設定",
        dueDate: "2026-12-05",
        status: "doing",
        overdue: today > "2026-12-05",
        ownerName: "伊藤 翔",
      },
    ]);
    // The plan was changed just now (the meetings are dated days ago).
    expect(overview.lastActivity?.kind).toBe("planUpdate");
  });

  it("answers the empty states: no plan, no score, no meeting, no contract, no activity", async () => {
    const account = await buildAccount(ctx.db, { workspaceId });
    const overview = await overviewOf(account.id);
    expect(overview.health).toMatchObject({ score: null, band: null, change30: null });
    expect(overview.contracts).toEqual({ mrr: [], renewalDate: null, inForce: 0 });
    expect(overview.plan).toBeNull();
    expect(overview.nextMeeting).toBeNull();
    expect(overview.tasks).toEqual({ open: 0, overdue: 0, next: [] });
    expect(overview.lastActivity).toBeNull();

    const used = addCalendarDays(todayInTokyo(new Date()), -4);
    await ctx.db
      .insert(usageDailyRollups)
      .values({ workspaceId, accountId: account.id, day: used });
    expect((await overviewOf(account.id)).lastActivity).toEqual({ kind: "usage", at: used });
  });

  it("answers 404 for another workspace's account and 400 for a bad id or lang", async () => {
    const elsewhere = await buildAccount(ctx.db, { workspaceId: (await buildWorkspace(ctx)).id });
    const res = await call(ctx, "GET", `/api/v1/accounts/${elsewhere.id}/overview`, csm);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect((await call(ctx, "GET", "/api/v1/accounts/nope/overview", csm)).status).toBe(400);
    const account = await buildAccount(ctx.db, { workspaceId });
    const lang = await call(ctx, "GET", `/api/v1/accounts/${account.id}/overview?lang=fr`, csm);
    expect(lang.status).toBe(400);
  });
});
