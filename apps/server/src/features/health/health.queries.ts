import type { DailyRollup, HealthBand } from "@michi/core";
import { and, desc, eq, gt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { healthScores, type StoredHealthMeasure } from "../../db/schema";

const rowsOf = async <T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** Rollups of many accounts in one statement, with each account's last day seen up to `to`. */
export const findRollupsOfAccounts = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[]; from: string; to: string },
) => {
  const ids = sql.param([...params.accountIds]);
  const [rollups, lastSeen] = await Promise.all([
    rowsOf<DailyRollup & { accountId: string }>(
      db,
      sql`select account_id as "accountId", to_char(day, 'YYYY-MM-DD') as day,
        event_counts as "eventCounts", active_user_ids as "activeUserIds"
      from usage_daily_rollups
      where workspace_id = ${params.workspaceId} and account_id = any(${ids}::uuid[])
        and day between ${params.from}::date and ${params.to}::date`,
    ),
    rowsOf<{ accountId: string; day: string }>(
      db,
      sql`select account_id as "accountId", to_char(max(day), 'YYYY-MM-DD') as day
      from usage_daily_rollups
      where workspace_id = ${params.workspaceId} and account_id = any(${ids}::uuid[])
        and day <= ${params.to}::date
      group by account_id`,
    ),
  ]);
  return { rollups, lastSeen };
};

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
