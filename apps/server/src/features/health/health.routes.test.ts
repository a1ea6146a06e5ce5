import { addCalendarDays, healthBand } from "@michi/core";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { healthScores, type StoredHealthMeasure, usageDirtyAccounts } from "../../db/schema";
import { findWorkspacesWithDirtyAccounts, recomputeAccounts } from "../../recompute";
import { buildAccount } from "../../seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const today = new Date().toISOString().slice(0, 10);

const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const key = await buildApiKey(ctx, { workspaceId });
  const externalId = `org-${uniqueSuffix()}`;
  const account = await buildAccount(ctx.db, { workspaceId, externalId });
  return { workspaceId, headers: key.headers, account, externalId };
};

/** A Segment batch: `count` key actions spread over `users` users on a day (default today). */
const sendKeyActions = (
  headers: Record<string, string>,
  params: { groupId: string; users: number; count: number; day?: string },
) =>
  call(ctx, "POST", "/api/v1/batch", {
    headers,
    body: {
      batch: Array.from({ length: params.count }, (_, i) => ({
        type: "track",
        event: "document_created",
        userId: `u-${i % params.users}`,
        context: { groupId: params.groupId },
        messageId: crypto.randomUUID(),
        timestamp: `${params.day ?? today}T00:00:0${i % 10}.000Z`,
      })),
    },
  });

const sumOf = (contributions: { contribution: number }[]) =>
  contributions.reduce((sum, c) => sum + c.contribution, 0);

const dirtyMarks = (workspaceId: string, accountId: string) =>
  ctx.db
    .select()
    .from(usageDirtyAccounts)
    .where(
      and(
        eq(usageDirtyAccounts.workspaceId, workspaceId),
        eq(usageDirtyAccounts.accountId, accountId),
      ),
    );

describe("account health", () => {
  it("rises after events arrive and are recomputed; contributions add up to the score", async () => {
    const { workspaceId, headers, account, externalId } = await setUp();
    const before = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health`, { headers });
    expect(before.status).toBe(200);
    expect(sumOf(before.json.contributions)).toBe(before.json.score ?? 0);

    expect(
      (await sendKeyActions(headers, { groupId: externalId, users: 5, count: 12 })).status,
    ).toBe(200);
    // Ingest lists the events for the fold; the job finds the workspace by that and folds first.
    expect(await findWorkspacesWithDirtyAccounts(ctx.db)).toContain(workspaceId);
    // What the health job does, for this workspace only (the test database may be shared).
    expect(await recomputeAccounts(ctx.db, { workspaceId })).toBe(1);
    expect(await dirtyMarks(workspaceId, account.id)).toHaveLength(0);

    const after = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health`, { headers });
    expect(after.status).toBe(200);
    expect(after.json.score).toBeGreaterThan(before.json.score ?? 0);
    expect(after.json.band).toMatch(/^(red|yellow|green)$/);
    expect(sumOf(after.json.contributions)).toBe(after.json.score);
    const byMeasure = Object.fromEntries(
      after.json.contributions.map((c: { measure: string }) => [c.measure, c]),
    );
    // Core's default names no event: 12 events by 5 people is 2.4 each, on 1 day of 30.
    expect(byMeasure["events-per-user"]).toMatchObject({ value: 2.4, points: 20 });
    expect(byMeasure["active-days"]).toMatchObject({ value: 1, points: 6.25 });
    expect(byMeasure["last-seen"]).toMatchObject({ value: 0, points: 100 });
    // Nothing to read seats from yet: the measure is left out, with no contribution.
    expect(byMeasure["seat-utilisation"]).toMatchObject({ value: null, contribution: 0 });
    expect(after.json.coverage).toBeGreaterThan(0);
    expect(after.json.coverage).toBeLessThan(1);
    // What each value is, for its unit on screen: a metric by its key, a rating as such.
    expect(byMeasure["events-per-user"]).toMatchObject({
      kind: "metric",
      metric: "eventsPerActiveUser:30d",
    });
    expect(after.json.contributions.filter((c: { kind: string }) => c.kind === "rating")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metric: null, value: null, points: null }),
      ]),
    );
  });

  it("gives an account with too little data no score (insufficient data), never 0 and red", async () => {
    const { headers, account } = await setUp();
    const res = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health`, { headers });
    expect(res.status).toBe(200);
    // Core's default asks for half the weight; a new account has less.
    expect(res.json.scorecard).toMatchObject({ key: "default", minCoverage: 0.5 });
    expect(res.json.coverage).toBeLessThan(0.5);
    expect(res.json).toMatchObject({ score: null, band: null, churnedOn: null });
  });

  it("attaches events that arrived before their account, then scores them", async () => {
    const { workspaceId, headers } = await setUp();
    const externalId = `late-${uniqueSuffix()}`;
    await sendKeyActions(headers, { groupId: externalId, users: 1, count: 3 });
    const account = await buildAccount(ctx.db, { workspaceId, externalId });
    expect(await recomputeAccounts(ctx.db, { workspaceId })).toBe(1);
    const res = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health`, { headers });
    expect(
      res.json.contributions.find((c: { measure: string }) => c.measure === "events-per-user"),
    ).toMatchObject({ value: 3, points: 20 });
  });

  it("keeps one row per day in the history, newest first, and replaces a day on recompute", async () => {
    const { workspaceId, headers, account } = await setUp();
    const accountIds = [account.id];
    const yesterday = addCalendarDays(today, -1);
    await recomputeAccounts(ctx.db, {
      workspaceId,
      accountIds,
      at: new Date(`${yesterday}T12:00:00Z`),
    });
    await recomputeAccounts(ctx.db, { workspaceId, accountIds });
    await recomputeAccounts(ctx.db, { workspaceId, accountIds });
    const res = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health/history?days=90`, {
      headers,
    });
    expect(res.status).toBe(200);
    expect(res.json.data.map((row: { day: string }) => row.day)).toEqual([today, yesterday]);
    const short = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health/history?days=1`, {
      headers,
    });
    expect(short.json.data).toHaveLength(1);
  });

  it("answers 404 for another workspace's account", async () => {
    const mine = await setUp();
    const theirs = await setUp();
    for (const path of ["health", "health/history"]) {
      const res = await call(ctx, "GET", `/api/v1/accounts/${theirs.account.id}/${path}`, {
        headers: mine.headers,
      });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    }
  });
});

describe("a churned account's health", () => {
  const churnedOn = addCalendarDays(today, -20);
  const lastDay = addCalendarDays(churnedOn, -1);
  const row = (workspaceId: string, accountId: string, day: string, score: number) => ({
    workspaceId,
    accountId,
    day,
    score,
    band: healthBand(score),
    coverage: 0.8,
    scorecardKey: "default",
    measures: [["active-days", score === 0 ? 0 : 20, score, 15, score] as StoredHealthMeasure],
  });

  /** Scored 72 its last day as a customer, then (no use left) 0 and red until today. */
  const setUpChurned = async () => {
    const { workspaceId, headers } = await setUp();
    const account = await buildAccount(ctx.db, {
      workspaceId,
      createdAt: new Date(`${addCalendarDays(today, -200)}T00:00:00Z`),
      churnedOn,
      churnSource: "contracts",
    });
    await ctx.db
      .insert(healthScores)
      .values([
        row(workspaceId, account.id, addCalendarDays(lastDay, -30), 80),
        row(workspaceId, account.id, lastDay, 72),
        row(workspaceId, account.id, churnedOn, 0),
        row(workspaceId, account.id, today, 0),
      ]);
    return { headers, account };
  };

  it("answers its last day as a customer, not the 0 and red of after", async () => {
    const { headers, account } = await setUpChurned();
    const res = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health`, { headers });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ day: lastDay, churnedOn, score: 72, band: "yellow" });
    // Asked for, a day after is answered as it was stored.
    const asked = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health?asOf=${today}`, {
      headers,
    });
    expect(asked.json).toMatchObject({ day: today, score: 0, band: "red" });
  });

  it("ends its history and its change the day before it churned", async () => {
    const { headers, account } = await setUpChurned();
    const history = await call(
      ctx,
      "GET",
      `/api/v1/accounts/${account.id}/health/history?days=60`,
      { headers },
    );
    expect(history.json.data.map((point: { day: string }) => point.day)).toEqual([
      lastDay,
      addCalendarDays(lastDay, -30),
    ]);
    const change = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health/change`, {
      headers,
    });
    expect(change.json).toMatchObject({
      from: { day: addCalendarDays(lastDay, -30), score: 80 },
      to: { day: lastDay, score: 72 },
      scoreChange: -8,
    });
    expect(change.json.measures[0]).toMatchObject({
      measure: "active-days",
      kind: "metric",
      metric: "activeDays:30d",
    });
  });
});

describe("POST /health/recompute", () => {
  it("is refused to viewers and CSMs, and done for admins with wait=true", async () => {
    const { workspaceId, account } = await setUp();
    await buildAccount(ctx.db, { workspaceId });
    for (const role of ["viewer", "csm"] as const) {
      const { headers } = await buildUser(ctx, { workspaceId, role });
      const res = await call(ctx, "POST", "/api/v1/health/recompute?wait=true", { headers });
      expect(res.status).toBe(403);
    }
    const { headers } = await buildUser(ctx, { workspaceId, role: "admin" });
    const res = await call(ctx, "POST", "/api/v1/health/recompute?wait=true", { headers });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ done: true, accounts: 2 });
    const history = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health/history`, {
      headers,
    });
    expect(history.json.data).toHaveLength(1);

    const queued = await call(ctx, "POST", "/api/v1/health/recompute", { headers });
    expect(queued.status).toBe(202);
    expect(queued.json).toEqual({ done: false, accounts: 2 });
    expect(await dirtyMarks(workspaceId, account.id)).toHaveLength(1);
  });

  it("backfills past days with from and to, so the history has a past", async () => {
    const { workspaceId, account, externalId, headers: keyHeaders } = await setUp();
    // Events 20 days ago: the account is known from then.
    const then = addCalendarDays(today, -20);
    const sent = await call(ctx, "POST", "/api/v1/batch", {
      headers: keyHeaders,
      body: {
        batch: [1, 2, 3].map((i) => ({
          type: "track",
          event: "post",
          userId: `u-${i}`,
          context: { groupId: externalId },
          messageId: crypto.randomUUID(),
          timestamp: `${then}T09:00:00.000Z`,
        })),
      },
    });
    expect(sent.status).toBe(200);
    const { headers } = await buildUser(ctx, { workspaceId, role: "admin" });
    const from = addCalendarDays(today, -21);
    const to = addCalendarDays(today, -1);
    const res = await call(
      ctx,
      "POST",
      `/api/v1/health/recompute?from=${from}&to=${to}&everyDays=5`,
      { headers },
    );
    expect(res.status).toBe(200);
    // Days -21, -16, -11, -6, -1; the account is scored from its first event on.
    expect(res.json).toEqual({ done: true, accounts: null, days: 5, scores: 4 });
    const history = await call(
      ctx,
      "GET",
      `/api/v1/accounts/${account.id}/health/history?days=30`,
      { headers },
    );
    expect(history.json.data.map((row: { day: string }) => row.day)).toEqual(
      [-1, -6, -11, -16].map((n) => addCalendarDays(today, n)),
    );
    // A day of the history answers its row; a day outside it is computed as of then.
    const stored = history.json.data[0];
    const onThatDay = await call(
      ctx,
      "GET",
      `/api/v1/accounts/${account.id}/health?asOf=${stored.day}`,
      { headers },
    );
    expect(onThatDay.json).toMatchObject({ day: stored.day, score: stored.score });
    const between = addCalendarDays(today, -3);
    const computed = await call(
      ctx,
      "GET",
      `/api/v1/accounts/${account.id}/health?asOf=${between}`,
      {
        headers,
      },
    );
    expect(computed.json.day).toBe(between);
    expect(
      computed.json.contributions.find((c: { measure: string }) => c.measure === "last-seen"),
    ).toMatchObject({ value: 17 });
    const before = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health?asOf=${from}`, {
      headers,
    });
    // Nothing used yet then: too little data for a score.
    expect(before.json).toMatchObject({ day: from, score: null, band: null });
    const future = await call(
      ctx,
      "GET",
      `/api/v1/accounts/${account.id}/health?asOf=${addCalendarDays(today, 1)}`,
      { headers },
    );
    expect(future.status).toBe(422);
    expect(future.json.errors).toMatchObject([
      { pointer: "/asOf", code: "date-in-future", params: { today } },
    ]);
    // The usage metrics as of a day: the window ends then.
    const metrics = await call(
      ctx,
      "GET",
      `/api/v1/accounts/${account.id}/metrics?window=7&asOf=${addCalendarDays(today, -18)}`,
      { headers },
    );
    expect(metrics.status).toBe(200);
    expect(metrics.json.metrics).toMatchObject({ asOf: addCalendarDays(today, -18) });
    expect(metrics.json.metrics.current.totalEvents).toBe(3);
    const laterMetrics = await call(
      ctx,
      "GET",
      `/api/v1/accounts/${account.id}/metrics?window=7&asOf=${addCalendarDays(today, -5)}`,
      { headers },
    );
    expect(laterMetrics.json.metrics.current.totalEvents).toBe(0);
  });

  it("refuses a backfill that is not one: half a range, backwards, in the future, bad steps", async () => {
    const { workspaceId } = await setUp();
    const { headers } = await buildUser(ctx, { workspaceId, role: "admin" });
    const tomorrow = addCalendarDays(today, 1);
    // Each problem with its code, for the web to say it in the UI's language (decision 0022).
    const cases: [string, string, string][] = [
      [`from=${today}`, "/to", "required-with"],
      [`from=${today}&to=${addCalendarDays(today, -3)}`, "/from", "start-after-end"],
      [`from=${today}&to=${tomorrow}`, "/to", "date-in-future"],
      [`from=${today}&to=${today}&everyDays=0`, "/everyDays", "days-out-of-range"],
      [`from=2020-01-01&to=${today}`, "/from", "range-too-long"],
    ];
    for (const [query, pointer, code] of cases) {
      const res = await call(ctx, "POST", `/api/v1/health/recompute?${query}`, { headers });
      expect(res.status, query).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(
        res.json.errors.map((e: { pointer: string; code?: string }) => `${e.pointer} ${e.code}`),
        query,
      ).toContain(`${pointer} ${code}`);
    }
    const bad = await call(ctx, "POST", "/api/v1/health/recompute?from=2026-02-30&to=2026-03-01", {
      headers,
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    const { headers: csm } = await buildUser(ctx, { workspaceId, role: "csm" });
    const refused = await call(ctx, "POST", `/api/v1/health/recompute?from=${today}&to=${today}`, {
      headers: csm,
    });
    expect(refused.status).toBe(403);
  });
});

describe("GET /accounts/{id}/health/change", () => {
  it("explains the move between two days by measure, the changes adding up to the score's", async () => {
    const { workspaceId, headers, account, externalId } = await setUp();
    const lastWeek = addCalendarDays(today, -7);
    // A week ago: a first try by one person.
    await sendKeyActions(headers, { groupId: externalId, users: 1, count: 2, day: lastWeek });
    await recomputeAccounts(ctx.db, {
      workspaceId,
      accountIds: [account.id],
      at: new Date(`${lastWeek}T12:00:00Z`),
    });
    await sendKeyActions(headers, { groupId: externalId, users: 5, count: 12 });
    await recomputeAccounts(ctx.db, { workspaceId });

    const res = await call(
      ctx,
      "GET",
      `/api/v1/accounts/${account.id}/health/change?from=${lastWeek}&to=${today}`,
      { headers },
    );
    expect(res.status).toBe(200);
    expect(res.json.from).toMatchObject({ day: lastWeek });
    expect(res.json.to).toMatchObject({ day: today });
    expect(res.json.scoreChange).toBe(res.json.to.score - res.json.from.score);
    expect(res.json.scoreChange).toBeGreaterThan(0);
    const changes = res.json.measures.map(
      (m: { contributionChange: number }) => m.contributionChange,
    );
    expect(changes.reduce((a: number, b: number) => a + b, 0)).toBe(res.json.scoreChange);
    // Largest first.
    const sizes = changes.map(Math.abs);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(
      res.json.measures.find((m: { measure: string }) => m.measure === "active-days"),
    ).toMatchObject({
      valueBefore: 1,
      valueAfter: 2,
    });

    const health = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health`, { headers });
    expect(health.json.scorecard).toMatchObject({ key: "default" });
  });

  it("refuses from after to, and another workspace's account", async () => {
    const { headers, account } = await setUp();
    const bad = await call(
      ctx,
      "GET",
      `/api/v1/accounts/${account.id}/health/change?from=${today}&to=${addCalendarDays(today, -1)}`,
      { headers },
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/problem\+json/);
    const notADate = await call(
      ctx,
      "GET",
      `/api/v1/accounts/${account.id}/health/change?from=soon`,
      {
        headers,
      },
    );
    expect(notADate.status).toBe(400);
    const other = await setUp();
    const res = await call(ctx, "GET", `/api/v1/accounts/${account.id}/health/change`, {
      headers: other.headers,
    });
    expect(res.status).toBe(404);
  });
});
