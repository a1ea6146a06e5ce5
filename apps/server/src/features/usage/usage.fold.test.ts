import {
  addCalendarDays,
  normaliseSegmentBatch,
  rollUpEvents,
  type SegmentEvent,
} from "@michi/core";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db, openDatabase, rowsOf } from "../../db/client";
import { usageDailyRollups, usageDirtyAccounts, usageEvents } from "../../db/schema";
import {
  attachAllWaitingUsageEvents,
  attachUsageEventsOfAccount,
  findWorkspacesWithDirtyAccounts,
  foldUsageEvents,
} from "../../recompute";
import { buildAccount } from "../../seed/factories";
import { createRandom, pick as pickFrom } from "../../seed/random";
import {
  buildApiKey,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";
import { messageIdsOfKeys, storedMessageIds } from "../../test/usage";
import { findDailyRollups } from "./usage.queries";
import { ingestUsageEvents } from "./usage.service";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const DAY = "2026-05-20";

const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const externalId = `org-${uniqueSuffix()}`;
  const account = await buildAccount(ctx.db, { workspaceId, externalId });
  return { workspaceId, externalId, account };
};

const track = (groupId: string, messageId: string, userId: string, event: string, day = DAY) =>
  ({
    type: "track",
    messageId,
    userId,
    event,
    timestamp: `${day}T09:00:00.000Z`,
    context: { groupId },
  }) as SegmentEvent;

const ingest = (workspaceId: string, events: SegmentEvent[], db: Db = ctx.db) =>
  ingestUsageEvents(db, {
    workspaceId,
    events: normaliseSegmentBatch({ batch: events }, new Date()),
  });

/** Every messageId the tests here send ("m-0" … "m-299"). */
const SENT = Array.from({ length: 300 }, (_, n) => [
  `m-${n}`,
  `m-${String(n).padStart(3, "0")}`,
]).flat();

/** The messageIds listed for the fold (as their keys), per pending row. */
const pendingOf = async (workspaceId: string, sent: readonly string[] = SENT) =>
  (
    await rowsOf<{ keys: string[] }>(
      ctx.db,
      sql`select message_keys as keys from usage_rollup_pending
      where workspace_id = ${workspaceId} order by id`,
    )
  ).map((row) => messageIdsOfKeys(workspaceId, parseUuids(row.keys), sent));

/** node-postgres parses uuid[] into strings; PGlite may hand back the array literal. */
const parseUuids = (value: string[] | string): string[] =>
  Array.isArray(value)
    ? value
    : value
        .replace(/^\{|\}$/g, "")
        .split(",")
        .filter(Boolean);

/** The rollup rows as stored (findDailyRollups does not fold first). */
const storedRollups = (workspaceId: string, accountId: string) =>
  findDailyRollups(ctx.db, { workspaceId, accountId, from: "0001-01-01", to: "9999-12-31" });

/** Another app process (its own pool and ingest queue) on PostgreSQL. */
const otherProcess = () =>
  openDatabase({ kind: "postgres", url: process.env.TEST_DATABASE_URL as string, poolSize: 2 });

describe("the ingest write", () => {
  it("stores texts with quotes, backslashes, braces, commas, NULL and non-ASCII as sent", async () => {
    const { workspaceId, externalId, account } = await setUp();
    const tricky = ['a"b', "c\\d", "{e,f}", "NULL", "", " sp ace ", "日本語\n改行", 'x\\"y'];
    const events = tricky.map((text, n) => ({
      ...track(externalId, `m-${text}-${n}`, `u-${text}`, `E ${text}`),
      properties: { text, n },
    }));
    expect(await ingest(workspaceId, events)).toMatchObject({ inserted: tricky.length });
    const sent = tricky.map((text, n) => `m-${text}-${n}`);
    expect(await storedMessageIds(ctx.db, workspaceId, sent)).toEqual([...sent].sort());
    const stored = await ctx.db
      .select({
        userId: usageEvents.userId,
        event: usageEvents.event,
        accountId: usageEvents.accountId,
        properties: usageEvents.properties,
      })
      .from(usageEvents)
      .where(eq(usageEvents.workspaceId, workspaceId));
    const order = (row: (typeof stored)[number]) => (row.properties?.n as number) ?? -1;
    expect(stored.sort((a, b) => order(a) - order(b))).toEqual(
      tricky.map((text, n) => ({
        userId: `u-${text}`,
        event: `E ${text}`,
        accountId: account.id,
        properties: { text, n },
      })),
    );
    // And through the fold into the rollup.
    await foldUsageEvents(ctx.db, { workspaceId });
    const [rollup] = await storedRollups(workspaceId, account.id);
    expect([...(rollup?.activeUserIds ?? [])].sort()).toEqual(
      tricky.map((text) => `u-${text}`).sort(),
    );
    expect(rollup?.eventCounts).toEqual(Object.fromEntries(tricky.map((text) => [`E ${text}`, 1])));
  });

  it("a batch with one stored messageId is written again skipping it: the rest stored and folded once", async () => {
    const { workspaceId, externalId, account } = await setUp();
    await ingest(workspaceId, [track(externalId, "m-2", "u-1", "Report Exported")]);
    const result = await ingest(workspaceId, [
      track(externalId, "m-1", "u-1", "Report Exported"),
      track(externalId, "m-2", "u-1", "Report Exported"),
      track(externalId, "m-3", "u-2", "Report Exported"),
    ]);
    expect(result).toEqual({ received: 3, inserted: 2, duplicates: 1 });
    expect(await pendingOf(workspaceId)).toEqual([["m-2"], ["m-1", "m-3"]]);
    await foldUsageEvents(ctx.db, { workspaceId });
    const [{ n } = { n: 0 }] = await rowsOf<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from usage_events where workspace_id = ${workspaceId}`,
    );
    expect(n).toBe(3);
    expect((await storedRollups(workspaceId, account.id))[0]?.eventCounts).toEqual({
      "Report Exported": 3,
    });
  });

  it("concurrent duplicates from two app processes are stored once and counted once", async () => {
    if (ctx.kind !== "postgres") return; // PGlite has one connection: nothing runs concurrently.
    const other = await otherProcess();
    const { workspaceId, externalId, account } = await setUp();
    const ids = Array.from({ length: 200 }, (_, n) => `m-${String(n).padStart(3, "0")}`);
    const send = (db: Db, from: number, to: number) =>
      ingest(
        workspaceId,
        ids.slice(from, to).map((id) => track(externalId, id, "u-1", "Report Exported")),
        db,
      );
    const results = await Promise.all([
      send(ctx.db, 0, 150),
      send(other.db, 50, 200),
      send(ctx.db, 100, 200),
      send(other.db, 0, 100),
    ]).finally(() => other.close());
    expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(200);
    // Each stored event is listed for the fold exactly once.
    expect((await pendingOf(workspaceId)).flat().sort()).toEqual(ids);
    await foldUsageEvents(ctx.db, { workspaceId });
    expect((await storedRollups(workspaceId, account.id))[0]?.eventCounts).toEqual({
      "Report Exported": 200,
    });
  });
});

describe("the fold of new events into rollups", () => {
  it("ingest lists the events that count for the fold and leaves rollups and marks to the fold", async () => {
    const { workspaceId, externalId, account } = await setUp();
    const result = await ingest(workspaceId, [
      track(externalId, "m-1", "u-1", "Report Exported"),
      // identify and group calls do not count in rollups (nor change any metric).
      { type: "identify", messageId: "m-2", userId: "u-1", traits: {} } as SegmentEvent,
      {
        type: "group",
        messageId: "m-3",
        userId: "u-2",
        groupId: externalId,
        traits: {},
      } as SegmentEvent,
      track(`org-unknown-${uniqueSuffix()}`, "m-4", "u-1", "Report Exported"),
    ]);
    expect(result).toEqual({ received: 4, inserted: 4, duplicates: 0 });
    expect(await storedRollups(workspaceId, account.id)).toEqual([]);
    expect(await pendingOf(workspaceId)).toEqual([["m-1"]]);
    const marks = await ctx.db
      .select({ accountId: usageDirtyAccounts.accountId })
      .from(usageDirtyAccounts)
      .where(eq(usageDirtyAccounts.workspaceId, workspaceId));
    expect(marks).toEqual([]);
    // The health job finds the workspace by its pending row; its fold marks the account.
    expect(await findWorkspacesWithDirtyAccounts(ctx.db)).toContain(workspaceId);
    await foldUsageEvents(ctx.db, { workspaceId });
    expect(
      await ctx.db
        .select({ accountId: usageDirtyAccounts.accountId })
        .from(usageDirtyAccounts)
        .where(eq(usageDirtyAccounts.workspaceId, workspaceId)),
    ).toEqual([{ accountId: account.id }]);
  });

  it("a repeated messageId is not listed again", async () => {
    const { workspaceId, externalId } = await setUp();
    await ingest(workspaceId, [track(externalId, "m-1", "u-1", "Report Exported")]);
    const again = await ingest(workspaceId, [track(externalId, "m-1", "u-1", "Report Exported")]);
    expect(again).toEqual({ received: 1, inserted: 0, duplicates: 1 });
    expect(await pendingOf(workspaceId)).toEqual([["m-1"]]);
  });

  it("sums counts by name, unites users (page and screen users too) with what is stored, and empties the list", async () => {
    const { workspaceId, externalId, account } = await setUp();
    await ctx.db.insert(usageDailyRollups).values({
      workspaceId,
      accountId: account.id,
      day: DAY,
      eventCounts: { "Report Exported": 5, "Page Viewed": 1 },
      activeUserIds: ["u-0", "u-2"],
    });
    // Three writes: three pending rows touching the same (account, day).
    await ingest(workspaceId, [track(externalId, "m-1", "u-1", "Report Exported")]);
    await ingest(workspaceId, [
      track(externalId, "m-2", "u-2", "Report Exported"),
      track(externalId, "m-3", "u-3", "Data Imported"),
      {
        type: "page",
        messageId: "m-5",
        userId: "u-4",
        name: "Home",
        timestamp: `${DAY}T10:00:00.000Z`,
        context: { groupId: externalId },
      } as SegmentEvent,
    ]);
    await ingest(workspaceId, [track(externalId, "m-4", "u-1", "Data Imported", "2026-05-22")]);
    expect(await pendingOf(workspaceId)).toHaveLength(3);

    expect(await foldUsageEvents(ctx.db, { workspaceId })).toBe(2);

    expect(await pendingOf(workspaceId)).toEqual([]);
    expect(await storedRollups(workspaceId, account.id)).toEqual([
      {
        day: DAY,
        eventCounts: { "Report Exported": 7, "Page Viewed": 1, "Data Imported": 1 },
        activeUserIds: ["u-0", "u-1", "u-2", "u-3", "u-4"],
      },
      { day: "2026-05-22", eventCounts: { "Data Imported": 1 }, activeUserIds: ["u-1"] },
    ]);
    // Nothing left: a second fold changes nothing.
    expect(await foldUsageEvents(ctx.db, { workspaceId })).toBe(0);
    expect((await storedRollups(workspaceId, account.id))[0]?.eventCounts).toEqual({
      "Report Exported": 7,
      "Page Viewed": 1,
      "Data Imported": 1,
    });
  });

  it("folds more writes than one statement takes", async () => {
    const { workspaceId, externalId, account } = await setUp();
    // 250 writes: more than a fold statement's 100 pending rows, so it loops.
    for (let n = 0; n < 250; n++) {
      await ingest(workspaceId, [track(externalId, `m-${n}`, `u-${n % 4}`, "Report Exported")]);
    }
    await foldUsageEvents(ctx.db, { workspaceId });
    expect(await pendingOf(workspaceId)).toEqual([]);
    expect(await storedRollups(workspaceId, account.id)).toEqual([
      {
        day: DAY,
        eventCounts: { "Report Exported": 250 },
        activeUserIds: ["u-0", "u-1", "u-2", "u-3"],
      },
    ]);
  });

  it("marks the folded accounts dirty again, so health never keeps a mark taken before the fold", async () => {
    const { workspaceId, externalId, account } = await setUp();
    await ingest(workspaceId, [track(externalId, "m-1", "u-1", "Report Exported")]);
    const marks = () =>
      ctx.db
        .select({ accountId: usageDirtyAccounts.accountId })
        .from(usageDirtyAccounts)
        .where(eq(usageDirtyAccounts.workspaceId, workspaceId));
    // No mark yet: a job that claimed marks before this fold finds none for these events.
    expect(await marks()).toEqual([]);
    await foldUsageEvents(ctx.db, { workspaceId });
    expect(await marks()).toEqual([{ accountId: account.id }]);
  });

  it("folds only the workspace's events", async () => {
    const a = await setUp();
    const b = await setUp();
    await ingest(a.workspaceId, [track(a.externalId, "m-1", "u-1", "Report Exported")]);
    await ingest(b.workspaceId, [track(b.externalId, "m-1", "u-1", "Report Exported")]);

    await foldUsageEvents(ctx.db, { workspaceId: a.workspaceId });

    expect(await storedRollups(a.workspaceId, a.account.id)).toHaveLength(1);
    expect(await pendingOf(a.workspaceId)).toEqual([]);
    expect(await pendingOf(b.workspaceId)).toEqual([["m-1"]]);
    expect(await storedRollups(b.workspaceId, b.account.id)).toEqual([]);
  });

  it("events for an unknown group are kept, then attached and folded once when the account appears", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const externalId = `org-${uniqueSuffix()}`;
    await ingest(workspaceId, [
      track(externalId, "m-1", "u-1", "Report Exported"),
      track(externalId, "m-2", "u-2", "Report Exported"),
    ]);
    expect(await pendingOf(workspaceId)).toEqual([]);
    const account = await buildAccount(ctx.db, { workspaceId, externalId });
    // One more after the account exists: stored with it, listed by its write.
    await ingest(workspaceId, [track(externalId, "m-3", "u-1", "Report Exported")]);
    expect(await attachAllWaitingUsageEvents(ctx.db, workspaceId)).toBe(2);
    // A second sweep and an account read attach and fold nothing more.
    expect(await attachAllWaitingUsageEvents(ctx.db, workspaceId)).toBe(0);
    expect(
      await attachUsageEventsOfAccount(ctx.db, { workspaceId, accountId: account.id, externalId }),
    ).toBe(0);
    expect(await storedRollups(workspaceId, account.id)).toEqual([
      { day: DAY, eventCounts: { "Report Exported": 3 }, activeUserIds: ["u-1", "u-2"] },
    ]);
  });

  it("the metrics endpoint shows events right after ingest (new events folded first)", async () => {
    const { workspaceId, externalId, account } = await setUp();
    const key = await buildApiKey(ctx, { workspaceId });
    const today = new Date().toISOString().slice(0, 10);
    const batch = [
      track(externalId, "m-1", "u-1", "Report Exported", today),
      track(externalId, "m-2", "u-2", "Report Exported", today),
    ];
    const headers = { authorization: `Bearer ${key.key}` };
    const sent = await call(ctx, "POST", "/api/v1/batch", { headers, body: { batch } });
    expect(sent.status, sent.text).toBe(200);
    expect(await pendingOf(workspaceId)).toHaveLength(1);

    const res = await call(ctx, "GET", `/api/v1/accounts/${account.id}/metrics?window=7`, {
      headers,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.metrics.current).toMatchObject({ totalEvents: 2, activeUsers: 2 });
    expect(await pendingOf(workspaceId)).toEqual([]);
  });

  it("concurrent folds fold each event exactly once", async () => {
    const { workspaceId, externalId, account } = await setUp();
    // 40 writes, 40 pending rows of the same (account, day).
    for (let n = 0; n < 40; n++) {
      await ingest(workspaceId, [track(externalId, `m-${n}`, `u-${n % 3}`, "Report Exported")]);
    }
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let folded = () => {};
    const firstFolded = new Promise<void>((resolve) => {
      folded = resolve;
    });
    // The first fold holds its transaction open after folding; the second starts meanwhile.
    const first = ctx.db.transaction(async (tx) => {
      const merged = await foldUsageEvents(tx, { workspaceId });
      folded();
      await gate;
      return merged;
    });
    await firstFolded;
    const second = foldUsageEvents(ctx.db, { workspaceId });
    if (ctx.kind === "postgres") {
      // Deterministic on PostgreSQL: the second fold is waiting on the first's row locks.
      for (;;) {
        const [waiting] = await rowsOf<{ n: number }>(
          ctx.db,
          sql`select count(*)::int as n from pg_stat_activity
            where wait_event_type = 'Lock' and query like '%delete from usage_rollup_pending%'`,
        );
        if ((waiting?.n ?? 0) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    release();
    expect(await first).toBe(1);
    expect(await second).toBe(0);
    const [rollup] = await storedRollups(workspaceId, account.id);
    expect(rollup).toEqual({
      day: DAY,
      eventCounts: { "Report Exported": 40 },
      activeUserIds: ["u-0", "u-1", "u-2"],
    });
    expect(await pendingOf(workspaceId)).toEqual([]);
  });

  it("loses and doubles nothing while two app processes write and fold at once", async () => {
    if (ctx.kind !== "postgres") return; // PGlite has one connection: nothing runs concurrently.
    const other = await otherProcess();
    const { workspaceId, externalId, account } = await setUp();
    const writes = 60;
    let writing = true;
    const folder = async (db: Db) => {
      let folds = 0;
      while (writing || folds === 0) {
        await foldUsageEvents(db, { workspaceId });
        folds += 1;
      }
    };
    const writer = async (db: Db, from: number) => {
      for (let n = from; n < writes; n += 2) {
        // Overlapping batches: each messageId is sent twice, by both processes.
        const ids = [n, n + 1].map((i) => `m-${i % writes}`);
        await ingest(
          workspaceId,
          ids.map((id) => track(externalId, id, `u-${id}`, "Report Exported")),
          db,
        );
      }
    };
    try {
      const folding = Promise.all([folder(ctx.db), folder(other.db)]);
      await Promise.all([writer(ctx.db, 0), writer(other.db, 1)]);
      writing = false;
      await folding;
      await foldUsageEvents(other.db, { workspaceId });
    } finally {
      await other.close();
    }
    expect(await pendingOf(workspaceId)).toEqual([]);
    const [rollup] = await storedRollups(workspaceId, account.id);
    expect(rollup?.eventCounts).toEqual({ "Report Exported": writes });
    expect(rollup?.activeUserIds).toHaveLength(writes);
  });
});

describe("the fold and core's rollUpEvents", () => {
  it("stores the daily rollups rollUpEvents makes of the events, over batches, duplicates and midnight", async () => {
    const { workspaceId, externalId, account } = await setUp();
    // Seeded (the demo seed's generator): the same events on every run.
    const random = createRandom(7);
    const next = () => random();
    const pick = <T>(items: readonly T[]) => pickFrom(random, items);
    const events = Array.from({ length: 150 }, (_, n): SegmentEvent => {
      const day = addCalendarDays(DAY, Math.floor(next() * 4));
      const time = pick(["00:00:00.000Z", "12:34:56.789Z", "23:59:59.999Z"]);
      const who =
        next() < 0.15
          ? { anonymousId: `anon-${n}` }
          : { userId: pick(["u1", "u2", "u3", "利用者"]) };
      const base = {
        messageId: `roll-${n}`,
        timestamp: `${day}T${time}`,
        context: { groupId: externalId },
        ...who,
      };
      const type = pick(["track", "track", "track", "page", "screen", "identify"] as const);
      if (type === "track")
        return { ...base, type, event: pick(["開く", "save", "export"]) } as SegmentEvent;
      if (type === "identify") return { ...base, type, traits: { plan: "pro" } } as SegmentEvent;
      return { ...base, type, name: "home" } as SegmentEvent;
    });
    // Three writes, the middle one sent twice (an at-least-once sender), folded twice on the way.
    await ingest(workspaceId, events.slice(0, 50));
    await ingest(workspaceId, events.slice(50, 100));
    await foldUsageEvents(ctx.db, { workspaceId });
    await ingest(workspaceId, events.slice(50, 100));
    await ingest(workspaceId, events.slice(100));
    await foldUsageEvents(ctx.db, { workspaceId });

    const expected = rollUpEvents(normaliseSegmentBatch({ batch: events }, new Date()), "UTC")
      // A day of anonymous page views only is a rollup in core and no row in the database: neither counts.
      .filter(
        (rollup) => Object.keys(rollup.eventCounts).length > 0 || rollup.activeUserIds.length > 0,
      );
    expect(expected.length).toBeGreaterThan(3);
    expect(await storedRollups(workspaceId, account.id)).toEqual(expected);
  });
});
