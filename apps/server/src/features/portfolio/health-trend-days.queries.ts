import { addCalendarDays } from "@michi/core";
import { type SQL, sql } from "drizzle-orm";
import { type Db, type DbOrTx, rowsOf } from "../../db/client";
import type { HealthTrendGroup } from "../../db/schema";
import { accountConditions, type PortfolioFilter } from "./portfolio.queries";

/*
 * The portfolio's health trend from health_trend_days (decision 0021): a past
 * day's scores counted per (owner, segment, touch model) of the current
 * accounts, written once and read many times, so a 90-day trend reads 90 rows
 * instead of every score of the window (900,000 at 10,000 accounts).
 *
 * A day is written only while its writer holds the workspace's trend lock
 * exclusively, and everything that changes what a day counts (a score of the
 * day: forgetHealthTrendDay; an account's owner, segment, touch model, churn
 * or deletion: the trigger of migration 0020) takes it shared before dropping
 * the day. So a day is never written from rows a transaction is changing.
 */

/** The advisory lock space (two-int form) of trend days: (727003, hashtext(workspace id)). */
const TREND_LOCK_CLASS = 727_003;

/** The days from `from` to `to` (YYYY-MM-DD, inclusive). */
const daysBetween = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) days.push(day);
  return days;
};

/**
 * Drops a workspace's trend day before a score of that day is written; must
 * run in the writing transaction, before the write (the lock is the
 * transaction's, and a later statement sees a day written meanwhile).
 */
export const forgetHealthTrendDay = async (
  tx: DbOrTx,
  params: { workspaceId: string; day: string },
) => {
  await tx.execute(
    sql`select pg_advisory_xact_lock_shared(${TREND_LOCK_CLASS}, hashtext(${params.workspaceId}))`,
  );
  await tx.execute(sql`delete from health_trend_days
    where workspace_id = ${params.workspaceId} and day = ${params.day}::date`);
};

/**
 * Per day from `from` to `to` and (owner, segment, touch model) of the
 * filtered accounts, the day's scores by band: one pass over the window's
 * scores. Joined to accounts itself, not a CTE: a CTE's row count is unknown
 * to the planner, which then probes the index per account instead of one scan.
 */
const trendGroupsSql = (filter: PortfolioFilter & { from: string; to: string }): SQL => sql`
  select h.day, a.owner_user_id, a.segment, a.touch_model,
    count(*) filter (where h.band = 'red')::int as red,
    count(*) filter (where h.band = 'yellow')::int as yellow,
    count(*) filter (where h.band = 'green')::int as green,
    coalesce(sum(h.score), 0)::float8 as score_sum,
    count(h.score)::int as scored
  from health_scores h join accounts a on a.id = h.account_id and ${accountConditions(filter)}
  where h.workspace_id = ${filter.workspaceId}
    and h.day >= ${filter.from}::date and h.day <= ${filter.to}::date
  group by h.day, a.owner_user_id, a.segment, a.touch_model`;

/** Trend days of the window not written yet. */
const findUnwrittenDays = async (
  db: DbOrTx,
  params: { workspaceId: string; from: string; to: string },
) => {
  const written = await rowsOf<{ day: string }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day from health_trend_days
    where workspace_id = ${params.workspaceId}
      and day >= ${params.from}::date and day <= ${params.to}::date`,
  );
  const have = new Set(written.map((row) => row.day));
  return daysBetween(params.from, params.to).filter((day) => !have.has(day));
};

/**
 * Writes the trend days from `from` to `to` not written yet (all before
 * today: today's scores still change). Skipped, with false, while a
 * transaction changing what they count holds the lock: the caller counts
 * those days from the scores instead.
 */
export const writeHealthTrendDays = async (
  db: Db,
  params: { workspaceId: string; from: string; to: string },
  /** The days of the window known to be missing (the caller read them); read here when absent. */
  known?: readonly string[],
): Promise<boolean> => {
  const unwritten = known ?? (await findUnwrittenDays(db, params));
  if (unwritten.length === 0) return true;
  return db.transaction(async (tx) => {
    const [lock] = await rowsOf<{ ok: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${TREND_LOCK_CLASS}, hashtext(${params.workspaceId})) as ok`,
    );
    if (!lock?.ok) return false;
    // A later statement than the lock: it sees every change committed before it.
    const from = unwritten[0]!;
    const to = unwritten.at(-1)!;
    await tx.execute(sql`insert into health_trend_days (workspace_id, day, groups)
      select ${params.workspaceId}, d.day,
        coalesce(json_agg(json_build_array(g.owner_user_id, g.segment, g.touch_model,
          g.red, g.yellow, g.green, g.score_sum, g.scored)) filter (where g.day is not null), '[]')
      from unnest(${sql.param(unwritten)}::date[]) as d(day)
        left join (${trendGroupsSql({ workspaceId: params.workspaceId, from, to })}) g
          on g.day = d.day
      group by d.day
      on conflict (workspace_id, day) do nothing`);
    return true;
  });
};

export type TrendDay = {
  day: string;
  red: number;
  yellow: number;
  green: number;
  scoreSum: number;
  scored: number;
};

/** Pure: a day's groups summed over those the filter keeps. */
export const sumTrendGroups = (
  day: string,
  groups: readonly HealthTrendGroup[],
  filter: Omit<PortfolioFilter, "workspaceId">,
): TrendDay => {
  const total: TrendDay = { day, red: 0, yellow: 0, green: 0, scoreSum: 0, scored: 0 };
  for (const [owner, segment, touchModel, red, yellow, green, scoreSum, scored] of groups) {
    if (filter.ownerUserId && owner !== filter.ownerUserId) continue;
    if (filter.segment && segment !== filter.segment) continue;
    if (filter.touchModel && touchModel !== filter.touchModel) continue;
    total.red += red;
    total.yellow += yellow;
    total.green += green;
    total.scoreSum += scoreSum;
    total.scored += scored;
  }
  return total;
};

/**
 * The filtered accounts' scores by band per day from `from` to `to` (days
 * before today): written days as stored, the others (written first when the
 * lock is free) counted from the scores.
 */
export const findHealthTrendDays = async (
  db: Db,
  filter: PortfolioFilter & { from: string; to: string },
): Promise<TrendDay[]> => {
  const { workspaceId, from, to } = filter;
  if (from > to) return [];
  const readStored = (days: { from: string; to: string }) =>
    rowsOf<{ day: string; groups: HealthTrendGroup[] }>(
      db,
      sql`select to_char(day, 'YYYY-MM-DD') as day, groups from health_trend_days
      where workspace_id = ${workspaceId} and day >= ${days.from}::date and day <= ${days.to}::date`,
    );
  const byDay = new Map<string, TrendDay>();
  const keep = (rows: { day: string; groups: HealthTrendGroup[] }[]) => {
    for (const row of rows) byDay.set(row.day, sumTrendGroups(row.day, row.groups, filter));
  };
  // Stored days first: when all are there (every read after the first), one statement.
  keep(await readStored({ from, to }));
  let unwritten = daysBetween(from, to).filter((day) => !byDay.has(day));
  if (unwritten.length > 0) {
    const missing = { from: unwritten[0]!, to: unwritten.at(-1)! };
    if (await writeHealthTrendDays(db, { workspaceId, ...missing }, unwritten)) {
      keep((await readStored(missing)).filter((row) => !byDay.has(row.day)));
      unwritten = unwritten.filter((day) => !byDay.has(day));
    }
  }
  if (unwritten.length > 0) {
    const counted = await rowsOf<{
      day: string;
      red: number;
      yellow: number;
      green: number;
      scoreSum: number;
      scored: number;
    }>(
      db,
      sql`select to_char(g.day, 'YYYY-MM-DD') as day, sum(g.red)::int as red,
        sum(g.yellow)::int as yellow, sum(g.green)::int as green,
        sum(g.score_sum)::float8 as "scoreSum", sum(g.scored)::int as scored
      from (${trendGroupsSql({ ...filter, from: unwritten[0]!, to: unwritten.at(-1)! })}) g
      group by g.day`,
    );
    const countedByDay = new Map(counted.map((row) => [row.day, row]));
    for (const day of unwritten) {
      byDay.set(day, countedByDay.get(day) ?? sumTrendGroups(day, [], filter));
    }
  }
  return daysBetween(from, to).map((day) => byDay.get(day)!);
};
