import type { HealthBand, TouchModel } from "@michi/core";
import { sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../../db/client";
import type { StoredHealthMeasure } from "../../db/schema";

/*
 * The portfolio's aggregates, each one statement over the filtered accounts
 * (the `acc` CTE). Everything is grouped in the database: what comes back is
 * a few rows per phase, product, touch model or day, never per account
 * (except the at-risk list, which is limited).
 */

export type PortfolioFilter = {
  workspaceId: string;
  ownerUserId?: string | undefined;
  segment?: string | undefined;
  touchModel?: TouchModel | undefined;
};

/** The filter's conditions on accounts aliased `a`. */
export const accountConditions = (filter: PortfolioFilter) => {
  // Churned accounts are former customers: the portfolio is of the current ones.
  const where = [sql`a.workspace_id = ${filter.workspaceId}`, sql`a.churned_on is null`];
  if (filter.ownerUserId) where.push(sql`a.owner_user_id = ${filter.ownerUserId}`);
  if (filter.segment) where.push(sql`a.segment = ${filter.segment}`);
  if (filter.touchModel) where.push(sql`a.touch_model = ${filter.touchModel}`);
  return sql.join(where, sql` and `);
};

/** The filtered accounts as a CTE named acc (id, name, owner_user_id, touch_model, created_at). */
const accCte = (filter: PortfolioFilter) => sql`acc as (
    select a.id, a.name, a.owner_user_id, a.touch_model, a.created_at
    from accounts a where ${accountConditions(filter)})`;

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

export type ExistingRow = { day: string; existing: number };

/** Per day from `from` to `to`, the filtered accounts created by then (UTC). */
export const countExistingAccountsByDay = (
  db: DbOrTx,
  filter: PortfolioFilter & { from: string; to: string },
) =>
  rowsOf<ExistingRow>(
    db,
    sql`with ${accCte(filter)},
    created as (
      select greatest((created_at at time zone 'UTC')::date, ${filter.from}::date) as d, count(*) as n
      from acc group by 1
    ),
    days as (
      select g::date as d
      from generate_series(${filter.from}::date, ${filter.to}::date, interval '1 day') g
    )
    select to_char(days.d, 'YYYY-MM-DD') as day,
      coalesce(sum(created.n) over (order by days.d), 0)::int as existing
    from days left join created on created.d = days.d
    order by days.d`,
  );

export type CurrentHealthRow = {
  red: number;
  yellow: number;
  green: number;
  scoreSum: number | null;
  scored: number;
};

export type AtRiskRow = {
  accountId: string;
  name: string;
  ownerUserId: string | null;
  ownerName: string | null;
  score: number | null;
  band: HealthBand | null;
  change: number | null;
  measures: StoredHealthMeasure[];
  scorecardKey: string | null;
  previousMeasures: StoredHealthMeasure[] | null;
  previousScorecardKey: string | null;
};

/**
 * Health now, from each account's latest score on or before `to` (today:
 * account_health_latest, decision 0024), in one statement: the distribution
 * by band, and the accounts at risk, those whose
 * latest score is red or lower than the latest on or before `before` (red
 * first, then the steepest fall, then the lowest score; only the `limit`
 * chosen carry their measures). The score before is the one of day `before`
 * itself, read in one pass as the daily recompute writes every day; only an
 * account without a score that day is probed for an earlier one. One pass
 * over the latest scores serves both:
 * as two statements each probed every account's scores (98 and 172 ms of the
 * portfolio's 620 at 10,000 accounts on PostgreSQL).
 */
export const healthNowSql = (
  filter: PortfolioFilter & { to: string; before: string; limit: number },
) => {
  const { workspaceId, to, before, limit } = filter;
  const atRiskOrder = sql`coalesce(band = 'red', false) desc, change asc nulls last, score asc nulls last, name, id`;
  return sql`with ${accCte(filter)},
    latest as (
      select acc.id, acc.name, acc.owner_user_id, h.day, h.score, h.band
      from acc join account_health_latest h
        on h.workspace_id = ${workspaceId} and h.account_id = acc.id and h.day <= ${to}::date
    ),
    distribution as (
      select count(*) filter (where band = 'red')::int as red,
        count(*) filter (where band = 'yellow')::int as yellow,
        count(*) filter (where band = 'green')::int as green,
        sum(score)::float8 as "scoreSum", count(score)::int as scored
      from latest
    ),
    compared as (
      select latest.*, coalesce(e.day, p.day) as previous_day,
        latest.score - coalesce(e.score, p.score) as change
      from latest
        left join health_scores e
          on e.workspace_id = ${workspaceId} and e.account_id = latest.id and e.day = ${before}::date
        left join lateral (
          select day, score from health_scores h
          where e.day is null and h.workspace_id = ${workspaceId} and h.account_id = latest.id
            and h.day < ${before}::date
          order by h.day desc limit 1) p on true
    ),
    chosen as (
      select * from compared
      where band = 'red' or change < 0
      order by ${atRiskOrder}
      limit ${limit}
    ),
    at_risk as (
      select c.id, c.name, c.band, c.change, c.score,
        json_build_object('accountId', c.id, 'name', c.name, 'ownerUserId', c.owner_user_id,
          'ownerName', u.name, 'score', c.score, 'band', c.band, 'change', c.change,
          'measures', cm.measures, 'scorecardKey', cm.scorecard_key,
          'previousMeasures', pm.measures, 'previousScorecardKey', pm.scorecard_key) as item
      from chosen c
        join health_scores cm
          on cm.workspace_id = ${workspaceId} and cm.account_id = c.id and cm.day = c.day
        left join health_scores pm
          on pm.workspace_id = ${workspaceId} and pm.account_id = c.id and pm.day = c.previous_day
        left join users u on u.id = c.owner_user_id
    )
    select (select row_to_json(distribution) from distribution) as distribution,
      coalesce((select json_agg(item order by ${atRiskOrder}) from at_risk), '[]'::json)
        as "atRisk"`;
};

export const findHealthNow = async (
  db: DbOrTx,
  filter: PortfolioFilter & { to: string; before: string; limit: number },
) => {
  const [row] = await rowsOf<{ distribution: CurrentHealthRow; atRisk: AtRiskRow[] }>(
    db,
    healthNowSql(filter),
  );
  if (!row) throw new Error("health now: no row");
  return row;
};

/** The workspace's segments in use, for the filter's choices. */
export const findSegments = async (db: DbOrTx, workspaceId: string) =>
  (
    await rowsOf<{ segment: string }>(
      db,
      sql`select distinct segment from accounts
      where workspace_id = ${workspaceId} and segment is not null order by segment limit 500`,
    )
  ).map((row) => row.segment);

export type TaskCountRow = {
  ownerUserId: string | null;
  ownerName: string | null;
  open: number;
  overdue: number;
};

/**
 * Open account tasks (the work queue's) per owner on the filtered accounts,
 * and how many are due before `today` (Japan's day, as the queue counts).
 * Most open first; unowned tasks are the row without an owner.
 */
export const countOpenTasksByOwner = (db: DbOrTx, filter: PortfolioFilter & { today: string }) =>
  rowsOf<TaskCountRow>(
    db,
    sql`select t.owner_user_id as "ownerUserId", u.name as "ownerName", count(*)::int as open,
      (count(*) filter (where t.due_date < ${filter.today}::date))::int as overdue
    from account_tasks t
      join accounts a on a.workspace_id = t.workspace_id and a.id = t.account_id
      left join users u on u.id = t.owner_user_id
    where t.workspace_id = ${filter.workspaceId} and t.status = 'open' and ${accountConditions(filter)}
    group by 1, 2 order by open desc, 2 nulls last, 1`,
  );
