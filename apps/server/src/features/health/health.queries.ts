import type { HealthBand } from "@michi/core";
import { and, desc, eq, gt, lte, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../../db/client";
import { healthScores, type StoredHealthMeasure } from "../../db/schema";

export type WindowTotalsRow = {
  accountId: string;
  windowDays: number;
  /** c: the window ending on asOf; p: the one before it. */
  part: "c" | "p";
  eventCounts: Record<string, number>;
  totalEvents: number;
  activeUsers: number;
  activeDays: number;
};

/**
 * Core's window totals (windowTotalsFromRollups) for many accounts and
 * windows, counted by the database in one statement: only one row per
 * account, window and part comes back instead of every rollup row, which on
 * a full recompute is most of the cost (decoding jsonb and arrays). A day is
 * active when it has an event or an active user, as in core. Parts with no
 * row are windows without usage. Equivalence with core: health.queries.test.ts.
 */
export const findWindowTotals = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    accountIds: readonly string[];
    asOf: string;
    windows: readonly number[];
  },
): Promise<WindowTotalsRow[]> => {
  if (params.accountIds.length === 0 || params.windows.length === 0) return [];
  const longest = Math.max(...params.windows);
  const rows = await rowsOf<
    Omit<WindowTotalsRow, "totalEvents" | "activeUsers" | "activeDays"> & {
      totalEvents: string | number;
      activeUsers: string | number;
      activeDays: string | number;
    }
  >(
    db,
    sql`with r as (
      select account_id, day, event_counts, active_user_ids,
        -- Ingest only ever adds counts of 1 or more: a non-empty object has an event.
        (cardinality(active_user_ids) > 0 or event_counts <> '{}'::jsonb) as active
      from usage_daily_rollups
      where workspace_id = ${params.workspaceId}
        and account_id = any(${sql.param([...params.accountIds])}::uuid[])
        and day > ${params.asOf}::date - ${2 * longest}::int
        and day <= ${params.asOf}::date
    ), parts as (
      select r.*, w, case when day > ${params.asOf}::date - w then 'c' else 'p' end as part
      from r cross join unnest(${sql.param([...params.windows])}::int[]) as w
      where day > ${params.asOf}::date - 2 * w
    ), events as (
      select account_id, w, part, jsonb_object_agg(name, n) as event_counts, sum(n) as total
      from (
        select account_id, w, part, e.key as name, sum(e.value::bigint) as n
        from parts, jsonb_each_text(event_counts) as e
        group by account_id, w, part, e.key
      ) by_name
      group by account_id, w, part
    ), people as (
      select account_id, w, part,
        count(distinct day) filter (where active) as active_days,
        count(distinct u) as active_users
      from parts left join lateral unnest(active_user_ids) as u on true
      group by account_id, w, part
    )
    select p.account_id as "accountId", p.w as "windowDays", p.part,
      coalesce(e.event_counts, '{}'::jsonb) as "eventCounts",
      coalesce(e.total, 0) as "totalEvents",
      p.active_users as "activeUsers", p.active_days as "activeDays"
    from people p left join events e
      on e.account_id = p.account_id and e.w = p.w and e.part = p.part`,
  );
  // count() and sum() are bigint: node-postgres gives strings.
  return rows.map((row) => ({
    ...row,
    totalEvents: Number(row.totalEvents),
    activeUsers: Number(row.activeUsers),
    activeDays: Number(row.activeDays),
    eventCounts: Object.fromEntries(
      Object.entries(row.eventCounts).map(([name, count]) => [name, Number(count)]),
    ),
  }));
};

/** Each account's last day with a rollup up to `to` (one index probe per account). */
export const findLastSeenDays = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[]; to: string },
) =>
  rowsOf<{ accountId: string; day: string }>(
    db,
    sql`select a.id as "accountId", to_char(
        (select max(r.day) from usage_daily_rollups r
          where r.workspace_id = ${params.workspaceId} and r.account_id = a.id
            and r.day <= ${params.to}::date), 'YYYY-MM-DD') as day
      from unnest(${sql.param([...params.accountIds])}::uuid[]) as a(id)`,
  );

export type HealthScoreRow = {
  accountId: string;
  score: number | null;
  band: HealthBand | null;
  coverage: number;
  measures: StoredHealthMeasure[];
  scorecardKey: string;
};

/** One statement for the batch (columns as unnest arrays); a row of the same day is replaced. */
export const upsertHealthScores = async (
  db: DbOrTx,
  params: { workspaceId: string; day: string; rows: readonly HealthScoreRow[] },
) => {
  // Sorted so that overlapping recomputes lock rows in the same order.
  const rows = [...params.rows].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
  if (rows.length === 0) return;
  await db.execute(sql`insert into health_scores
      (workspace_id, account_id, day, score, band, coverage, measures, scorecard_key, computed_at)
    select ${params.workspaceId}, acc::uuid, ${params.day}::date, s, b, c, m::jsonb, k, now()
    from unnest(${sql.param(rows.map((r) => r.accountId))}::text[],
      ${sql.param(rows.map((r) => r.score))}::int[],
      ${sql.param(rows.map((r) => r.band))}::text[],
      ${sql.param(rows.map((r) => r.coverage))}::float8[],
      ${sql.param(rows.map((r) => JSON.stringify(r.measures)))}::text[],
      ${sql.param(rows.map((r) => r.scorecardKey))}::text[]) as x(acc, s, b, c, m, k)
    on conflict (workspace_id, account_id, day) do update set
      score = excluded.score, band = excluded.band, coverage = excluded.coverage,
      measures = excluded.measures, scorecard_key = excluded.scorecard_key, computed_at = excluded.computed_at`);
};

/**
 * Takes up to `limit` dirty marks of a workspace (deleted, returned). Taken
 * before the rollups are read: an event committed after that marks its
 * account again for the next run, so nothing is lost.
 */
export const claimDirtyAccounts = async (
  db: DbOrTx,
  params: { workspaceId: string; limit: number },
) =>
  (
    await rowsOf<{ accountId: string }>(
      db,
      sql`delete from usage_dirty_accounts
      where workspace_id = ${params.workspaceId} and account_id in (
        select account_id from usage_dirty_accounts where workspace_id = ${params.workspaceId}
        order by account_id limit ${params.limit} for update skip locked)
      returning account_id as "accountId"`,
    )
  ).map((r) => r.accountId);

/** Takes the marks of accounts about to be recomputed by id. */
export const clearDirtyAccounts = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[] },
) => {
  if (params.accountIds.length === 0) return;
  await db.execute(sql`delete from usage_dirty_accounts
    where workspace_id = ${params.workspaceId}
      and account_id = any(${sql.param([...params.accountIds])}::uuid[])`);
};

export const findWorkspacesWithDirtyAccounts = async (db: DbOrTx) =>
  (
    await rowsOf<{ workspaceId: string }>(
      db,
      sql`select distinct workspace_id as "workspaceId" from usage_dirty_accounts`,
    )
  ).map((r) => r.workspaceId);

/** A page of a workspace's account ids, by id (keyset). */
export const findAccountIdsPage = async (
  db: DbOrTx,
  params: { workspaceId: string; after: string | null; limit: number },
) =>
  (
    await rowsOf<{ id: string }>(
      db,
      params.after === null
        ? sql`select id from accounts where workspace_id = ${params.workspaceId}
            order by id limit ${params.limit}`
        : sql`select id from accounts where workspace_id = ${params.workspaceId}
            and id > ${params.after}::uuid order by id limit ${params.limit}`,
    )
  ).map((r) => r.id);

export const findHealthScore = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; day: string },
) => {
  const [row] = await db
    .select()
    .from(healthScores)
    .where(
      and(
        eq(healthScores.workspaceId, params.workspaceId),
        eq(healthScores.accountId, params.accountId),
        eq(healthScores.day, params.day),
      ),
    );
  return row;
};

export const findHealthHistory = (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; after: string; to: string },
) =>
  db
    .select({ day: healthScores.day, score: healthScores.score, band: healthScores.band })
    .from(healthScores)
    .where(
      and(
        eq(healthScores.workspaceId, params.workspaceId),
        eq(healthScores.accountId, params.accountId),
        gt(healthScores.day, params.after),
        lte(healthScores.day, params.to),
      ),
    )
    .orderBy(desc(healthScores.day));

/** The latest score of an account on or before a day. */
export const findLatestHealthScore = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; onOrBefore: string },
) => {
  const [row] = await db
    .select()
    .from(healthScores)
    .where(
      and(
        eq(healthScores.workspaceId, params.workspaceId),
        eq(healthScores.accountId, params.accountId),
        lte(healthScores.day, params.onOrBefore),
      ),
    )
    .orderBy(desc(healthScores.day))
    .limit(1);
  return row;
};
