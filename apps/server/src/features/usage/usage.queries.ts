import type { DailyRollup } from "@michi/core";
import { and, asc, eq, gte, inArray, lte, max, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../../db/client";
import { usageDailyRollups, usageUserGroups } from "../../db/schema";
import { isUniqueViolation } from "../../lib/sql";

/** An event ready to store: normalised, with its group and account resolved. */
export type UsageEventRow = {
  messageId: string;
  type: string;
  userId: string | null;
  anonymousId: string | null;
  groupId: string | null;
  accountId: string | null;
  event: string | null;
  timestamp: string;
  receivedAt: string;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
};

/** What a rollup needs of a stored event (core's RollupEvent plus its account). */
export type StoredUsageEvent = {
  accountId: string | null;
  type: string;
  event: string | null;
  userId: string | null;
  timestamp: string;
};

// ISO 8601 in UTC whatever the driver does with timestamptz.
const isoTimestamp = sql.raw(
  `to_char("timestamp" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
);

const byMessageId = (a: UsageEventRow, b: UsageEventRow) =>
  a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0;

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
 * The insert of a batch, rows sorted by messageId (two senders retrying
 * overlapping batches then wait on keys in the same order, never deadlock).
 * The columns go as arrays read by unnest, properties and traits as one JSON
 * array each, picked by ordinality. Measured (decision 0006, per 100,000
 * events, 2,000 a statement): json_to_recordset of one JSON parameter cost
 * ~2.6–3.3 s of PostgreSQL CPU, these arrays ~1.7–2.1 s, and the same
 * without ON CONFLICT ~1.4 s; on PGlite likewise.
 */
const eventsInsert = (workspaceId: string, rows: readonly UsageEventRow[]) => {
  const events = [...rows].sort(byMessageId);
  const column = (pick: (e: UsageEventRow) => string | null) =>
    sql.param(pgTextArray(events.map(pick)));
  const json = (pick: (e: UsageEventRow) => Record<string, unknown>) =>
    sql.param(JSON.stringify(events.map(pick)));
  return sql`insert into usage_events
      (workspace_id, message_id, type, user_id, anonymous_id, group_id, account_id, event,
       "timestamp", received_at, properties, traits)
    select ${workspaceId}, x.m, x.t, x.u, x.a, x.g, x.acc, x.e, x.ts, x.r,
      p.list -> (x.n - 1)::int, tr.list -> (x.n - 1)::int
    from unnest(
        ${column((e) => e.messageId)}::text[], ${column((e) => e.type)}::text[],
        ${column((e) => e.userId)}::text[], ${column((e) => e.anonymousId)}::text[],
        ${column((e) => e.groupId)}::text[], ${column((e) => e.accountId)}::uuid[],
        ${column((e) => e.event)}::text[], ${column((e) => e.timestamp)}::timestamptz[],
        ${column((e) => e.receivedAt)}::timestamptz[]
      ) with ordinality as x(m, t, u, a, g, acc, e, ts, r, n),
      (select ${json((e) => e.properties)}::jsonb as list) as p,
      (select ${json((e) => e.traits)}::jsonb as list) as tr`;
};

/**
 * Stores events, skipping messageIds already stored (ON CONFLICT DO
 * NOTHING: a speculative insertion per row); returns the messageIds stored
 * now. The ingest's way after insertNewUsageEvents failed on a duplicate.
 */
export const insertUsageEvents = async (
  db: DbOrTx,
  params: { workspaceId: string; events: readonly UsageEventRow[] },
): Promise<Set<string>> => {
  if (params.events.length === 0) return new Set();
  const rows = await rowsOf<{ m: string }>(
    db,
    sql`${eventsInsert(params.workspaceId, params.events)}
    on conflict do nothing returning message_id as m`,
  );
  return new Set(rows.map((row) => row.m));
};

export type RollupDelta = DailyRollup & { accountId: string };

/**
 * The usual ingest write, one statement (so one transaction without BEGIN
 * and COMMIT round trips): the users' group links sent, events that are all
 * new (a plain insert, no conflict handling), their rollup deltas and their
 * accounts' dirty marks, as data-modifying CTEs. A messageId already stored
 * (a sender's retry, or a concurrent transaction's duplicate, after its
 * commit) fails all of it with DuplicateUsageEventError; the caller then
 * writes in a transaction with insertUsageEvents.
 */
export const insertNewUsageEvents = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    events: readonly UsageEventRow[];
    links: ReadonlyMap<string, string>;
    rollups: readonly RollupDelta[];
    accountIds: readonly string[];
  },
) => {
  const { workspaceId } = params;
  if (params.events.length === 0) return;
  const parts = [sql`e as (${eventsInsert(workspaceId, params.events)})`];
  if (params.links.size > 0) parts.push(sql`g as (${userGroupsUpsert(workspaceId, params.links)})`);
  if (params.rollups.length > 0) {
    parts.push(sql`d as (${deltasInsert(workspaceId, params.rollups)})`);
  }
  if (params.accountIds.length > 0) {
    parts.push(sql`m as (${dirtyInsert(workspaceId, params.accountIds)})`);
  }
  try {
    await db.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateUsageEventError("a messageId is stored");
    throw error;
  }
};

/**
 * Account ids by externalId (Segment's groupId) as one JSON object: the
 * accounts feature's lookup reads whole rows, and even two columns a row
 * cost the driver more than one JSON.parse, at every ingest transaction
 * (~300 accounts each in the benchmark).
 */
export const findAccountIdsByExternalIds = async (
  db: DbOrTx,
  params: { workspaceId: string; externalIds: readonly string[] },
): Promise<Map<string, string>> => {
  if (params.externalIds.length === 0) return new Map();
  const [row] = await rowsOf<{ ids: string }>(
    db,
    sql`select coalesce(json_object_agg(external_id, id), '{}')::text as ids from accounts
    where workspace_id = ${params.workspaceId}
      and external_id = any(${sql.param(pgTextArray(params.externalIds))}::text[])`,
  );
  return new Map(Object.entries(JSON.parse(row?.ids ?? "{}") as Record<string, string>));
};

/** Ties waiting events of a group to its account; returns the events now attached. */
export const attachWaitingUsageEvents = (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; groupId: string },
): Promise<StoredUsageEvent[]> =>
  rowsOf<StoredUsageEvent>(
    db,
    sql`update usage_events set account_id = ${params.accountId}::uuid
    where workspace_id = ${params.workspaceId} and group_id = ${params.groupId}
      and account_id is null
    returning account_id as "accountId", type, event, user_id as "userId",
      ${isoTimestamp} as "timestamp"`,
  );

/**
 * Rollup increments of one transaction, appended to usage_rollup_deltas (one
 * row per account and day, already summed by the caller). Append-only: no
 * row of usage_daily_rollups is locked or rewritten by ingest.
 */
export const appendRollupDeltas = async (
  db: DbOrTx,
  params: { workspaceId: string; rollups: readonly RollupDelta[] },
) => {
  if (params.rollups.length === 0) return;
  await db.execute(deltasInsert(params.workspaceId, params.rollups));
};

// Arrays as for usage_events (each row's user ids an array literal inside the
// text array): ~30% less time than json_to_recordset on both drivers.
const deltasInsert = (workspaceId: string, rollups: readonly RollupDelta[]) =>
  sql`insert into usage_rollup_deltas
      (workspace_id, account_id, day, event_counts, active_user_ids)
    select ${workspaceId}, x.acc, x.d, c.list -> (x.n - 1)::int, x.u::text[]
    from unnest(${sql.param(pgTextArray(rollups.map((r) => r.accountId)))}::uuid[],
        ${sql.param(pgTextArray(rollups.map((r) => r.day)))}::date[],
        ${sql.param(pgTextArray(rollups.map((r) => pgTextArray(r.activeUserIds))))}::text[]
      ) with ordinality as x(acc, d, u, n),
      (select ${JSON.stringify(rollups.map((r) => r.eventCounts))}::jsonb as list) as c`;

/**
 * Folds the workspace's rollup deltas (or those of some accounts) into
 * usage_daily_rollups, one statement: the deltas are deleted and returned,
 * summed per (account, day) — counts added, user ids united — and merged
 * into the stored rows. Exactly once under concurrent folds: a delta row is
 * deleted by one statement only (another waits on its row lock and then
 * skips it), and the merge commits with the delete. Rollup rows are written
 * in (account, day) order, so concurrent folds lock them in the same order.
 * The folded accounts are marked dirty (in account order, as ingest marks
 * them). Returns the (account, day) rows merged.
 */
export const foldRollupDeltas = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds?: readonly string[] },
): Promise<number> => {
  const accounts =
    params.accountIds === undefined
      ? sql``
      : sql`and account_id = any(${sql.param([...params.accountIds])}::uuid[])`;
  const rows = await rowsOf<{ n: number }>(
    db,
    sql`with deltas as (
      delete from usage_rollup_deltas
      where workspace_id = ${params.workspaceId} ${accounts}
      returning account_id, day, event_counts, active_user_ids
    ), counts as (
      select account_id, day, jsonb_object_agg(name, n) as event_counts
      from (
        select account_id, day, e.key as name, sum(e.value::bigint) as n
        from deltas, jsonb_each_text(event_counts) as e
        group by account_id, day, e.key
      ) by_name
      group by account_id, day
    ), users as (
      select account_id, day,
        coalesce(array_agg(distinct u order by u) filter (where u is not null), '{}') as ids
      from deltas left join lateral unnest(active_user_ids) as u on true
      group by account_id, day
    ), merged as (
      insert into usage_daily_rollups (workspace_id, account_id, day, event_counts, active_user_ids)
      select ${params.workspaceId}, users.account_id, users.day,
        coalesce(counts.event_counts, '{}'::jsonb), users.ids
      from users left join counts on counts.account_id = users.account_id and counts.day = users.day
      order by users.account_id, users.day
      on conflict (workspace_id, account_id, day) do update set
        -- Only the keys of the delta are visited; the stored ones are kept.
        event_counts = usage_daily_rollups.event_counts || coalesce((
          select jsonb_object_agg(key,
            value::bigint + coalesce((usage_daily_rollups.event_counts ->> key)::bigint, 0))
          from jsonb_each_text(excluded.event_counts)
        ), '{}'::jsonb),
        active_user_ids = array(
          select distinct id
          from unnest(usage_daily_rollups.active_user_ids || excluded.active_user_ids) as ids(id)
          order by id
        )
      returning 1
    ), dirty as (
      -- Marked again: the health job folds before it claims marks, so a mark taken
      -- between its fold and its claim would otherwise be read without its deltas.
      insert into usage_dirty_accounts (workspace_id, account_id)
      select distinct ${params.workspaceId}, account_id from deltas order by 2
      on conflict do nothing
    )
    select count(*)::int as n from merged`,
  );
  return rows[0]?.n ?? 0;
};

/** Marks accounts for the health job; an account already dirty keeps its first time. */
export const markAccountsDirty = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[] },
) => {
  if (params.accountIds.length === 0) return;
  await db.execute(dirtyInsert(params.workspaceId, params.accountIds));
};

const dirtyInsert = (workspaceId: string, accountIds: readonly string[]) =>
  sql`insert into usage_dirty_accounts (workspace_id, account_id)
    select ${workspaceId}, id::uuid
    from unnest(${sql.param([...new Set(accountIds)].sort())}::text[]) as x(id)
    on conflict do nothing`;

/** Latest group per user, from `group` calls; the last call wins. */
export const upsertUserGroups = async (
  db: DbOrTx,
  params: { workspaceId: string; links: ReadonlyMap<string, string> },
) => {
  if (params.links.size === 0) return;
  await db.execute(userGroupsUpsert(params.workspaceId, params.links));
};

const userGroupsUpsert = (workspaceId: string, links: ReadonlyMap<string, string>) => {
  const entries = [...links.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return sql`insert into usage_user_groups (workspace_id, user_id, group_id)
    select ${workspaceId}, u, g
    from unnest(${sql.param(entries.map(([u]) => u))}::text[],
      ${sql.param(entries.map(([, g]) => g))}::text[]) as x(u, g)
    on conflict (workspace_id, user_id) do update
      set group_id = excluded.group_id, updated_at = now()`;
};

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
