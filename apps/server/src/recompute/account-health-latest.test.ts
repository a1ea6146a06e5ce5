import { addCalendarDays } from "@michi/core";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountHealthLatest, healthScores } from "../db/schema";
import { buildAccount } from "../seed/factories";
import { buildWorkspace, createTestContext, type TestContext } from "../test/context";
import { upsertHealthScores } from "./health-scores.queries";
import { healthScoreLine } from "./score-lines";

/* account_health_latest follows every write to health_scores (migration 0024's triggers). */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const today = new Date().toISOString().slice(0, 10);
const day = (offset: number) => addCalendarDays(today, offset);

const line = (accountId: string, score: number | null) =>
  healthScoreLine({
    accountId,
    score,
    band: score === null ? null : score < 50 ? "red" : score < 75 ? "yellow" : "green",
    coverage: score === null ? 0 : 1,
    measures: [],
    scorecardKey: "default",
  });

const latestOf = async (workspaceId: string, accountId: string) => {
  const [row] = await ctx.db
    .select({
      day: accountHealthLatest.day,
      score: accountHealthLatest.score,
      band: accountHealthLatest.band,
    })
    .from(accountHealthLatest)
    .where(
      and(
        eq(accountHealthLatest.workspaceId, workspaceId),
        eq(accountHealthLatest.accountId, accountId),
      ),
    );
  return row;
};

describe("each account's latest health score", () => {
  it("follows the recompute's writes forward, never back to an older day", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const a = await buildAccount(ctx.db, { workspaceId, name: "A" });
    const b = await buildAccount(ctx.db, { workspaceId, name: "B" });
    expect(await latestOf(workspaceId, a.id)).toBeUndefined();

    await upsertHealthScores(ctx.db, {
      workspaceId,
      day: day(-1),
      lines: [line(a.id, 40), line(b.id, 90)],
    });
    expect(await latestOf(workspaceId, a.id)).toEqual({ day: day(-1), score: 40, band: "red" });

    // Today's score, then today's again (an upsert replaces the row): the latest follows both.
    await upsertHealthScores(ctx.db, { workspaceId, day: today, lines: [line(a.id, 60)] });
    expect(await latestOf(workspaceId, a.id)).toEqual({ day: today, score: 60, band: "yellow" });
    await upsertHealthScores(ctx.db, { workspaceId, day: today, lines: [line(a.id, null)] });
    expect(await latestOf(workspaceId, a.id)).toEqual({ day: today, score: null, band: null });

    // A backfill of a past day leaves the latest as it is.
    await upsertHealthScores(ctx.db, {
      workspaceId,
      day: day(-10),
      lines: [line(a.id, 5), line(b.id, 5)],
    });
    expect(await latestOf(workspaceId, a.id)).toEqual({ day: today, score: null, band: null });
    expect(await latestOf(workspaceId, b.id)).toEqual({ day: day(-1), score: 90, band: "green" });
  });

  it("follows rows written directly, ignores a day after today, keeps workspaces apart", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const other = (await buildWorkspace(ctx)).id;
    const a = await buildAccount(ctx.db, { workspaceId, name: "A" });
    const row = (ws: string, offset: number, score: number) => ({
      workspaceId: ws,
      accountId: a.id,
      day: day(offset),
      score,
      band: "green" as const,
      coverage: 1,
      measures: [],
    });
    // Several days of one account in one statement: the greatest day on or before today wins.
    await ctx.db
      .insert(healthScores)
      .values([row(workspaceId, -3, 70), row(workspaceId, -2, 80), row(workspaceId, 2, 99)]);
    await ctx.db.insert(healthScores).values(row(other, 0, 10));
    expect(await latestOf(workspaceId, a.id)).toMatchObject({ day: day(-2), score: 80 });
    expect(await latestOf(other, a.id)).toMatchObject({ day: today, score: 10 });
  });
});
