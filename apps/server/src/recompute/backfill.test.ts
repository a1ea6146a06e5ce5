import { addCalendarDays, type DailyRollup, workspaceScorecardSchema } from "@michi/core";
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accountMaturityLevels,
  accountPhases,
  healthRatings,
  healthScores,
  scorecards,
  usageDailyRollups,
} from "../db/schema";
import { buildAccount, buildContract } from "../seed/factories";
import { createRandom, int } from "../seed/random";
import { buildWorkspace, createTestContext, type TestContext } from "../test/context";
import { backfillDays, backfillHealth, endOfDay } from "./backfill";
import { recomputeAllAccounts } from "./recompute";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const first = "2026-01-01";
const events = ["post", "view", "export"];

/** A seeded account's rollups over 150 days, with quiet spells. */
const randomRollups = (seed: number, startOffset: number): DailyRollup[] => {
  const random = createRandom(seed);
  const rows: DailyRollup[] = [];
  for (let offset = startOffset; offset < 150; offset++) {
    if (random() < (offset % 40 < 12 ? 0.8 : 0.3)) continue;
    const eventCounts: Record<string, number> = {};
    for (const name of events) if (random() < 0.6) eventCounts[name] = int(random, 1, 20);
    const users = ["u1", "u2", "u3", "u4"].filter(() => random() < 0.5);
    rows.push({ day: addCalendarDays(first, offset), eventCounts, activeUserIds: users });
  }
  return rows;
};

describe("backfillDays", () => {
  it("starts on from and steps to at most to", () => {
    expect(backfillDays("2026-01-30", "2026-02-12", 7)).toEqual(["2026-01-30", "2026-02-06"]);
    expect(backfillDays("2026-03-01", "2026-03-01", 1)).toEqual(["2026-03-01"]);
    expect(backfillDays("2026-03-02", "2026-03-01", 1)).toEqual([]);
  });
});

describe("backfillHealth", () => {
  it("writes each day's score as a recompute run on that day writes it", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    // A scorecard on every kind of input: usage, per-user volume, trend, recency, seats,
    // MRR, renewal, tenure and a rating.
    const entry = workspaceScorecardSchema.parse({
      key: "all-inputs",
      scorecard: {
        measures: [
          {
            kind: "metric",
            key: "users",
            name: "u",
            metric: "activeUsers:30d",
            scoring: { kind: "linear", from: 0, to: 4 },
            weight: 10,
          },
          {
            kind: "metric",
            key: "per-user",
            name: "p",
            metric: "eventsPerActiveUser:30d",
            scoring: { kind: "linear", from: 0, to: 60 },
            weight: 10,
          },
          {
            kind: "metric",
            key: "post",
            name: "post",
            metric: "eventCount:7d:post",
            scoring: { kind: "linear", from: 0, to: 50 },
            weight: 10,
          },
          {
            kind: "metric",
            key: "trend",
            name: "t",
            metric: "eventCountChange:30d",
            scoring: { kind: "linear", from: -50, to: 10 },
            weight: 10,
          },
          {
            kind: "metric",
            key: "seen",
            name: "s",
            metric: "daysSinceLastSeen",
            scoring: { kind: "linear", from: 0, to: 20, fromPoints: 100, toPoints: 0 },
            weight: 10,
          },
          {
            kind: "metric",
            key: "seats",
            name: "se",
            metric: "seatUtilisation:30d",
            scoring: { kind: "linear", from: 0, to: 80 },
            weight: 10,
          },
          {
            kind: "metric",
            key: "mrr",
            name: "m",
            metric: "mrr",
            scoring: { kind: "linear", from: 0, to: 100000 },
            weight: 5,
          },
          {
            kind: "metric",
            key: "renewal",
            name: "r",
            metric: "daysToRenewal",
            scoring: { kind: "linear", from: 0, to: 90 },
            weight: 5,
          },
          {
            kind: "metric",
            key: "tenure",
            name: "te",
            metric: "tenureDays",
            scoring: { kind: "linear", from: 0, to: 100 },
            weight: 5,
          },
          { kind: "rating", key: "promotion", name: "pr", weight: 5 },
        ],
      },
      appliesTo: {},
    });
    await ctx.db.insert(scorecards).values({ workspaceId, position: 0, ...entry });
    const accounts = await Promise.all(
      [0, 1, 2, 3, 4].map(() => buildAccount(ctx.db, { workspaceId })),
    );
    // e: used last in September, before the rows a backfill reads: last seen comes from a probe.
    const e = accounts[4]!;
    await ctx.db.insert(usageDailyRollups).values(
      ["2025-09-01", "2025-09-10"].map((day) => ({
        workspaceId,
        accountId: e.id,
        day,
        eventCounts: { post: 1 },
        activeUserIds: ["u1"],
      })),
    );
    const [a, b, c, d] = accounts as [
      (typeof accounts)[0],
      (typeof accounts)[0],
      (typeof accounts)[0],
      (typeof accounts)[0],
    ];
    // a: usage from the start; b: from day 40; c: none; d: a contract from day 20 only.
    const usageOfB = randomRollups(2, 40);
    const rows = [
      ...randomRollups(1, 0).map((r) => ({ workspaceId, accountId: a.id, ...r })),
      ...usageOfB.map((r) => ({ workspaceId, accountId: b.id, ...r })),
    ];
    await ctx.db.insert(usageDailyRollups).values(rows);
    // Contracts change over the range: a smaller one, then a larger renewal.
    await buildContract(ctx.db, {
      workspaceId,
      accountId: a.id,
      seats: 5,
      mrrMinor: 50_000,
      startDate: "2025-10-01",
      endDate: "2026-02-28",
      status: "expired",
    });
    await buildContract(ctx.db, {
      workspaceId,
      accountId: a.id,
      seats: 10,
      mrrMinor: 90_000,
      startDate: "2026-03-01",
      endDate: "2027-02-28",
    });
    await buildContract(ctx.db, {
      workspaceId,
      accountId: d.id,
      seats: 3,
      mrrMinor: 30_000,
      startDate: "2026-01-21",
      endDate: null,
    });
    // A rating given mid-range, then changed.
    await ctx.db.insert(healthRatings).values([
      {
        workspaceId,
        accountId: a.id,
        measureKey: "promotion",
        rating: 2,
        ratedAt: new Date("2026-02-10T09:00:00Z"),
      },
      {
        workspaceId,
        accountId: a.id,
        measureKey: "promotion",
        rating: 5,
        ratedAt: new Date("2026-04-01T09:00:00Z"),
      },
    ]);
    // A phase history and a maturity level in the past (the phase picks no scorecard here,
    // but its stays are read as of each day).
    await ctx.db.insert(accountPhases).values([
      {
        workspaceId,
        accountId: b.id,
        phaseKey: "onboarding",
        since: new Date("2026-01-01T00:00:00Z"),
        until: new Date("2026-03-15T00:00:00Z"),
        decidedBy: "auto",
      },
      {
        workspaceId,
        accountId: b.id,
        phaseKey: "adoption",
        since: new Date("2026-03-15T00:00:00Z"),
        until: null,
        decidedBy: "auto",
      },
    ]);
    await ctx.db.insert(accountMaturityLevels).values([
      {
        workspaceId,
        accountId: b.id,
        product: "docs",
        level: 1,
        since: new Date("2026-02-01T00:00:00Z"),
        until: null,
      },
    ]);

    const from = "2026-01-15";
    const to = "2026-05-20";
    const result = await backfillHealth(ctx.db, { workspaceId, from, to, everyDays: 9 });
    const days = backfillDays(from, to, 9);
    expect(result.days).toBe(days.length);
    const read = async () =>
      (
        await ctx.db
          .select()
          .from(healthScores)
          .where(eq(healthScores.workspaceId, workspaceId))
          .orderBy(asc(healthScores.day), asc(healthScores.accountId))
      ).map(({ computedAt: _, workspaceId: __, ...row }) => row);
    const backfilled = await read();
    expect(backfilled.length).toBe(result.scores);
    // Each account from its first known day: a's and b's first usage, d's first contract;
    // c, created today with no usage or contract, on none of these past days.
    const scoredDays = (accountId: string) =>
      backfilled.filter((row) => row.accountId === accountId).map((row) => row.day);
    expect(scoredDays(a.id)).toEqual(days);
    expect(scoredDays(b.id)).toEqual(days.filter((day) => day >= usageOfB[0]!.day));
    expect(scoredDays(c.id)).toEqual([]);
    expect(scoredDays(e.id)).toEqual(days);
    expect(scoredDays(d.id)).toEqual(days.filter((day) => day >= "2026-01-21"));
    expect(new Set(backfilled.map((row) => row.scorecardKey))).toEqual(new Set(["all-inputs"]));

    // The same days recomputed live, each as a run at the end of that day.
    await ctx.db.delete(healthScores).where(eq(healthScores.workspaceId, workspaceId));
    for (const day of days) {
      await recomputeAllAccounts(ctx.db, { workspaceId, at: endOfDay(day) });
    }
    const live = (await read()).filter((row) =>
      backfilled.some((b) => b.accountId === row.accountId && b.day === row.day),
    );
    expect(live).toEqual(backfilled);
  });

  it("rewrites a day already scored and leaves other days alone", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const account = await buildAccount(ctx.db, { workspaceId });
    await ctx.db
      .insert(usageDailyRollups)
      .values(randomRollups(7, 0).map((r) => ({ workspaceId, accountId: account.id, ...r })));
    await backfillHealth(ctx.db, { workspaceId, from: "2026-03-01", to: "2026-03-03" });
    await ctx.db.execute(
      sql`update health_scores set score = -1 where workspace_id = ${workspaceId}`,
    );
    const again = await backfillHealth(ctx.db, {
      workspaceId,
      from: "2026-03-02",
      to: "2026-03-02",
    });
    expect(again).toEqual({ days: 1, scores: 1 });
    const rows = await ctx.db
      .select({ day: healthScores.day, score: healthScores.score })
      .from(healthScores)
      .where(eq(healthScores.workspaceId, workspaceId))
      .orderBy(asc(healthScores.day));
    expect(rows.map((row) => [row.day, row.score === -1])).toEqual([
      ["2026-03-01", true],
      ["2026-03-02", false],
      ["2026-03-03", true],
    ]);
  });
});
