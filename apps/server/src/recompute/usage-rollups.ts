import { type SQL, sql } from "drizzle-orm";
import { type Db, type DbOrTx, rowsOf } from "../db/client";

/*
 * The daily rollups brought up to date before the recompute reads them:
 * events stored since the last fold are merged in (their accounts marked
 * dirty), and events that waited for an account now known are tied to it.
 * Ingest (features/usage) stores the events and the pending rows; see
 * decision 0006.
 */

/*
 * What every write of new events adds, as a data-modifying CTE over the rows
 * it stored (`stored`: message_key, type, account_id): one usage_rollup_pending
 * row listing the keys of the events that count in rollups, track, page and
 * screen ("char" codes t, p, s; usageEventTypeCodes), for the fold to add. No
 * rollup row and no dirty mark is touched, so concurrent writes share no rows:
 * the fold marks the accounts it folds dirty, and the health job looks for
 * workspaces with pending rows as well as marks (findWorkspacesWithDirtyAccounts).
 * Marks written here cost ~400 speculative insertions a 500-event batch.
 */
export const pendingRollupsOf = (workspaceId: string, stored: SQL) =>
  sql`pending as (insert into usage_rollup_pending (workspace_id, message_keys)
    select ${workspaceId}, array_agg(message_key) from ${stored}
    where account_id is not null and type in ('t', 'p', 's')
    having count(*) > 0)`;

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
      where workspace_id = ${workspaceId}::uuid and group_id = ${params.groupId}
        and account_id is null
      returning message_key, type, account_id
    ), ${pendingRollupsOf(workspaceId, sql`a`)}
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
    returning workspace_id, message_keys
  ), ev as (
    -- One lookup of the primary key (workspace, key) per listed event: the pending
    -- row's workspace and the listed key (the (workspace, account, time) index,
    -- preferred once for a workspace the statistics had not seen, is gone).
    select e.account_id, (e."timestamp" at time zone 'UTC')::date as day,
      case when e.type = 't' then e.event end as name, e.user_id
    from pending cross join unnest(pending.message_keys) as listed(key)
    join usage_events e on e.workspace_id = pending.workspace_id::uuid
      and e.message_key = listed.key
    where e.account_id is not null
  ), rolled as (
    -- One row per (account, day), its users and its track names, in one grouping;
    -- the counts by name come from the names of the row itself. Not two groupings
    -- joined: the join's plan followed the estimate of the listed events (one
    -- row, when the planner knows nothing of the workspace's events, as in a
    -- fresh PGlite table) and became a nested loop over one side's aggregate:
    -- 2.1 s for a fold of 20,000 events on PGlite instead of 0.5 s.
    select account_id, day,
      coalesce(array_agg(distinct user_id order by user_id)
        filter (where user_id is not null), '{}') as ids,
      array_agg(name) filter (where name is not null) as names
    from ev
    group by account_id, day
  ), merged as (
    insert into usage_daily_rollups (workspace_id, account_id, day, event_counts, active_user_ids)
    select ${workspaceId}, rolled.account_id, rolled.day,
      coalesce((
        select jsonb_object_agg(name, n)
        from (select name, count(*) as n from unnest(rolled.names) as listed(name) group by name) by_name
      ), '{}'::jsonb),
      rolled.ids
    from rolled
    order by rolled.account_id, rolled.day
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
    select distinct ${workspaceId}, account_id from rolled order by 2
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
export const foldUsageEvents = async (
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

/**
 * Brings the rollups up to date before an account's usage is read: ties
 * the events waiting for its externalId to it, then folds the workspace's
 * new events (all of them: a pending row lists one write's events, of many
 * accounts). attachAllWaitingUsageEvents does the same for every account
 * (the sweep jobs run first); see decision 0006.
 */
export const attachUsageEventsOfAccount = async (
  db: Db,
  params: { workspaceId: string; accountId: string; externalId: string | null },
): Promise<number> => {
  const { workspaceId, accountId, externalId } = params;
  const attached = externalId
    ? await attachWaitingUsageEvents(db, { workspaceId, accountId, groupId: externalId })
    : 0;
  await foldUsageEvents(db, { workspaceId });
  return attached;
};

/**
 * The workspace's rollups brought up to date: events waiting for accounts
 * that now exist are attached, then all new events are folded. Returns the
 * events attached.
 */
export const attachAllWaitingUsageEvents = async (db: Db, workspaceId: string) => {
  const rows = await rowsOf<{ id: string; externalId: string }>(
    db,
    sql`select distinct a.id, a.external_id as "externalId"
    from usage_events e
    join accounts a on a.workspace_id = ${workspaceId} and a.external_id = e.group_id
    where e.workspace_id = ${workspaceId}::uuid and e.account_id is null`,
  );
  let attached = 0;
  for (const row of rows) {
    attached += await attachWaitingUsageEvents(db, {
      workspaceId,
      accountId: row.id,
      groupId: row.externalId,
    });
  }
  await foldUsageEvents(db, { workspaceId });
  return attached;
};
