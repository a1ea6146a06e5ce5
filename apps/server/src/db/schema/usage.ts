import type { SegmentEventType } from "@michi/core";
import { sql } from "drizzle-orm";
import {
  bigint,
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
 * Raw Segment calls as received. The key is (workspace_id, message_id), so an
 * at-least-once sender's retry is stored once. Written to be range-partitioned
 * by `timestamp` on PostgreSQL later: no serial id, no foreign keys; the
 * dedup key would then move to a narrow table of message ids (a partitioned
 * table's unique key must contain the partition column).
 */
export const usageEvents = pgTable(
  "usage_events",
  {
    workspaceId: text("workspace_id").notNull(),
    messageId: text("message_id").notNull(),
    type: text("type").$type<SegmentEventType>().notNull(),
    userId: text("user_id"),
    anonymousId: text("anonymous_id"),
    /** The account's externalId as sent (Segment's groupId), or from the user's group link. */
    groupId: text("group_id"),
    /** Set when the account is known; null while the event waits for it. */
    accountId: uuid("account_id"),
    /** track: the event name; page/screen: the page name. */
    event: text("event"),
    timestamp: timestamp("timestamp", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    properties: jsonb("properties").$type<Record<string, unknown>>().notNull().default({}),
    traits: jsonb("traits").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.messageId] }),
    index("usage_events_account_time_idx").on(t.workspaceId, t.accountId, t.timestamp),
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
 * write (or attach) listing the messageIds whose rollups are pending. The
 * fold (foldUsageEvents) deletes rows and merges their events into the
 * rollups in the same statement, so each row is folded once, and a row
 * commits with its events, so none is missed. Rows live seconds.
 */
export const usageRollupPending = pgTable(
  "usage_rollup_pending",
  {
    workspaceId: text("workspace_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    messageIds: text("message_ids").array().notNull(),
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
