import { addCalendarDays, type DailyRollup, windowTotalsFromRollups } from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import { usageDailyRollups } from "../db/schema";
import { buildAccount } from "../seed/factories";
import { buildWorkspace, createTestContext, type TestContext } from "../test/context";
import {
  findLastSeenDays,
  type WindowTotalsCounter,
  type WindowTotalsCursor,
} from "./window-totals";
import { countAllWindowTotals, pgliteWindowTotals } from "./window-totals.pglite";
import { countWorkspaceWindowTotals, postgresWindowTotals } from "./window-totals.postgres";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

/** A small seeded generator (mulberry32): the same rollups on every run. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const asOf = "2026-06-30";
const events = ["document_created", "document_sent", "login", "ログイン"];

/** Rollups over 80 days around asOf (some after it), with gaps, days with users but no events and the reverse. */
const randomRollups = (next: () => number): DailyRollup[] => {
  const rollups: DailyRollup[] = [];
  for (let offset = -75; offset <= 5; offset++) {
    if (next() < 0.4) continue;
    const eventCounts: Record<string, number> = {};
    for (const name of events) if (next() < 0.5) eventCounts[name] = 1 + Math.floor(next() * 40);
    const users = next() < 0.2 ? [] : events.map((_, i) => `u${i + Math.floor(next() * 6)}`);
    rollups.push({
      day: addCalendarDays(asOf, offset),
      eventCounts,
      activeUserIds: [...new Set(users)].sort(),
    });
  }
  return rollups;
};

/*
 * Both implementations run on either database here (their SQL is plain
 * PostgreSQL), so each is held to core's reference whichever driver the run has.
 */
const counters: [string, WindowTotalsCounter][] = [
  ["PostgreSQL's (counted by the database)", postgresWindowTotals],
  ["PGlite's (counted in this process)", pgliteWindowTotals],
];

describe.each(counters)("window totals, %s", (_, counter) => {
  it("counts exactly what core's windowTotalsFromRollups counts, for every window and part", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const windows = [1, 7, 30];
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      const accounts = await Promise.all(
        [0, 1, 2, 3].map(() => buildAccount(ctx.db, { workspaceId })),
      );
      const rollupsOf = new Map(accounts.map((account) => [account.id, randomRollups(next)]));
      // The last account has no usage at all: no rows come back for it.
      rollupsOf.set(accounts[3]!.id, []);
      const rows = [...rollupsOf].flatMap(([accountId, rollups]) =>
        rollups.map((rollup) => ({ workspaceId, accountId, ...rollup })),
      );
      await ctx.db.insert(usageDailyRollups).values(rows);

      // Two names of four counted by name ("ログイン" among them), distinct names in two windows.
      const named = ["document_sent", "ログイン"];
      const totals = await counter.countBatch(ctx.db, {
        workspaceId,
        accountIds: accounts.map((a) => a.id),
        asOf,
        windows,
        events: named,
        distinctEventWindows: [7, 30],
        previousUserWindows: [7],
      });
      // Read as a range of ids (a page of a full recompute): the same totals for these accounts.
      const sortedIds = accounts.map((a) => a.id).sort();
      const byRange = await counter.countBatch(ctx.db, {
        workspaceId,
        accountIds: sortedIds,
        asOf,
        windows,
        events: named,
        distinctEventWindows: [7, 30],
        previousUserWindows: [7],
        idRange: { first: sortedIds[0]!, last: sortedIds[sortedIds.length - 1]! },
      });
      const ours = (rows: typeof totals) =>
        rows
          .filter((row) => rollupsOf.has(row.accountId))
          .sort((a, b) => a.accountId.localeCompare(b.accountId));
      expect(ours(byRange)).toEqual(ours(totals));
      // A full recompute's totals of the whole workspace, read two accounts at a time: on
      // PostgreSQL counted in ranges of 3 accounts (pages and ranges do not line up); in this
      // process by ranges of heap blocks, one block each here, so an account's rows come in
      // several texts.
      const needs = {
        workspaceId,
        asOf,
        windows,
        events: named,
        distinctEventWindows: [7, 30],
        previousUserWindows: [7],
      };
      const readByTwo = async (cursor: WindowTotalsCursor) => {
        const read = [];
        for (let i = 1; i < sortedIds.length; i += 2)
          read.push(...(await cursor.through(sortedIds[i]!)));
        return read;
      };
      const wholeWorkspace =
        counter === postgresWindowTotals
          ? await readByTwo(await countWorkspaceWindowTotals(ctx.db, needs, 3))
          : await readByTwo(await countAllWindowTotals(ctx.db, needs, 1));
      expect(ours(wholeWorkspace)).toEqual(ours(totals));
      for (const [accountId, rollups] of rollupsOf) {
        const row = totals.find((t) => t.accountId === accountId);
        if (rollups.length === 0) {
          expect(row, `${seed} no usage`).toBeUndefined();
          continue;
        }
        for (const windowDays of windows) {
          const expected = windowTotalsFromRollups(rollups, asOf, windowDays);
          const pair = row?.windows.get(windowDays);
          for (const part of ["current", "previous"] as const) {
            const { eventCounts, totalEvents, activeDays, from, to } = expected[part];
            // The previous part's users are counted only where asked (7 days here).
            const activeUsers =
              part === "previous" && windowDays !== 7 ? 0 : expected[part].activeUsers;
            expect(pair?.[part], `${seed} ${windowDays} ${part}`).toMatchObject({
              from,
              to,
              eventCounts: Object.fromEntries(
                named.flatMap((name) => (eventCounts[name] ? [[name, eventCounts[name]]] : [])),
              ),
              totalEvents,
              activeUsers,
              activeDays,
            });
          }
          expect(pair?.current.distinctEvents, `${seed} ${windowDays} distinct`).toBe(
            windowDays === 1
              ? undefined
              : Object.values(expected.current.eventCounts).filter((n) => n > 0).length,
          );
        }
        const inRange = windowTotalsFromRollups(
          rollups.filter((r) => r.day > addCalendarDays(asOf, -60)),
          asOf,
          1,
        ).lastActiveDay;
        expect(row?.lastActiveDay ?? null, `${seed} last active`).toBe(inRange);
      }
      const lastSeen = await findLastSeenDays(ctx.db, {
        workspaceId,
        accountIds: accounts.map((a) => a.id),
        to: asOf,
      });
      for (const [accountId, rollups] of rollupsOf) {
        expect(lastSeen.find((row) => row.accountId === accountId)?.day ?? null).toBe(
          windowTotalsFromRollups(rollups, asOf, 1).lastActiveDay,
        );
      }
    }
  });
});
