import { normaliseSegmentBatch, type SegmentEvent } from "@michi/core";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, rowsOf } from "../../db/client";
import {
  usageDailyRollups,
  usageDirtyAccounts,
  usageEvents,
  usageRollupDeltas,
} from "../../db/schema";
import {
  buildApiKey,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";
import { buildAccount } from "../../test/factories";
import { foldUsageRollupDeltas, ingestUsageEvents } from "./usage.service";

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

const ingest = (workspaceId: string, events: SegmentEvent[]) =>
  ingestUsageEvents(ctx.db, {
    workspaceId,
    events: normaliseSegmentBatch({ batch: events }, new Date()),
  });

const deltasOf = (workspaceId: string) =>
  ctx.db
    .select({
      accountId: usageRollupDeltas.accountId,
      day: usageRollupDeltas.day,
      eventCounts: usageRollupDeltas.eventCounts,
      activeUserIds: usageRollupDeltas.activeUserIds,
    })
    .from(usageRollupDeltas)
    .where(eq(usageRollupDeltas.workspaceId, workspaceId));

const storedRollups = (workspaceId: string, accountId: string) =>
  ctx.db
    .select({
      day: usageDailyRollups.day,
      eventCounts: usageDailyRollups.eventCounts,
      activeUserIds: usageDailyRollups.activeUserIds,
    })
    .from(usageDailyRollups)
    .where(
      and(
        eq(usageDailyRollups.workspaceId, workspaceId),
        eq(usageDailyRollups.accountId, accountId),
      ),
    )
    .orderBy(usageDailyRollups.day);

describe("the ingest insert", () => {
  it("stores texts with quotes, backslashes, braces, commas, NULL and non-ASCII as sent", async () => {
    const { workspaceId, externalId, account } = await setUp();
    const tricky = ['a"b', "c\\d", "{e,f}", "NULL", "", " sp ace ", "日本語\n改行", 'x\\"y'];
    const events = tricky.map((text, n) => ({
      ...track(externalId, `m-${text}-${n}`, `u-${text}`, `E ${text}`),
      properties: { text, n },
    }));
    expect(await ingest(workspaceId, events)).toMatchObject({ inserted: tricky.length });
    const stored = await ctx.db
      .select({
        messageId: usageEvents.messageId,
        userId: usageEvents.userId,
        event: usageEvents.event,
        properties: usageEvents.properties,
      })
      .from(usageEvents)
      .where(eq(usageEvents.workspaceId, workspaceId));
    expect(stored.sort((a, b) => (a.properties.n as number) - (b.properties.n as number))).toEqual(
      tricky.map((text, n) => ({
        messageId: `m-${text}-${n}`,
        userId: `u-${text}`,
        event: `E ${text}`,
        properties: { text, n },
      })),
    );
    // And through the deltas (user ids an array literal inside an array) into the rollup.
    await foldUsageRollupDeltas(ctx.db, { workspaceId });
    const [rollup] = await storedRollups(workspaceId, account.id);
    expect([...(rollup?.activeUserIds ?? [])].sort()).toEqual(
      tricky.map((text) => `u-${text}`).sort(),
    );
    expect(rollup?.eventCounts).toEqual(Object.fromEntries(tricky.map((text) => [`E ${text}`, 1])));
  });

  it("a batch with one stored messageId is written again skipping it: the rest stored once, one delta each", async () => {
    const { workspaceId, externalId } = await setUp();
    await ingest(workspaceId, [track(externalId, "m-2", "u-1", "Report Exported")]);
    const result = await ingest(workspaceId, [
      track(externalId, "m-1", "u-1", "Report Exported"),
      track(externalId, "m-2", "u-1", "Report Exported"),
      track(externalId, "m-3", "u-2", "Report Exported"),
    ]);
    expect(result).toEqual({ received: 3, inserted: 2, duplicates: 1 });
    await foldUsageRollupDeltas(ctx.db, { workspaceId });
    const [{ n } = { n: 0 }] = await rowsOf<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from usage_events where workspace_id = ${workspaceId}`,
    );
    expect(n).toBe(3);
  });

  it("concurrent duplicates from two app processes are stored once and counted once", async () => {
    if (ctx.kind !== "postgres") return; // PGlite has one connection: nothing runs concurrently.
    // A second pool: another app process, with its own ingest queue.
    const other = await openDatabase({
      kind: "postgres",
      url: process.env.TEST_DATABASE_URL as string,
      poolSize: 2,
    });
    const { workspaceId, externalId, account } = await setUp();
    const ids = Array.from({ length: 200 }, (_, n) => `m-${String(n).padStart(3, "0")}`);
    const send = (db: typeof ctx.db, from: number, to: number) =>
      ingestUsageEvents(db, {
        workspaceId,
        events: normaliseSegmentBatch(
          {
            batch: ids.slice(from, to).map((id) => track(externalId, id, "u-1", "Report Exported")),
          },
          new Date(),
        ),
      });
    const results = await Promise.all([
      send(ctx.db, 0, 150),
      send(other.db, 50, 200),
      send(ctx.db, 100, 200),
      send(other.db, 0, 100),
    ]).finally(() => other.close());
    expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(200);
    await foldUsageRollupDeltas(ctx.db, { workspaceId });
    expect((await storedRollups(workspaceId, account.id))[0]?.eventCounts).toEqual({
      "Report Exported": 200,
    });
  });
});

describe("rollup deltas", () => {
  it("ingest appends deltas (one row per account and day) and leaves the rollups alone", async () => {
    const { workspaceId, externalId, account } = await setUp();
    const result = await ingest(workspaceId, [
      track(externalId, "m-1", "u-1", "Report Exported"),
      track(externalId, "m-2", "u-2", "Report Exported"),
      track(externalId, "m-3", "u-1", "Data Imported", "2026-05-21"),
    ]);
    expect(result).toEqual({ received: 3, inserted: 3, duplicates: 0 });
    expect(await storedRollups(workspaceId, account.id)).toEqual([]);
    const deltas = await deltasOf(workspaceId);
    expect(deltas.sort((a, b) => (a.day < b.day ? -1 : 1))).toEqual([
      {
        accountId: account.id,
        day: DAY,
        eventCounts: { "Report Exported": 2 },
        activeUserIds: ["u-1", "u-2"],
      },
      {
        accountId: account.id,
        day: "2026-05-21",
        eventCounts: { "Data Imported": 1 },
        activeUserIds: ["u-1"],
      },
    ]);
  });

  it("a repeated messageId adds no delta", async () => {
    const { workspaceId, externalId } = await setUp();
    await ingest(workspaceId, [track(externalId, "m-1", "u-1", "Report Exported")]);
    const again = await ingest(workspaceId, [track(externalId, "m-1", "u-1", "Report Exported")]);
    expect(again).toEqual({ received: 1, inserted: 0, duplicates: 1 });
    expect(await deltasOf(workspaceId)).toHaveLength(1);
  });

  it("a fold sums counts, unites users with what is stored, and empties the deltas", async () => {
    const { workspaceId, externalId, account } = await setUp();
    await ctx.db.insert(usageDailyRollups).values({
      workspaceId,
      accountId: account.id,
      day: DAY,
      eventCounts: { "Report Exported": 5, "Page Viewed": 1 },
      activeUserIds: ["u-0", "u-2"],
    });
    // Three transactions: three delta rows for the same (account, day).
    await ingest(workspaceId, [track(externalId, "m-1", "u-1", "Report Exported")]);
    await ingest(workspaceId, [
      track(externalId, "m-2", "u-2", "Report Exported"),
      track(externalId, "m-3", "u-3", "Data Imported"),
    ]);
    await ingest(workspaceId, [track(externalId, "m-4", "u-1", "Data Imported", "2026-05-22")]);
    expect(await deltasOf(workspaceId)).toHaveLength(3);

    expect(await foldUsageRollupDeltas(ctx.db, { workspaceId })).toBe(2);

    expect(await deltasOf(workspaceId)).toEqual([]);
    expect(await storedRollups(workspaceId, account.id)).toEqual([
      {
        day: DAY,
        eventCounts: { "Report Exported": 7, "Page Viewed": 1, "Data Imported": 1 },
        activeUserIds: ["u-0", "u-1", "u-2", "u-3"],
      },
      { day: "2026-05-22", eventCounts: { "Data Imported": 1 }, activeUserIds: ["u-1"] },
    ]);
    // Nothing left: a second fold changes nothing.
    expect(await foldUsageRollupDeltas(ctx.db, { workspaceId })).toBe(0);
    expect((await storedRollups(workspaceId, account.id))[0]?.eventCounts).toEqual({
      "Report Exported": 7,
      "Page Viewed": 1,
      "Data Imported": 1,
    });
  });

  it("marks the folded accounts dirty again, so health never keeps a mark taken before the fold", async () => {
    const { workspaceId, externalId, account } = await setUp();
    await ingest(workspaceId, [track(externalId, "m-1", "u-1", "Report Exported")]);
    const marks = () =>
      ctx.db
        .select({ accountId: usageDirtyAccounts.accountId })
        .from(usageDirtyAccounts)
        .where(eq(usageDirtyAccounts.workspaceId, workspaceId));
    expect(await marks()).toEqual([{ accountId: account.id }]);
    // The health job took the mark (its fold ran before this ingest committed).
    await ctx.db.delete(usageDirtyAccounts).where(eq(usageDirtyAccounts.workspaceId, workspaceId));
    await foldUsageRollupDeltas(ctx.db, { workspaceId });
    expect(await marks()).toEqual([{ accountId: account.id }]);
  });

  it("folds only the accounts asked for, and only the workspace's", async () => {
    const a = await setUp();
    const other = await buildAccount(ctx.db, {
      workspaceId: a.workspaceId,
      externalId: `org-${uniqueSuffix()}`,
    });
    const b = await setUp();
    await ingest(a.workspaceId, [
      track(a.externalId, "m-1", "u-1", "Report Exported"),
      track(other.externalId as string, "m-2", "u-1", "Report Exported"),
    ]);
    await ingest(b.workspaceId, [track(b.externalId, "m-1", "u-1", "Report Exported")]);

    await foldUsageRollupDeltas(ctx.db, { workspaceId: a.workspaceId, accountIds: [a.account.id] });

    expect(await storedRollups(a.workspaceId, a.account.id)).toHaveLength(1);
    expect((await deltasOf(a.workspaceId)).map((d) => d.accountId)).toEqual([other.id]);
    expect(await deltasOf(b.workspaceId)).toHaveLength(1);
  });

  it("the metrics endpoint shows events right after ingest (the account's deltas folded first)", async () => {
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
    expect(await deltasOf(workspaceId)).toHaveLength(1);

    const res = await call(ctx, "GET", `/api/v1/accounts/${account.id}/metrics?window=7`, {
      headers,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.metrics.current).toMatchObject({ totalEvents: 2, activeUsers: 2 });
    expect(await deltasOf(workspaceId)).toEqual([]);
  });

  it("concurrent folds fold each delta exactly once", async () => {
    const { workspaceId, externalId, account } = await setUp();
    // 40 transactions, 40 deltas of the same (account, day).
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
      const merged = await foldUsageRollupDeltas(tx, { workspaceId });
      folded();
      await gate;
      return merged;
    });
    await firstFolded;
    const second = foldUsageRollupDeltas(ctx.db, { workspaceId });
    if (ctx.kind === "postgres") {
      // Deterministic on PostgreSQL: the second fold is waiting on the first's row locks.
      for (;;) {
        const [waiting] = await rowsOf<{ n: number }>(
          ctx.db,
          sql`select count(*)::int as n from pg_stat_activity
            where wait_event_type = 'Lock' and query like '%delete from usage_rollup_deltas%'`,
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
    expect(await deltasOf(workspaceId)).toEqual([]);
  });
});
