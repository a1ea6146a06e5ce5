/**
 * Backfill and backtest: 180 days of daily health scores for 10,000 accounts (issue 14),
 * timed against the plain SQL aggregate over the same rows: the rollup rows
 * each day's score reads (the 60 days up to it, both 30-day windows), for
 * every day backfilled, as one statement. The single pass over all rows read
 * (each row once) is printed beside it.
 *
 * The data are daily rollups written directly (the backfill reads nothing
 * else): accounts of 1–8 users active on most weekdays, five event names.
 */
import { addCalendarDays } from "@michi/core";
import { sql } from "drizzle-orm";
import type { Database, Db } from "../apps/server/src/db/client";
import { backtestScorecard } from "../apps/server/src/features/health-lab/health-lab.service";
import { backfillHealth } from "../apps/server/src/recompute";
import { fork } from "../apps/server/src/seed/random";
import { generateBenchAccounts } from "./generate";
import { freshWorkspace, log, machineLine, results, rowsOf, SEED } from "./shared";

/** The last backfilled day; every day before it has its 60 days of rows. */
const TO = "2026-10-31";
const EVENTS = ["page_viewed", "document_created", "document_sent", "comment_added", "login"];

/** An account's rollup rows as arrays for one unnest insert. */
type Columns = { account: string[]; day: string[]; counts: string[]; users: string[] };

const generateRollups = (accountIds: readonly string[], from: string, to: string) => {
  const columns: Columns = { account: [], day: [], counts: [], users: [] };
  const days: string[] = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) days.push(day);
  accountIds.forEach((accountId, a) => {
    const random = fork(SEED, a);
    const users = 1 + Math.floor(random() * 8);
    const activity = 0.3 + random() * 0.6;
    for (const day of days) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (random() >= activity * (weekday === 0 || weekday === 6 ? 0.2 : 1)) continue;
      const active = Array.from({ length: users }, (_, u) => `u${u}`).filter(() => random() < 0.6);
      if (active.length === 0) continue;
      const counts: Record<string, number> = {};
      for (const name of EVENTS) {
        const n = Math.floor(random() * 4 * active.length);
        if (n > 0) counts[name] = n;
      }
      columns.account.push(accountId);
      columns.day.push(day);
      columns.counts.push(JSON.stringify(counts));
      columns.users.push(`{${active.join(",")}}`);
    }
  });
  return columns;
};

const insertRollups = async (db: Db, workspaceId: string, columns: Columns) => {
  const CHUNK = 5_000;
  for (let i = 0; i < columns.account.length; i += CHUNK) {
    const slice = (list: string[]) => sql.param(list.slice(i, i + CHUNK));
    await db.execute(sql`insert into usage_daily_rollups
        (workspace_id, account_id, day, event_counts, active_user_ids)
      select ${workspaceId}, a, d, c::jsonb, u::text[]
      from unnest(${slice(columns.account)}::uuid[], ${slice(columns.day)}::date[],
        ${slice(columns.counts)}::text[], ${slice(columns.users)}::text[]) as x(a, d, c, u)`);
  }
};

/** The plain aggregate of each day's 60 rows per account, for every day: one statement. */
const perDayAggregate = async (db: Db, workspaceId: string, from: string, to: string) => {
  const started = performance.now();
  const rows = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
      select d.day, r.account_id, count(distinct r.day) as days,
        sum(c.n) filter (where x.ord is null or x.ord = 1) as events,
        count(distinct x.id) as users
      from generate_series(${from}::date, ${to}::date, interval '1 day') as d(day)
      join usage_daily_rollups r on r.workspace_id = ${workspaceId}
        and r.day > d.day::date - 60 and r.day <= d.day::date
      cross join lateral (
        select coalesce(sum(value::bigint), 0) as n from jsonb_each_text(r.event_counts)
      ) c
      left join lateral unnest(r.active_user_ids) with ordinality as x(id, ord) on true
      group by d.day, r.account_id) per_day`,
  );
  return { seconds: (performance.now() - started) / 1000, groups: rows[0]?.n ?? 0 };
};

/** The same aggregate once over every row read (each row once). */
const singlePass = async (db: Db, workspaceId: string, from: string, to: string) => {
  const started = performance.now();
  await rowsOf(
    db,
    sql`select r.account_id, count(distinct r.day) as days,
      sum(c.n) filter (where x.ord is null or x.ord = 1) as events, count(distinct x.id) as users
    from usage_daily_rollups r
    cross join lateral (
      select coalesce(sum(value::bigint), 0) as n from jsonb_each_text(r.event_counts)
    ) c
    left join lateral unnest(r.active_user_ids) with ordinality as x(id, ord) on true
    where r.workspace_id = ${workspaceId} and r.day > ${from}::date - 60 and r.day <= ${to}::date
    group by r.account_id`,
  );
  return (performance.now() - started) / 1000;
};

export const benchBackfill = async (
  label: string,
  database: Database,
  params: { accounts: number; days: number },
) => {
  const { db } = database;
  const from = addCalendarDays(TO, -(params.days - 1));
  log(`backfill ${label}: ${params.accounts} accounts, ${params.days} days; ${machineLine()}`);
  const { workspaceId, accountIds } = await freshWorkspace(db, {
    slug: `bench-backfill-${crypto.randomUUID().slice(0, 8)}`,
    name: "Bench backfill",
    accounts: generateBenchAccounts({ seed: SEED, events: 0, accounts: params.accounts }),
  });
  const loadStarted = performance.now();
  const columns = generateRollups([...accountIds.values()], addCalendarDays(from, -59), TO);
  await insertRollups(db, workspaceId, columns);
  await db.execute(sql`analyze usage_daily_rollups`);
  await db.execute(sql`analyze accounts`);
  log(
    `backfill ${label}: ${columns.account.length.toLocaleString("en-US")} rollup rows in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`,
  );
  // Warm the cache for all: the aggregate reads the same rows.
  await singlePass(db, workspaceId, from, TO);
  const started = performance.now();
  const done = await backfillHealth(db, { workspaceId, from, to: TO });
  const seconds = (performance.now() - started) / 1000;
  const plain = await perDayAggregate(db, workspaceId, from, TO);
  const once = await singlePass(db, workspaceId, from, TO);
  const size = `${params.accounts.toLocaleString("en-US")} accounts × ${params.days} days, ${columns.account.length.toLocaleString("en-US")} rollup rows`;
  log(
    `backfill ${label}: ${done.scores.toLocaleString("en-US")} scores in ${seconds.toFixed(1)} s; plain aggregate per day ${plain.seconds.toFixed(1)} s (${plain.groups.toLocaleString("en-US")} account-days); single pass ${once.toFixed(2)} s`,
  );
  // A backtest of core's default over the same days, every 14 (no account churns in these
  // data: the time is the walk's, the AUC is not asked for).
  const backtestStarted = performance.now();
  const backtest = await backtestScorecard(
    db,
    { kind: "system", workspaceId, role: "admin" },
    { scorecard: "default", from, to: TO, everyDays: 14, horizonDays: 30 },
  );
  const backtestSeconds = (performance.now() - backtestStarted) / 1000;
  log(
    `backfill ${label}: backtest of ${backtest.days.length} days, ${backtest.observations.toLocaleString("en-US")} observations in ${backtestSeconds.toFixed(1)} s`,
  );
  results.push({
    part: "backfill",
    database: label,
    what: `POST /health/backtest, every 14 days (${size})`,
    figure: `${backtestSeconds.toFixed(1)} s`,
    note: `${backtest.observations.toLocaleString("en-US")} observations on ${backtest.days.length} days`,
  });
  results.push({
    part: "backfill",
    database: label,
    what: `backfillHealth, every day (${size})`,
    figure: `${seconds.toFixed(1)} s`,
    note: `${(seconds / plain.seconds).toFixed(2)}× the plain aggregate of each day's rows (${plain.seconds.toFixed(1)} s); ${done.scores.toLocaleString("en-US")} scores written; one pass over all rows ${once.toFixed(2)} s`,
  });
};
