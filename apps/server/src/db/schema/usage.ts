import type { SegmentEventType } from "@michi/core";
import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  date,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/*
 * Usage tables carry no foreign keys: ingest must never wait on a lock of
 * accounts, and an event may arrive before its account exists (account_id
 * stays null until it is attached). See docs/decisions/0006-usage-ingestion.md.
 */

/**
 * How usage_events stores an event's type: one byte ("char"), not the word
 * (issue 14: bytes per event). Readers through Drizzle get the word back.
 */
export const usageEventTypeCodes = {
  track: "t",
  identify: "i",
  group: "g",
  page: "p",
  screen: "s",
} as const satisfies Record<SegmentEventType, string>;
const typeOfCode = Object.fromEntries(
  Object.entries(usageEventTypeCodes).map(([type, code]) => [code, type]),
) as Record<string, SegmentEventType>;

const usageEventType = customType<{ data: SegmentEventType; driverData: string }>({
  dataType: () => '"char"',
  toDriver: (type) => usageEventTypeCodes[type],
  fromDriver: (code) => typeOfCode[code] as SegmentEventType,
});

/**
 * Raw Segment calls as received, in as few bytes as the reads allow (issue
 * 14; decision 0006, "Storage per event"): ~260 bytes an event with its
 * indexes in the storage bench, against ~540 before (migration 0017).
 *
 * - The key is (workspace_id, message_key), message_key the first 16 bytes
 *   of SHA-256 of "<workspace_id>/<messageId>" (usageMessageKey), so an
 *   at-least-once sender's retry is stored once per workspace; the key leads
 *   with the workspace as every tenant table's does (Citus shards by tenant);
 *   the messageId itself is not kept (nothing reads it; a given messageId's
 *   row is found by its key).
 * - Columns in alignment order (the 8-byte timestamp first, then the 16-byte
 *   uuids, the 1-byte type, then the variable ones): no padding.
 * - properties and traits are NULL when empty (`{}` costs 5 bytes a row, and
 *   traits are empty for nearly every track call); read them as `?? {}`.
 * - No foreign keys (ingest never waits on accounts' locks; an event may
 *   precede its account). Written to be range-partitioned by `timestamp`
 *   later; the key would then move to a narrow table of keys (a partitioned
 *   table's unique key must contain the partition column).
 */
export const usageEvents = pgTable(
  "usage_events",
  {
    timestamp: timestamp("timestamp", { withTimezone: true }).notNull(),
    workspaceId: uuid("workspace_id").notNull(),
    messageKey: uuid("message_key").notNull(),
    /** Set when the account is known; null while the event waits for it. */
    accountId: uuid("account_id"),
    type: usageEventType("type").notNull(),
    userId: text("user_id"),
    anonymousId: text("anonymous_id"),
    /** The account's externalId as sent (Segment's groupId), or from the user's group link. */
    groupId: text("group_id"),
    /** track: the event name; page/screen: the page name. */
    event: text("event"),
    /** NULL when the call had none (or `{}`). */
    properties: jsonb("properties").$type<Record<string, unknown>>(),
    /** NULL when the call had none (or `{}`). */
    traits: jsonb("traits").$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.messageKey] }),
    // Retention deletes by (workspace, time). By UTC day rather than instant: equal
    // keys share one index entry (btree deduplication, ~6 bytes a row in a posting
    // list), ~11 bytes an event against ~41 for (workspace_id, timestamp). Nothing
    // reads raw events by account and time (the fold reads by key, the attach by
    // group), so the (workspace_id, account_id, timestamp) index (~140 bytes an
    // event) is gone.
    index("usage_events_day_idx").on(
      t.workspaceId,
      sql`((${t.timestamp} at time zone 'UTC')::date)`,
    ),
    index("usage_events_waiting_group_idx")
      .on(t.workspaceId, t.groupId)
      .where(sql`${t.accountId} is null`),
  ],
);

/** Which account (by externalId) a user belongs to, from the latest `group` call. */
export const usageUserGroups = pgTable(
  "usage_user_groups",
  {
    workspaceId: text("workspace_id").notNull(),
    userId: text("user_id").notNull(),
    groupId: text("group_id").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

/** One row per account per day (UTC), as core's DailyRollup; new events are folded in before reads. */
export const usageDailyRollups = pgTable(
  "usage_daily_rollups",
  {
    workspaceId: text("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    eventCounts: jsonb("event_counts").$type<Record<string, number>>().notNull().default({}),
    activeUserIds: text("active_user_ids").array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId, t.day] })],
);

/**
 * Events stored but not yet in usage_daily_rollups: one row per ingest
 * write (or attach) listing the keys (usage_events.message_key) of the
 * events whose rollups are pending. The fold (foldUsageEvents) deletes rows
 * and merges their events into the rollups in the same statement, so each
 * row is folded once, and a row commits with its events, so none is missed.
 * Rows live seconds.
 */
export const usageRollupPending = pgTable(
  "usage_rollup_pending",
  {
    workspaceId: text("workspace_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    messageKeys: uuid("message_keys").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** Accounts with new events since their last health recompute; the job drains it. */
export const usageDirtyAccounts = pgTable(
  "usage_dirty_accounts",
  {
    workspaceId: text("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    dirtySince: timestamp("dirty_since", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId] })],
);
