import type { HealthBand, TouchModel } from "@michi/core";
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { StoredHealthMeasure } from "../../db/schema";

/*
 * The portfolio's aggregates, each one statement over the filtered accounts
 * (the `acc` CTE). Everything is grouped in the database: what comes back is
 * a few rows per phase, product, touch model or day, never per account
 * (except the at-risk list, which is limited).
 */

const rowsOf = async <T>(db: DbOrTx, query: SQL): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

export type PortfolioFilter = {
  workspaceId: string;
  ownerUserId?: string | undefined;
  segment?: string | undefined;
  touchModel?: TouchModel | undefined;
};

/** The filtered accounts as a CTE named acc (id, name, owner_user_id, touch_model, created_at). */
const accCte = (filter: PortfolioFilter) => {
  const where = [sql`a.workspace_id = ${filter.workspaceId}`];
  if (filter.ownerUserId) where.push(sql`a.owner_user_id = ${filter.ownerUserId}`);
  if (filter.segment) where.push(sql`a.segment = ${filter.segment}`);
  if (filter.touchModel) where.push(sql`a.touch_model = ${filter.touchModel}`);
  return sql`acc as (
    select a.id, a.name, a.owner_user_id, a.touch_model, a.created_at
    from accounts a where ${sql.join(where, sql` and `)})`;
};

/** Each account's current phase: its open stay, or the first phase when it has no row. */
const currentPhaseCte = (filter: PortfolioFilter, firstPhase: string) => sql`cur as (
    select acc.id, acc.touch_model, coalesce(p.phase_key, ${firstPhase}) as phase_key
    from acc left join account_phases p
      on p.workspace_id = ${filter.workspaceId} and p.account_id = acc.id and p.until is null)`;

export type SpreadRow = { touchModel: TouchModel | null; phaseKey: string; accounts: number };
export type SpreadMoneyRow = {
  touchModel: TouchModel | null;
  phaseKey: string;
  currency: string;
  minor: number;
};

/** Accounts per (touch model, current phase): totals, the funnel and the touch-model spread add up from these. */
export const countAccountsByTouchModelAndPhase = (
  db: DbOrTx,
  filter: PortfolioFilter & { firstPhase: string },
) =>
  rowsOf<SpreadRow>(
    db,
    sql`with ${accCte(filter)}, ${currentPhaseCte(filter, filter.firstPhase)}
    select touch_model as "touchModel", phase_key as "phaseKey", count(*)::int as accounts
    from cur group by 1, 2`,
  );

/** MRR of active contracts per (touch model, current phase, currency), in minor units. */
export const sumMrrByTouchModelAndPhase = (
  db: DbOrTx,
  filter: PortfolioFilter & { firstPhase: string },
) =>
  rowsOf<SpreadMoneyRow>(
    db,
    sql`with ${accCte(filter)}, ${currentPhaseCte(filter, filter.firstPhase)}
    select cur.touch_model as "touchModel", cur.phase_key as "phaseKey", c.currency,
      sum(c.mrr_minor)::float8 as minor
    from cur join contracts c
      on c.workspace_id = ${filter.workspaceId} and c.account_id = cur.id and c.status = 'active'
    group by 1, 2, 3`,
  );

export type PhaseTimeRow = { phaseKey: string; medianDays: number | null; completedStays: number };

/**
 * Median whole days of completed stays per phase (a stay still open has not
 * shown how long it takes). Days are counted between the UTC calendar days
 * like core's phaseStays, and percentile_cont(0.5) is core's median (the mean
 * of the two middle values), so this equals medianTimeInPhase over the same
 * histories without loading them.
 */
export const findMedianTimeInPhase = (db: DbOrTx, filter: PortfolioFilter) =>
  rowsOf<PhaseTimeRow>(
    db,
    sql`with ${accCte(filter)}
    select p.phase_key as "phaseKey", count(*)::int as "completedStays",
      percentile_cont(0.5) within group (order by
        (p.until at time zone 'UTC')::date - (p.since at time zone 'UTC')::date)::float8
        as "medianDays"
    from account_phases p join acc on acc.id = p.account_id
    where p.workspace_id = ${filter.workspaceId} and p.until is not null
    group by 1`,
  );

export type MaturityRow = { product: string; level: number; accounts: number };

/** Accounts per (product, current level) among accounts with a current row; the rest are level 0. */
export const countMaturityLevels = (db: DbOrTx, filter: PortfolioFilter) =>
  rowsOf<MaturityRow>(
    db,
    sql`with ${accCte(filter)}
    select m.product, m.level, count(*)::int as accounts
    from account_maturity_levels m join acc on acc.id = m.account_id
    where m.workspace_id = ${filter.workspaceId} and m.until is null
    group by 1, 2`,
  );

export type TrendRow = {
  day: string;
  red: number;
  yellow: number;
  green: number;
  /** Accounts created by the day (UTC). */
  existing: number;
  scoreSum: number | null;
  scored: number;
};

/**
 * Per day from `from` to `to`, every account's latest score on or before
 * that day, counted by band. A score holds from its day until the account's
 * next row, so a day without a recompute carries the last one forward.
 * Each row is a span [starts, ends), found per account from the primary
 * key's (account_id, day) order (no sort of the whole window); spans are
 * grouped by (starts, ends, band) — a few hundred groups however many
 * accounts — and each group adds at its start and subtracts at its end; a
 * running sum over the days gives the counts. The rows read are the
 * window's plus the one in force at `from`.
 */
export const healthTrendSql = (filter: PortfolioFilter & { from: string; to: string }) => {
  const { workspaceId, from, to } = filter;
  return sql`with ${accCte(filter)},
    spans as (
      select s.starts, s.ends, s.band, s.score
      from acc cross join lateral (
        select greatest(r.day, ${from}::date) as starts,
          lead(r.day) over (order by r.day) as ends, r.band, r.score
        from health_scores r
        where r.workspace_id = ${workspaceId} and r.account_id = acc.id and r.day <= ${to}::date
          and r.day >= coalesce((
            select max(p.day) from health_scores p
            where p.workspace_id = ${workspaceId} and p.account_id = acc.id
              and p.day <= ${from}::date), ${from}::date)
      ) s
    ),
    per_day as (
      select e.d,
        sum(e.sign) filter (where band = 'red') as red,
        sum(e.sign) filter (where band = 'yellow') as yellow,
        sum(e.sign) filter (where band = 'green') as green,
        sum(e.sign * score) as score_sum,
        sum(e.sign) filter (where score is not null) as scored
      from spans cross join lateral (values (starts, 1), (ends, -1)) as e(d, sign)
      where e.d is not null
      group by e.d
    ),
    created as (
      select greatest((created_at at time zone 'UTC')::date, ${from}::date) as d, count(*) as n
      from acc group by 1
    ),
    days as (
      select g::date as d from generate_series(${from}::date, ${to}::date, interval '1 day') g
    )
    select to_char(days.d, 'YYYY-MM-DD') as day,
      coalesce(sum(per_day.red) over w, 0)::int as red,
      coalesce(sum(per_day.yellow) over w, 0)::int as yellow,
      coalesce(sum(per_day.green) over w, 0)::int as green,
      coalesce(sum(created.n) over w, 0)::int as existing,
      (sum(per_day.score_sum) over w)::float8 as "scoreSum",
      coalesce(sum(per_day.scored) over w, 0)::int as scored
    from days
      left join per_day on per_day.d = days.d
      left join created on created.d = days.d
    window w as (order by days.d)
    order by days.d`;
};

export const findHealthTrend = (
  db: DbOrTx,
  filter: PortfolioFilter & { from: string; to: string },
) => rowsOf<TrendRow>(db, healthTrendSql(filter));

export type AtRiskRow = {
  accountId: string;
  name: string;
  ownerUserId: string | null;
  ownerName: string | null;
  score: number | null;
  band: HealthBand | null;
  change: number | null;
  measures: StoredHealthMeasure[];
  previousMeasures: StoredHealthMeasure[] | null;
};

/**
 * Accounts whose latest score (on or before `to`) is red, or lower than the
 * latest on or before `before`: red first, then the steepest fall, then the
 * lowest score. Only the `limit` chosen rows carry their measures.
 */
export const atRiskSql = (
  filter: PortfolioFilter & { to: string; before: string; limit: number },
) => {
  const { workspaceId, to, before, limit } = filter;
  return sql`with ${accCte(filter)},
    latest as (
      select acc.id, acc.name, acc.owner_user_id, h.day, h.score, h.band
      from acc cross join lateral (
        select day, score, band from health_scores h
        where h.workspace_id = ${workspaceId} and h.account_id = acc.id and h.day <= ${to}::date
        order by h.day desc limit 1) h
    ),
    compared as (
      select latest.*, p.day as previous_day, latest.score - p.score as change
      from latest left join lateral (
        select day, score from health_scores h
        where h.workspace_id = ${workspaceId} and h.account_id = latest.id
          and h.day <= ${before}::date
        order by h.day desc limit 1) p on true
    ),
    chosen as (
      select * from compared
      where band = 'red' or change < 0
      order by coalesce(band = 'red', false) desc, change asc nulls last, score asc nulls last, name, id
      limit ${limit}
    )
    select c.id as "accountId", c.name, c.owner_user_id as "ownerUserId", u.name as "ownerName",
      c.score, c.band, c.change, cm.measures, pm.measures as "previousMeasures"
    from chosen c
      join health_scores cm
        on cm.workspace_id = ${workspaceId} and cm.account_id = c.id and cm.day = c.day
      left join health_scores pm
        on pm.workspace_id = ${workspaceId} and pm.account_id = c.id and pm.day = c.previous_day
      left join users u on u.id = c.owner_user_id
    order by coalesce(c.band = 'red', false) desc, c.change asc nulls last, c.score asc nulls last, c.name, c.id`;
};

export const findAtRiskAccounts = (
  db: DbOrTx,
  filter: PortfolioFilter & { to: string; before: string; limit: number },
) => rowsOf<AtRiskRow>(db, atRiskSql(filter));

/** The workspace's segments in use, for the filter's choices. */
export const findSegments = async (db: DbOrTx, workspaceId: string) =>
  (
    await rowsOf<{ segment: string }>(
      db,
      sql`select distinct segment from accounts
      where workspace_id = ${workspaceId} and segment is not null order by segment limit 500`,
    )
  ).map((row) => row.segment);
