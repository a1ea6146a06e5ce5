import { and, asc, eq, gte, inArray, lte, max, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../../db/client";
import { usageDailyRollups, usageUserGroups } from "../../db/schema";
import { isUniqueViolation } from "../../lib/sql";

/** An event ready to store: normalised, with its group resolved (its account is found by the insert). */
export type UsageEventRow = {
  messageId: string;
  type: string;
  userId: string | null;
  anonymousId: string | null;
  groupId: string | null;
  event: string | null;
  timestamp: string;
  receivedAt: string;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
};

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
 * without ON CONFLICT ~1.4 s; on PGlite likewise. The account is found here
 * by externalId (Segment's groupId): no round trip before the write.
 */
const eventsInsert = (
  workspaceId: string,
  rows: readonly UsageEventRow[],
  onConflict: "fail" | "skip",
) => {
  const events = [...rows].sort(byMessageId);
  const column = (pick: (e: UsageEventRow) => string | null) =>
    sql.param(pgTextArray(events.map(pick)));
  const json = (pick: (e: UsageEventRow) => Record<string, unknown>) =>
    sql.param(JSON.stringify(events.map(pick)));
  return sql`insert into usage_events
      (workspace_id, message_id, type, user_id, anonymous_id, group_id, account_id, event,
       "timestamp", received_at, properties, traits)
    select ${workspaceId}, x.m, x.t, x.u, x.a, x.g, acc.id, x.e, x.ts, x.r,
      p.list -> (x.n - 1)::int, tr.list -> (x.n - 1)::int
    from unnest(
        ${column((e) => e.messageId)}::text[], ${column((e) => e.type)}::text[],
        ${column((e) => e.userId)}::text[], ${column((e) => e.anonymousId)}::text[],
        ${column((e) => e.groupId)}::text[], ${column((e) => e.event)}::text[],
        ${column((e) => e.timestamp)}::timestamptz[], ${column((e) => e.receivedAt)}::timestamptz[]
      ) with ordinality as x(m, t, u, a, g, e, ts, r, n)
      cross join (select ${json((e) => e.properties)}::jsonb as list) as p
      cross join (select ${json((e) => e.traits)}::jsonb as list) as tr
      -- The workspace as a value the planner does not know (offset 0 keeps it from
      -- being folded in): for a workspace its statistics have not seen yet it would
      -- otherwise scan all the workspace's accounts by name for each event.
      cross join (select ${workspaceId}::text as id offset 0) as w
      left join accounts acc on acc.workspace_id = w.id and acc.external_id = x.g
    order by x.n
    ${onConflict === "skip" ? sql`on conflict do nothing` : sql``}
    returning message_id, type, account_id`;
};

/*
 * What every write of new events adds, as a data-modifying CTE over the rows
 * it stored (`stored`: message_id, type, account_id): one usage_rollup_pending
 * row listing the events that count in rollups (the fold adds them). No
 * rollup row and no dirty mark is touched, so concurrent writes share no rows:
 * the fold marks the accounts it folds dirty, and the health job looks for
 * workspaces with pending rows as well as marks (findWorkspacesWithDirtyAccounts).
 * Marks written here cost ~400 speculative insertions a 500-event batch.
 */
const pendingOf = (workspaceId: string, stored: SQL) =>
  sql`pending as (insert into usage_rollup_pending (workspace_id, message_ids)
    select ${workspaceId}, array_agg(message_id) from ${stored}
    where account_id is not null and type in ('track', 'page', 'screen')
    having count(*) > 0)`;

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
  },
): Promise<Set<string>> => {
  const { workspaceId, events, onConflict } = params;
  if (events.length === 0) return new Set();
  const parts = [
    sql`e as (${eventsInsert(workspaceId, events, onConflict)})`,
    pendingOf(workspaceId, sql`e`),
  ];
  if (params.links.size > 0) {
    const links = linksParam(params.links);
    parts.push(sql`g as (${userGroupsUpsert(workspaceId, links)})`);
    parts.push(sql`w as (${earlierEventsLinked(workspaceId, links)})`);
  }
  try {
    if (onConflict === "fail") {
      await db.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
      return new Set(events.map((e) => e.messageId));
    }
    const rows = await rowsOf<{ m: string }>(
      db,
      sql`with ${sql.join(parts, sql`, `)} select message_id as m from e`,
    );
    return new Set(rows.map((row) => row.m));
  } catch (error) {
    if (onConflict === "fail" && isUniqueViolation(error)) {
      throw new DuplicateUsageEventError("a messageId is stored");
    }
    throw error;
  }
};

/** Stores events, skipping messageIds already stored; returns those stored now. */
export const insertUsageEvents = (
  db: DbOrTx,
  params: { workspaceId: string; events: readonly UsageEventRow[] },
): Promise<Set<string>> =>
  writeUsageEvents(db, { ...params, links: new Map(), onConflict: "skip" });

/**
 * Ties the events waiting for a group to its account and lists them for the
 * fold (which marks the account dirty), in one statement. Returns the events
 * attached. An event stored with its account is never in here (its write
 * listed it), so no event is folded twice.
 */
export const attachWaitingUsageEvents = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; groupId: string },
): Promise<number> => {
  const { workspaceId } = params;
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`with a as (
      update usage_events set account_id = ${params.accountId}::uuid
      where workspace_id = ${workspaceId} and group_id = ${params.groupId}
        and account_id is null
      returning message_id, type, account_id
    ), ${pendingOf(workspaceId, sql`a`)}
    select count(*)::int as n from a`,
  );
  return row?.n ?? 0;
};

/** Pending rows a fold statement takes at most (each lists one write's events). */
const FOLD_PENDING_ROWS = 100;

const foldStatement = (workspaceId: string) =>
  sql`with pending as (
    delete from usage_rollup_pending
    where workspace_id = ${workspaceId} and id = any(array(
      select id from usage_rollup_pending where workspace_id = ${workspaceId}
      order by id limit ${FOLD_PENDING_ROWS} for update))
    returning workspace_id, message_ids
  ), ev as (
    -- One key lookup per listed event. The workspace is the pending row's, a value the
    -- planner does not know: given the id of a workspace its statistics have not seen
    -- yet (estimated one row), it scanned all the workspace's events by another index
    -- for each listed id, and ran for minutes.
    select e.account_id, (e."timestamp" at time zone 'UTC')::date as day,
      case when e.type = 'track' then e.event end as name, e.user_id
    from pending cross join unnest(pending.message_ids) as listed(id)
    join usage_events e on e.workspace_id = pending.workspace_id and e.message_id = listed.id
    where e.account_id is not null
  ), counts as (
    select account_id, day, jsonb_object_agg(name, n) as event_counts
    from (
      select account_id, day, name, count(*) as n from ev where name is not null
      group by account_id, day, name
    ) by_name
    group by account_id, day
  ), users as (
    select account_id, day,
      coalesce(array_agg(distinct user_id order by user_id)
        filter (where user_id is not null), '{}') as ids
    from ev
    group by account_id, day
  ), merged as (
    insert into usage_daily_rollups (workspace_id, account_id, day, event_counts, active_user_ids)
    select ${workspaceId}, users.account_id, users.day,
      coalesce(counts.event_counts, '{}'::jsonb), users.ids
    from users left join counts on counts.account_id = users.account_id and counts.day = users.day
    order by users.account_id, users.day
    on conflict (workspace_id, account_id, day) do update set
      -- Only the keys of the new counts are visited; the stored ones are kept.
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
    -- The marks are the fold's (ingest writes none): the health job folds before it
    -- claims marks, so every mark it takes comes with its events in the rollups.
    insert into usage_dirty_accounts (workspace_id, account_id)
    select distinct ${workspaceId}, account_id from users order by 2
    on conflict do nothing
  )
  select (select count(*) from pending)::int as pending, (select count(*) from merged)::int as merged`;

/**
 * Folds events stored since the last fold into usage_daily_rollups, one
 * statement per up to FOLD_PENDING_ROWS pending rows: the rows are deleted
 * and their events read back (by key), summed per (account, day) as core's
 * rollUpEvents does — track counts by name, users of track/page/screen
 * united — and merged into the stored rows. Exactly once under concurrent
 * folds (several app processes): a pending row is deleted by one statement
 * only (another waits on its row lock, then skips it), and the merge commits
 * with the delete. A pending row commits with its events, so a fold never
 * misses one (no watermark: writes commit out of order). Rollup rows are
 * written in (account, day) order, so concurrent folds lock them in the
 * same order. The folded accounts are marked dirty. Returns the
 * (account, day) rows merged.
 */
export const foldPendingUsage = async (
  db: DbOrTx,
  params: { workspaceId: string },
): Promise<number> => {
  const { workspaceId } = params;
  let merged = 0;
  for (;;) {
    const [row] = await rowsOf<{ pending: number; merged: number }>(db, foldStatement(workspaceId));
    merged += row?.merged ?? 0;
    if ((row?.pending ?? 0) < FOLD_PENDING_ROWS) return merged;
  }
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
 * read (account_id null, by the account index). Events of this same
 * statement's insert are not seen here; they have their group already.
 */
const earlierEventsLinked = (workspaceId: string, links: SQL) =>
  sql`update usage_events e set group_id = x.g from ${links}
    where e.workspace_id = ${workspaceId} and e.account_id is null and e.group_id is null
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
