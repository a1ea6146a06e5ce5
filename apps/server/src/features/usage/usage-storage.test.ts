import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { normaliseSegmentBatch, type SegmentEvent } from "@michi/core";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, migrationsFolder, openDatabase, rowsOf } from "../../db/client";
import { usageEvents } from "../../db/schema";
import { foldUsageEvents } from "../../recompute";
import {
  buildWorkspace,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";
import { storedMessageIds } from "../../test/usage";
import { findDailyRollups, usageMessageKey } from "./usage.queries";
import { ingestUsageEvents } from "./usage.service";

/*
 * How usage_events stores an event since migration 0017 (issue 14): a key
 * hashed from (workspace, messageId) instead of the messageId, the type as
 * one byte, empty properties and traits as NULL; and the migration that
 * converts the rows stored before.
 */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const track = (groupId: string, messageId: string, over: Partial<SegmentEvent> = {}) =>
  ({
    type: "track",
    messageId,
    userId: "u-1",
    event: "Report Exported",
    timestamp: "2026-05-20T09:00:00.000Z",
    context: { groupId },
    ...over,
  }) as SegmentEvent;

const ingest = (workspaceId: string, events: SegmentEvent[]) =>
  ingestUsageEvents(ctx.db, {
    workspaceId,
    events: normaliseSegmentBatch({ batch: events }, new Date()),
  });

/** Texts a messageId may be: ASCII, a UUID in either case, non-ASCII, quotes and braces. */
const MESSAGE_IDS = [
  "m-1",
  "5443a1eb-fe6e-4b4c-b9da-b8f4d38e3b8a",
  "5443A1EB-FE6E-4B4C-B9DA-B8F4D38E3B8A",
  "ajs-next-1716200000000-0b6f2c1e",
  "日本語のメッセージ",
  'q"u\\o{t,e}',
  "emoji 🚀",
];

/** The key the migration computes in SQL, for the same workspace and messageId. */
const sqlKeyOf = (workspaceId: string, messageId: string) => sql`encode(substring(sha256(
  convert_to(${workspaceId}::text || '/' || ${messageId}::text, 'UTF8')) from 1 for 16), 'hex')::uuid`;

describe("the event key", () => {
  it("is the same in JavaScript (ingest) and in SQL (migration 0017)", async () => {
    const workspaceId = crypto.randomUUID();
    for (const messageId of MESSAGE_IDS) {
      const [row] = await rowsOf<{ key: string }>(
        ctx.db,
        sql`select ${sqlKeyOf(workspaceId, messageId)}::text as key`,
      );
      expect(row?.key, messageId).toBe(usageMessageKey(workspaceId, messageId));
    }
    // Two ids differing only in case are two events, as before.
    expect(usageMessageKey(workspaceId, MESSAGE_IDS[1] as string)).not.toBe(
      usageMessageKey(workspaceId, MESSAGE_IDS[2] as string),
    );
  });

  it("keeps a retry out, in its workspace only: the same messageId elsewhere is another event", async () => {
    const a = (await buildWorkspace(ctx)).id;
    const b = (await buildWorkspace(ctx)).id;
    const events = MESSAGE_IDS.map((id) => track("org-x", id));
    expect(await ingest(a, events)).toEqual({ received: 7, inserted: 7, duplicates: 0 });
    // A retry of all of them and one new: the plain insert fails, the skipping one stores one.
    expect(await ingest(a, [...events, track("org-x", "m-2")])).toEqual({
      received: 8,
      inserted: 1,
      duplicates: 7,
    });
    expect(await ingest(b, events)).toEqual({ received: 7, inserted: 7, duplicates: 0 });
    expect(await storedMessageIds(ctx.db, a, [...MESSAGE_IDS, "m-2"])).toEqual(
      [...MESSAGE_IDS, "m-2"].sort(),
    );
    expect(await storedMessageIds(ctx.db, b, MESSAGE_IDS)).toEqual([...MESSAGE_IDS].sort());
  });
});

describe("what a row holds", () => {
  it("stores empty properties and traits as NULL, the type as one byte read back as the word", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    await ingest(workspaceId, [
      track("org-x", "empty"),
      track("org-x", "full", { properties: { format: "pdf", nested: {} } }),
      {
        type: "identify",
        messageId: "who",
        userId: "u-1",
        traits: { email: "a@example.jp" },
        timestamp: "2026-05-20T09:00:00.000Z",
      } as SegmentEvent,
      {
        type: "page",
        messageId: "where",
        userId: "u-1",
        name: "Home",
        properties: {},
        context: { traits: {} },
        timestamp: "2026-05-20T09:00:00.000Z",
      } as SegmentEvent,
    ]);
    const raw = await rowsOf<{ type: string; p: boolean; t: boolean }>(
      ctx.db,
      sql`select type::text as type, properties is null as p, traits is null as t
      from usage_events where workspace_id = ${workspaceId}::uuid order by 1, 2 desc`,
    );
    expect(raw).toEqual([
      { type: "i", p: true, t: false },
      { type: "p", p: true, t: true },
      { type: "t", p: true, t: true },
      { type: "t", p: false, t: true },
    ]);
    const read = await ctx.db
      .select({ type: usageEvents.type, properties: usageEvents.properties })
      .from(usageEvents)
      .where(eq(usageEvents.workspaceId, workspaceId));
    const answered = read.map((row) => JSON.stringify([row.type, row.properties ?? {}]));
    expect(answered.sort().map((text) => JSON.parse(text))).toEqual([
      ["identify", {}],
      ["page", {}],
      ["track", { format: "pdf", nested: {} }],
      ["track", {}],
    ]);
  });
});

/**
 * Migration 0017 on rows of the old shape: a database migrated up to 0016
 * (a copy of the migrations folder with the journal cut there), rows written
 * as 0016 stored them, then every migration. PGlite in memory, or a
 * database of its own on the PostgreSQL of TEST_DATABASE_URL.
 */
describe("migration 0017", () => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  const migrationsUpTo = (tag: string) => {
    const folder = mkdtempSync(path.join(tmpdir(), "michi-migrations-"));
    folders.push(folder);
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as {
      entries: { tag: string }[];
    };
    const end = journal.entries.findIndex((entry) => entry.tag === tag);
    if (end < 0) throw new Error(`no migration ${tag}`);
    journal.entries = journal.entries.slice(0, end + 1);
    writeFileSync(journalFile, JSON.stringify(journal));
    return folder;
  };

  /** A fresh database of the run's kind; `migrateTo(folder)` runs that folder's migrations. */
  const freshDatabase = async (): Promise<{
    database: Database;
    migrateTo: (folder: string) => Promise<void>;
    drop: () => Promise<void>;
  }> => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) {
      const database = await openDatabase({ kind: "pglite", dataDir: undefined });
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      return {
        database,
        migrateTo: (folder) => migrate(database.db as never, { migrationsFolder: folder }),
        drop: () => database.close(),
      };
    }
    const name = `${new URL(url).pathname.slice(1)}_m0017_${uniqueSuffix()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const own = new URL(url);
    own.pathname = `/${name}`;
    const database = await openDatabase({ kind: "postgres", url: own.toString(), poolSize: 2 });
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    return {
      database,
      migrateTo: (folder) => migrate(database.db as never, { migrationsFolder: folder }),
      drop: async () => {
        await database.close();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop database if exists "${name}"`);
        await client.end();
      },
    };
  };

  it("converts stored events and pending lists, and a retry of an old event is still one event", async () => {
    const fresh = await freshDatabase();
    const db: Db = fresh.database.db;
    try {
      await fresh.migrateTo(migrationsUpTo("0016_scorecard_drafts"));
      const workspaceId = crypto.randomUUID();
      const other = crypto.randomUUID();
      await db.execute(sql`insert into workspaces (id, name, slug) values
        (${workspaceId}, 'Old', ${`old-${uniqueSuffix()}`}),
        (${other}, 'Other', ${`other-${uniqueSuffix()}`})`);
      // As a database at 0016 has them: today's schema has columns it has not.
      const [account] = (
        (await db.execute(sql`insert into accounts (workspace_id, name, external_id)
          values (${workspaceId}, 'Account', 'org-1') returning id`)) as unknown as {
          rows: { id: string }[];
        }
      ).rows;
      if (!account) throw new Error("insert returned no row");
      const old = (
        ws: string,
        messageId: string,
        over: { type?: string; account?: string | null; properties?: string; traits?: string } = {},
      ) => sql`(${ws}, ${messageId}, ${over.type ?? "track"}, 'u-1', null, 'org-1',
        ${over.account === undefined ? account.id : over.account}::uuid, 'Report Exported',
        '2026-05-20T09:00:00.000Z', '2026-05-20T09:00:01.000Z',
        ${over.properties ?? "{}"}::jsonb, ${over.traits ?? "{}"}::jsonb)`;
      await db.execute(sql`insert into usage_events (workspace_id, message_id, type, user_id,
          anonymous_id, group_id, account_id, event, "timestamp", received_at, properties, traits)
        values ${sql.join(
          [
            ...MESSAGE_IDS.map((id) => old(workspaceId, id)),
            old(workspaceId, "with-props", { properties: '{"format":"pdf","n":1}' }),
            old(workspaceId, "who", { type: "identify", traits: '{"email":"a@example.jp"}' }),
            old(workspaceId, "waiting", { account: null }),
            old(workspaceId, "page", { type: "page" }),
            old(workspaceId, "screen", { type: "screen" }),
            old(workspaceId, "group", { type: "group" }),
            // The same messageId in another workspace: another event, then and now.
            old(other, "m-1", { account: null }),
          ],
          sql`, `,
        )}`);
      // Two events not folded yet, listed by messageId as 0016 did.
      await db.execute(sql`insert into usage_rollup_pending (workspace_id, message_ids)
        values (${workspaceId}, ${`{"m-1","日本語のメッセージ"}`}::text[])`);

      await fresh.migrateTo(migrationsFolder);

      const rows = await rowsOf<{
        key: string;
        workspaceId: string;
        type: string;
        accountId: string | null;
        groupId: string | null;
        userId: string | null;
        event: string | null;
        timestamp: string;
        properties: Record<string, unknown> | null;
        traits: Record<string, unknown> | null;
      }>(
        db,
        sql`select message_key::text as key, workspace_id::text as "workspaceId", type::text as type,
          account_id::text as "accountId", group_id as "groupId", user_id as "userId", event,
          to_char("timestamp" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "timestamp",
          properties, traits
        from usage_events`,
      );
      const byKey = new Map(rows.map((row) => [row.key, row]));
      const expectRow = (ws: string, messageId: string, expected: Record<string, unknown>) =>
        expect(byKey.get(usageMessageKey(ws, messageId)), messageId).toEqual({
          key: usageMessageKey(ws, messageId),
          workspaceId: ws,
          type: "t",
          accountId: account.id,
          groupId: "org-1",
          userId: "u-1",
          event: "Report Exported",
          timestamp: "2026-05-20T09:00:00.000Z",
          properties: null,
          traits: null,
          ...expected,
        });
      expect(rows).toHaveLength(MESSAGE_IDS.length + 7);
      for (const id of MESSAGE_IDS) expectRow(workspaceId, id, {});
      expectRow(workspaceId, "with-props", { properties: { format: "pdf", n: 1 } });
      expectRow(workspaceId, "who", { type: "i", traits: { email: "a@example.jp" } });
      expectRow(workspaceId, "waiting", { accountId: null });
      expectRow(workspaceId, "page", { type: "p" });
      expectRow(workspaceId, "screen", { type: "s" });
      expectRow(workspaceId, "group", { type: "g" });
      expectRow(other, "m-1", { accountId: null });

      const [pending] = await rowsOf<{ keys: string }>(
        db,
        sql`select message_keys::text as keys from usage_rollup_pending`,
      );
      expect(pending?.keys).toBe(
        `{${usageMessageKey(workspaceId, "m-1")},${usageMessageKey(workspaceId, "日本語のメッセージ")}}`,
      );

      // The pending row folds as before; a retry of an old messageId is recognised.
      expect(await foldUsageEvents(db, { workspaceId })).toBe(1);
      expect(
        (
          await findDailyRollups(db, {
            workspaceId,
            accountId: account.id,
            from: "2026-05-20",
            to: "2026-05-20",
          })
        )[0]?.eventCounts,
      ).toEqual({ "Report Exported": 2 });
      const retry = await ingestUsageEvents(db, {
        workspaceId,
        events: normaliseSegmentBatch(
          {
            batch: [
              track("org-1", "m-1"),
              track("org-1", "日本語のメッセージ"),
              track("org-1", "new"),
            ],
          },
          new Date(),
        ),
      });
      expect(retry).toEqual({ received: 3, inserted: 1, duplicates: 2 });
    } finally {
      await fresh.drop();
    }
    // A fresh database runs every migration: initdb and 18 files take a while on PGlite.
  }, 180_000);
});
