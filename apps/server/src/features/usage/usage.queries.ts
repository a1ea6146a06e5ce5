import { hash } from "node:crypto";
import type { SegmentEventType } from "@michi/core";
import { and, asc, eq, gte, inArray, lte, max, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../../db/client";
import { usageDailyRollups, usageEventTypeCodes, usageUserGroups } from "../../db/schema";
import { isUniqueViolation } from "../../lib/sql";
import { pendingRollupsOf } from "../../recompute";

/** An event ready to store: normalised, with its group resolved (its account is found by the insert). */
export type UsageEventRow = {
  messageId: string;
  type: SegmentEventType;
  userId: string | null;
  anonymousId: string | null;
  groupId: string | null;
  event: string | null;
  timestamp: string;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
};

/**
 * usage_events.message_key of a messageId: the first 16 bytes of SHA-256 of
 * "<workspaceId>/<messageId>" (UTF-8), as a uuid: with the workspace it is
 * the primary key (two uuids, ~66 bytes an event in the index against ~138
 * for the workspace and the text id), and equal messageIds of two
 * workspaces are two keys. 128 bits: two messageIds of a
 * workspace share a key with a chance of about n²/2¹²⁹ (10⁻²⁰ for a billion
 * events). Migration 0017 computes the same in SQL for the rows it converts
 * (`encode(substring(sha256(convert_to(…, 'UTF8')) from 1 for 16), 'hex')::uuid`);
 * a test checks both agree. ~1 µs an event (crypto.hash, one shot).
 */
export const usageMessageKey = (workspaceId: string, messageId: string): string => {
  const hex = hash("sha256", `${workspaceId}/${messageId}`, "hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** Empty properties and traits are stored as NULL (5 bytes a row less); read them as `?? {}`. */
const isEmptyObject = (value: Record<string, unknown>) => {
  for (const _ in value) return false;
  return true;
};

const ARRAY_SPECIAL = /["\\]/;
/**
 * A PostgreSQL array literal ({"a",NULL}) of texts, for `$1::text[]`. Built
 * here because node-postgres's own array serialiser runs two regex replaces
 * on every element; only " and \ need escaping inside quotes.
 */
export const pgTextArray = (values: readonly (string | null)[]): string => {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) out += ",";
    if (value === null || value === undefined) out += "NULL";
    else if (ARRAY_SPECIAL.test(value)) out += `"${value.replace(/["\\]/g, "\\$&")}"`;
    else out += `"${value}"`;
  }
  return `${out}}`;
};

/** A duplicate messageId: a plain insert meets one only on a sender's retry or a concurrent duplicate. */
export class DuplicateUsageEventError extends Error {}

/**
 * The insert of a batch, rows sorted by key (two senders retrying
 * overlapping batches then wait on keys in the same order, never deadlock;
 * lower-case hex sorts as the uuids do).
 * The columns go as arrays read by unnest, properties and traits as one JSON
 * array each, picked by ordinality. Measured (decision 0006, per 100,000
 * events, 2,000 a statement): json_to_recordset of one JSON parameter cost
 * ~2.6–3.3 s of PostgreSQL CPU, these arrays ~1.7–2.1 s, and the same
 * without ON CONFLICT ~1.4 s; on PGlite likewise. The account is found here
 * by externalId (Segment's groupId): no round trip before the write.
 * Each row comes with its message_key (usageMessageKey).
 */
const eventsInsert = (
  workspaceId: string,
  rows: readonly { event: UsageEventRow; key: string }[],
  onConflict: "fail" | "skip",
) => {
  const events = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const column = (pick: (e: UsageEventRow) => string | null) =>
    sql.param(pgTextArray(events.map((row) => pick(row.event))));
  /**
   * A JSON column's value per row, picked by ordinality from one JSON array
   * (NULL for an empty object); NULL for all when every object is empty, as
   * traits are in a batch of track calls: then no array is sent or parsed
   * (~5% of a 1,000-event statement's CPU on PGlite).
   */
  const json = (pick: (e: UsageEventRow) => Record<string, unknown>) => {
    let any = false;
    const values = events.map((row) => {
      const value = pick(row.event);
      if (isEmptyObject(value)) return null;
      any = true;
      return value;
    });
    return any
      ? sql`nullif((select ${sql.param(JSON.stringify(values))}::jsonb offset 0) -> (x.n - 1)::int, 'null')`
      : sql`null::jsonb`;
  };
  return sql`insert into usage_events
      ("timestamp", workspace_id, message_key, account_id, type, user_id, anonymous_id, group_id,
       event, properties, traits)
    select x.ts, ${workspaceId}::uuid, x.k, acc.id, x.t, x.u, x.a, x.g, x.e,
      ${json((e) => e.properties)}, ${json((e) => e.traits)}
    from unnest(
        ${sql.param(pgTextArray(events.map((row) => row.key)))}::uuid[],
        ${sql.param(pgTextArray(events.map((row) => usageEventTypeCodes[row.event.type])))}::"char"[],
        ${column((e) => e.userId)}::text[], ${column((e) => e.anonymousId)}::text[],
        ${column((e) => e.groupId)}::text[], ${column((e) => e.event)}::text[],
        ${column((e) => e.timestamp)}::timestamptz[]
      ) with ordinality as x(k, t, u, a, g, e, ts, n)
      -- The workspace as a value the planner does not know (offset 0 keeps it from
      -- being folded in): for a workspace its statistics have not seen yet it would
      -- otherwise scan all the workspace's accounts by name for each event.
      cross join (select ${workspaceId}::text as id offset 0) as w
      left join accounts acc on acc.workspace_id = w.id and acc.external_id = x.g
    order by x.n
    ${onConflict === "skip" ? sql`on conflict do nothing` : sql``}
    returning message_key, type, account_id, event, "timestamp"`;
};

/**
 * Stores events in one statement (so one transaction without BEGIN and
 * COMMIT round trips): the users' group links sent, the events (account by
 * groupId) and the pending row of their rollups. `fail` (the usual write): a
 * plain insert, no conflict handling; a messageId already stored (a sender's
 * retry, or a concurrent transaction's duplicate, after its commit) fails all
 * of it with DuplicateUsageEventError.
 * `skip`: messageIds already stored are skipped (a speculative insertion per
 * row). Returns the messageIds stored now (`skip` only; `fail` stores all).
 */
export const writeUsageEvents = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    events: readonly UsageEventRow[];
    links: ReadonlyMap<string, string>;
    onConflict: "fail" | "skip";
    /** Track events by these names signal playbooks (usageEventTriggerNames). */
    signalNames?: readonly string[];
  },
): Promise<Set<string>> => {
  const { workspaceId, events, onConflict } = params;
  if (events.length === 0) return new Set();
  const keyed = events.map((event) => ({
    event,
    key: usageMessageKey(workspaceId, event.messageId),
  }));
  const parts = [
    sql`e as (${eventsInsert(workspaceId, keyed, onConflict)})`,
    pendingRollupsOf(workspaceId, sql`e`),
  ];
  if (params.links.size > 0) {
    const links = linksParam(params.links);
    parts.push(sql`g as (${userGroupsUpsert(workspaceId, links)})`);
    parts.push(sql`w as (${earlierEventsLinked(workspaceId, links)})`);
  }
  if (params.signalNames && params.signalNames.length > 0) {
    parts.push(sql`s as (${usageEventSignals(workspaceId, params.signalNames)})`);
  }
  try {
    if (onConflict === "fail") {
      await db.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
      return new Set(events.map((e) => e.messageId));
    }
    const rows = await rowsOf<{ k: string }>(
      db,
      sql`with ${sql.join(parts, sql`, `)} select message_key as k from e`,
    );
    const stored = new Set(rows.map((row) => row.k));
    return new Set(keyed.filter((row) => stored.has(row.key)).map((row) => row.event.messageId));
  } catch (error) {
    if (onConflict === "fail" && isUniqueViolation(error)) {
      throw new DuplicateUsageEventError("a messageId is stored");
    }
    throw error;
  }
};

/**
 * A playbook signal (account_events, kind usageEvent) per stored track event
 * of a listened name, in the statement that stores it: the event and its
 * signal are kept or lost together. Events whose account is not known yet
 * (a group Michi has no account for) signal nothing, now or later. The
 * message key stands for the messageId: unique per workspace just as well.
 */
const usageEventSignals = (workspaceId: string, names: readonly string[]) =>
  sql`insert into account_events (workspace_id, account_id, type, occurred_at, dedupe_key, data, signal)
    select ${workspaceId}, e.account_id, 'usage.event', e."timestamp", 'usage:' || e.message_key,
      jsonb_build_object('event', e.event),
      jsonb_build_object('kind', 'usageEvent', 'accountId', e.account_id,
        'at', to_char(e."timestamp" at time zone 'UTC', 'YYYY-MM-DD'), 'event', e.event,
        'messageId', e.message_key)
    from e where e.type = 't' and e.account_id is not null
      and e.event = any(${sql.param(pgTextArray([...names]))}::text[])
    on conflict (workspace_id, dedupe_key) do nothing`;

/** Stores events, skipping messageIds already stored; returns those stored now. */
export const insertUsageEvents = (
  db: DbOrTx,
  params: { workspaceId: string; events: readonly UsageEventRow[] },
): Promise<Set<string>> =>
  writeUsageEvents(db, { ...params, links: new Map(), onConflict: "skip" });

/** user → group links as rows x(u, g), by user (so overlapping writes lock in the same order). */
const linksParam = (links: ReadonlyMap<string, string>) => {
  const entries = [...links.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return sql`unnest(${sql.param(entries.map(([u]) => u))}::text[],
      ${sql.param(entries.map(([, g]) => g))}::text[]) as x(u, g)`;
};

/** Latest group per user, from `group` calls; the last call wins (part of writeUsageEvents). */
const userGroupsUpsert = (workspaceId: string, links: SQL) =>
  sql`insert into usage_user_groups (workspace_id, user_id, group_id)
    select ${workspaceId}, u, g from ${links}
    on conflict (workspace_id, user_id) do update
      set group_id = excluded.group_id, updated_at = now()`;

/**
 * A user's events stored before its first `group` call (Segment's usual order
 * is identify, then group) named no group and waited with no way to be
 * attached: they take the group now, and wait for its account as any event of
 * a known group does (attachAllWaitingUsageEvents). Only waiting events are
 * read (account_id null, by the partial index of waiting events). Events of this same
 * statement's insert are not seen here; they have their group already.
 */
const earlierEventsLinked = (workspaceId: string, links: SQL) =>
  sql`update usage_events e set group_id = x.g from ${links}
    where e.workspace_id = ${workspaceId}::uuid and e.account_id is null and e.group_id is null
      and e.user_id = x.u`;

export const findUserGroups = (
  db: DbOrTx,
  params: { workspaceId: string; userIds: readonly string[] },
) =>
  params.userIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ userId: usageUserGroups.userId, groupId: usageUserGroups.groupId })
        .from(usageUserGroups)
        .where(
          and(
            eq(usageUserGroups.workspaceId, params.workspaceId),
            inArray(usageUserGroups.userId, [...params.userIds]),
          ),
        );

export const findDailyRollups = (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; from: string; to: string },
) =>
  db
    .select({
      day: usageDailyRollups.day,
      eventCounts: usageDailyRollups.eventCounts,
      activeUserIds: usageDailyRollups.activeUserIds,
    })
    .from(usageDailyRollups)
    .where(
      and(
        eq(usageDailyRollups.workspaceId, params.workspaceId),
        eq(usageDailyRollups.accountId, params.accountId),
        gte(usageDailyRollups.day, params.from),
        lte(usageDailyRollups.day, params.to),
      ),
    )
    .orderBy(asc(usageDailyRollups.day));

/** The last day with any rollup, for "days since last seen" beyond the windows. */
export const findLastRollupDay = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; to: string },
): Promise<string | null> => {
  const [row] = await db
    .select({ day: max(usageDailyRollups.day) })
    .from(usageDailyRollups)
    .where(
      and(
        eq(usageDailyRollups.workspaceId, params.workspaceId),
        eq(usageDailyRollups.accountId, params.accountId),
        lte(usageDailyRollups.day, params.to),
      ),
    );
  return row?.day ?? null;
};
