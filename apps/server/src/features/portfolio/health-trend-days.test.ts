import { addCalendarDays } from "@michi/core";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, type HealthTrendGroup, healthScores, healthTrendDays } from "../../db/schema";
import { upsertHealthScores } from "../../recompute/health-scores.queries";
import { healthScoreLine } from "../../recompute/score-lines";
import { buildAccount } from "../../seed/factories";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import {
  findHealthTrendDays,
  forgetHealthTrendDay,
  sumTrendGroups,
  writeHealthTrendDays,
} from "./health-trend-days.queries";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const today = new Date().toISOString().slice(0, 10);
const day = (offset: number) => addCalendarDays(today, offset);

const scoreOf = (accountId: string, score: number) => ({
  accountId,
  score,
  band: score < 50 ? ("red" as const) : score < 75 ? ("yellow" as const) : ("green" as const),
  coverage: 1,
  measures: [],
  scorecardKey: "default",
});

/** A (enterprise, high touch, owned) and B (smb, tech touch), scored 3 and 2 days ago. */
const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const owner = await buildUser(ctx, { workspaceId, role: "csm" });
  const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
  const createdAt = new Date(`${day(-30)}T09:00:00Z`);
  const a = await buildAccount(ctx.db, {
    workspaceId,
    name: "A",
    createdAt,
    ownerUserId: owner.user.id,
    segment: "enterprise",
    touchModel: "high",
  });
  const b = await buildAccount(ctx.db, {
    workspaceId,
    name: "B",
    createdAt,
    segment: "smb",
    touchModel: "tech",
  });
  const write = (offset: number, rows: ReturnType<typeof scoreOf>[]) =>
    upsertHealthScores(ctx.db, { workspaceId, day: day(offset), lines: rows.map(healthScoreLine) });
  await write(-3, [scoreOf(a.id, 30), scoreOf(b.id, 80)]);
  await write(-2, [scoreOf(a.id, 60), scoreOf(b.id, 90)]);
  return { workspaceId, owner, viewer, a, b, write };
};

const trendOf = async (headers: Record<string, string>, query = "") => {
  const res = await call(ctx, "GET", `/api/v1/portfolio${query}`, { headers });
  expect(res.status).toBe(200);
  return res.json.health.trend as { day: string; red: number; yellow: number; green: number }[];
};

const writtenDays = async (workspaceId: string) =>
  (
    await ctx.db
      .select({ day: healthTrendDays.day })
      .from(healthTrendDays)
      .where(eq(healthTrendDays.workspaceId, workspaceId))
  )
    .map((row) => row.day)
    .sort();

describe("sumTrendGroups", () => {
  const groups: HealthTrendGroup[] = [
    ["u1", "smb", "tech", 1, 0, 2, 150, 3],
    [null, "smb", "high", 0, 1, 0, 60, 1],
    ["u1", null, null, 0, 0, 0, 0, 0],
  ];
  it("adds up the groups the filter keeps", () => {
    expect(sumTrendGroups("d", groups, {})).toEqual({
      day: "d",
      red: 1,
      yellow: 1,
      green: 2,
      scoreSum: 210,
      scored: 4,
    });
    expect(sumTrendGroups("d", groups, { segment: "smb", touchModel: "high" })).toMatchObject({
      yellow: 1,
      scored: 1,
    });
    expect(sumTrendGroups("d", groups, { ownerUserId: "u2" })).toMatchObject({ scored: 0 });
  });
});

describe("the portfolio's trend days", () => {
  it("are written by the first read and read from then on", async () => {
    const { workspaceId, viewer } = await setUp();
    const first = await trendOf(viewer.headers);
    // Today's point is each account's latest score, never a stored day.
    expect(first.map((point) => point.day)).toEqual([day(-3), day(-2), today]);
    expect(first[0]).toMatchObject({ red: 1, green: 1 });
    // Every past day of the window, scored or not: a day with no scores is not counted again.
    const written = await writtenDays(workspaceId);
    expect(written).toHaveLength(89);
    expect([written[0], written.at(-1)]).toEqual([day(-89), day(-1)]);

    // What is stored is what the next read shows (not a count from the scores).
    await ctx.db
      .update(healthTrendDays)
      .set({ groups: [[null, null, null, 0, 7, 0, 420, 7]] })
      .where(and(eq(healthTrendDays.workspaceId, workspaceId), eq(healthTrendDays.day, day(-3))));
    const second = await trendOf(viewer.headers);
    expect(second.find((point) => point.day === day(-3))).toMatchObject({ red: 0, yellow: 7 });
  });

  it("count again a day whose scores are written again", async () => {
    const { workspaceId, viewer, a, b, write } = await setUp();
    await trendOf(viewer.headers);
    await write(-3, [scoreOf(a.id, 90), scoreOf(b.id, 90)]);
    const written = await writtenDays(workspaceId);
    expect(written).not.toContain(day(-3));
    expect(written).toContain(day(-2));
    const trend = await trendOf(viewer.headers);
    expect(trend.find((point) => point.day === day(-3))).toMatchObject({ red: 0, green: 2 });
  });

  it("count again when an account's owner, segment, touch model or churn changes, or it goes", async () => {
    const { workspaceId, viewer, a, b } = await setUp();
    const rewrite = async (change: Partial<typeof accounts.$inferInsert>, id = a.id) => {
      await trendOf(viewer.headers);
      expect(await writtenDays(workspaceId)).toHaveLength(89);
      await ctx.db.update(accounts).set(change).where(eq(accounts.id, id));
    };

    // A change no trend day counts by keeps them.
    await rewrite({ name: "A renamed" });
    expect(await writtenDays(workspaceId)).toHaveLength(89);

    await rewrite({ segment: "smb" });
    expect(await writtenDays(workspaceId)).toEqual([]);
    expect((await trendOf(viewer.headers, "?segment=smb"))[0]).toMatchObject({ red: 1, green: 1 });

    await rewrite({ touchModel: "tech" });
    expect(await writtenDays(workspaceId)).toEqual([]);
    expect((await trendOf(viewer.headers, "?touchModel=tech"))[0]).toMatchObject({ red: 1 });

    await rewrite({ ownerUserId: null });
    expect(await writtenDays(workspaceId)).toEqual([]);

    await rewrite({ churnedOn: day(-1) }, b.id);
    expect(await writtenDays(workspaceId)).toEqual([]);
    expect((await trendOf(viewer.headers))[0]).toMatchObject({ red: 1, green: 0 });

    await trendOf(viewer.headers);
    await ctx.db.delete(accounts).where(eq(accounts.id, a.id));
    expect(await writtenDays(workspaceId)).toEqual([]);
    // A's scores stay behind (no foreign keys) but are no longer counted.
    expect(await trendOf(viewer.headers)).toEqual([]);
    const left = await ctx.db.select().from(healthScores).where(eq(healthScores.accountId, a.id));
    expect(left).toHaveLength(2);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "are not written while a transaction changing them is open, and counted from the scores",
    async () => {
      const { workspaceId, a, b } = await setUp();
      const window = { workspaceId, from: day(-5), to: day(-1) };
      await ctx.db.transaction(async (tx) => {
        // A score of 3 days ago being written on another connection, not committed yet.
        await forgetHealthTrendDay(tx, { workspaceId, day: day(-3) });
        await tx.execute(sql`update health_scores set band = 'green', score = 99
          where workspace_id = ${workspaceId} and account_id = ${a.id} and day = ${day(-3)}::date`);
        expect(await writeHealthTrendDays(ctx.db, window)).toBe(false);
        const trend = await findHealthTrendDays(ctx.db, window);
        expect(trend.find((point) => point.day === day(-3))).toMatchObject({ red: 1, green: 1 });
        expect(await writtenDays(workspaceId)).toEqual([]);
      });
      // Committed: the next read writes the days, with the new score.
      const trend = await findHealthTrendDays(ctx.db, window);
      expect(trend.find((point) => point.day === day(-3))).toMatchObject({ red: 0, green: 2 });
      expect(await writtenDays(workspaceId)).toHaveLength(5);
      expect(b.id).toBeTruthy();
    },
  );
});
