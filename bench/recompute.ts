/**
 * Full recompute: accounts with 30 days of generated events (COPY), daily
 * rollups derived from them in one INSERT … SELECT … GROUP BY (the shape the
 * ingest writes), then recomputeAllAccounts timed against the one plain SQL
 * aggregate that reads the same rollup rows. The recompute's time is split
 * into SQL reads, SQL writes and the rest (JavaScript) by timing every
 * statement the driver runs.
 *
 * On PostgreSQL a complete data set of an earlier run (same seed and sizes)
 * is reused: loading 10 million events takes minutes (BENCH_RELOAD=1 loads again).
 */
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import type { Database, Db } from "../apps/server/src/db/client";
import { recomputeAllAccounts } from "../apps/server/src/recompute";
import { BENCH_DAYS, generateBenchAccounts, generateBenchEvents } from "./generate";
import {
  clientOf,
  copyChunks,
  copyPglite,
  copyPostgres,
  freshWorkspace,
  log,
  machineLine,
  positiveInt,
  results,
  rowsOf,
  SEED,
} from "./shared";

/** The health day of the recompute: the last day of the data. */
export const AT = new Date(`${BENCH_DAYS.until}T00:00:00.000Z`);
AT.setUTCMinutes(-60);
export const AS_OF = AT.toISOString().slice(0, 10);
/** What the recompute reads: twice the 30-day window (the change metrics compare both). */
const READ_FROM = new Date(Date.parse(AS_OF) - 59 * 86_400_000).toISOString().slice(0, 10);

const slugOf = (accounts: number, perAccount: number) =>
  `bench-rc-${accounts}-${perAccount}-${SEED}`;

const findWorkspace = async (db: Db, slug: string) =>
  (await rowsOf<{ id: string }>(db, sql`select id from workspaces where slug = ${slug}`))[0]?.id;

/** Rows of runs that stopped while loading: removed before loading again. */
const dropUnfinished = async (db: Db, slug: string) => {
  const stale = await rowsOf<{ id: string }>(
    db,
    sql`select id from workspaces where slug like ${`${slug}-loading-%`}`,
  );
  for (const { id } of stale) {
    log(`recompute: removing an unfinished load (${id})`);
    for (const table of ["usage_events", "usage_daily_rollups", "usage_dirty_accounts"]) {
      await db.execute(sql`delete from ${sql.identifier(table)} where workspace_id = ${id}`);
    }
    await db.execute(sql`update workspaces set slug = ${`${slug}-removed-${id}`} where id = ${id}`);
  }
};

/**
 * The raw events go to an unlogged table without indexes, and the rollups
 * are derived from it: 10 million rows COPYed into usage_events, whose
 * primary key and account index take random inserts, took over 40 minutes
 * on the shared 2-core machine. The recompute reads only the rollups.
 */
const STAGE = "bench_usage_events_stage";

const createStage = async (db: Db) => {
  await db.execute(sql.raw(`drop table if exists ${STAGE}`));
  await db.execute(sql.raw(`create unlogged table ${STAGE} (like usage_events)`));
};

const deriveRollups = (db: Db, workspaceId: string) =>
  db.execute(sql`insert into usage_daily_rollups
      (workspace_id, account_id, day, event_counts, active_user_ids)
    with named as (
      select account_id, ("timestamp" at time zone 'UTC')::date as day, event, count(*) as n
      from ${sql.identifier(STAGE)}
      where workspace_id = ${workspaceId} and account_id is not null and type = 't'
        and event is not null
      group by 1, 2, 3
    ), counts as (
      select account_id, day, jsonb_object_agg(event, n) as event_counts from named group by 1, 2
    ), users as (
      select account_id, ("timestamp" at time zone 'UTC')::date as day,
        array_agg(distinct user_id order by user_id) as active_user_ids
      from ${sql.identifier(STAGE)}
      where workspace_id = ${workspaceId} and account_id is not null and user_id is not null
        and type in ('t', 'p', 's')
      group by 1, 2
    )
    select ${workspaceId}, account_id, day, coalesce(event_counts, '{}'::jsonb),
      coalesce(active_user_ids, '{}'::text[])
    from counts full join users using (account_id, day)`);

/** Loads (or finds) the data set; returns its workspace. */
export const prepareRecomputeData = async (
  database: Database,
  params: { accounts: number; perAccount: number; reuse: boolean },
) => {
  const { db } = database;
  const slug = slugOf(params.accounts, params.perAccount);
  const events = params.accounts * params.perAccount;
  if (params.reuse) {
    const existing = await findWorkspace(db, slug);
    if (existing) {
      log(`recompute ${params.accounts}: reusing the data of an earlier run (${slug})`);
      return { workspaceId: existing, events, loadSeconds: null };
    }
    await dropUnfinished(db, slug);
  }
  const started = performance.now();
  const generated = { seed: SEED, events, accounts: params.accounts };
  const suffix = crypto.randomUUID().slice(0, 8);
  const { workspaceId, accountIds } = await freshWorkspace(db, {
    slug: `${slug}-loading-${suffix}`,
    name: `Bench recompute ${params.accounts}`,
    accounts: generateBenchAccounts(generated),
  });
  log(
    `recompute ${params.accounts}: loading ${events.toLocaleString("en-US")} events by COPY (unlogged stage)`,
  );
  const chunks = copyChunks(
    generateBenchEvents(generated),
    workspaceId,
    accountIds,
    database.kind === "postgres" ? 5_000 : 20_000,
  );
  await createStage(db);
  if (database.kind === "postgres") await copyPostgres(db, chunks, STAGE);
  else await copyPglite(db, chunks, STAGE);
  log(`recompute ${params.accounts}: deriving daily rollups`);
  await deriveRollups(db, workspaceId);
  await db.execute(sql.raw(`drop table ${STAGE}`));
  await db.execute(sql`analyze usage_daily_rollups`);
  await db.execute(sql`analyze accounts`);
  await db.execute(sql`update workspaces set slug = ${slug} where id = ${workspaceId}`);
  const loadSeconds = (performance.now() - started) / 1000;
  log(`recompute ${params.accounts}: loaded in ${loadSeconds.toFixed(0)} s`);
  return { workspaceId, events, loadSeconds };
};

/** The one plain aggregate over the same rollup rows: days, events, distinct users per account. */
const plainAggregate = async (db: Db, workspaceId: string) => {
  const started = performance.now();
  const rows = await rowsOf<{ account_id: string }>(
    db,
    sql`select r.account_id, count(distinct r.day) as days,
      sum(c.n) filter (where x.ord is null or x.ord = 1) as events,
      count(distinct x.id) as users
    from usage_daily_rollups r
    cross join lateral (
      select coalesce(sum(value::bigint), 0) as n from jsonb_each_text(r.event_counts)
    ) c
    left join lateral unnest(r.active_user_ids) with ordinality as x(id, ord) on true
    where r.workspace_id = ${workspaceId} and r.day between ${READ_FROM}::date and ${AS_OF}::date
    group by r.account_id`,
  );
  return { seconds: (performance.now() - started) / 1000, accounts: rows.length };
};

type Kind = "read" | "write" | "other";

const kindOf = (text: string): Kind => {
  const head = text.trimStart().slice(0, 12).toLowerCase();
  // A full recompute's cursor (fetch) reads the window totals.
  if (/^(select|fetch|declare)/.test(head)) return "read";
  if (/^(insert|update|delete)/.test(head)) return "write";
  if (head.startsWith("with")) {
    return /\b(insert into|update|delete from)\b/i.test(text) ? "write" : "read";
  }
  return "other";
};

/**
 * Wall time during which a statement of each kind was running while `fn`
 * ran (overlapping statements counted once), and the time with none running:
 * JavaScript, or waiting for nothing.
 */
const withStatementTimes = async <T>(database: Database, fn: () => Promise<T>) => {
  const busy = { read: 0, write: 0, other: 0, any: 0 };
  const running = { read: 0, write: 0, other: 0, any: 0 };
  const since = { read: 0, write: 0, other: 0, any: 0 };
  const enter = (kind: Kind, now: number) => {
    for (const k of [kind, "any"] as const) {
      if (running[k]++ === 0) since[k] = now;
    }
  };
  const leave = (kind: Kind, now: number) => {
    for (const k of [kind, "any"] as const) {
      if (--running[k] === 0) busy[k] += now - since[k];
    }
  };
  const timed = <R>(original: (...args: unknown[]) => R) =>
    function (this: unknown, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      const kind = kindOf(typeof first === "string" ? first : (first?.text ?? ""));
      const result = original.apply(this, args);
      if (!(result instanceof Promise)) return result;
      enter(kind, performance.now());
      return result.finally(() => leave(kind, performance.now())) as R;
    };
  const restore: (() => void)[] = [];
  if (database.kind === "postgres") {
    // Pool.query (drizzle's reads) calls Client.query with a callback: not counted twice.
    for (const proto of [pg.Client.prototype, pg.Pool.prototype] as unknown as {
      query: (...args: unknown[]) => unknown;
    }[]) {
      const original = proto.query;
      proto.query = timed(original);
      restore.push(() => {
        proto.query = original;
      });
    }
  } else {
    type Queryable = { query: (...args: unknown[]) => Promise<unknown> };
    const client = clientOf(database.db) as PGlite & Queryable;
    const { query, transaction } = client;
    client.query = timed(query) as never;
    client.transaction = ((inner: (tx: Queryable) => Promise<unknown>) =>
      transaction.call(client, (tx) => {
        const t = tx as unknown as Queryable;
        t.query = timed(t.query) as Queryable["query"];
        return inner(t);
      })) as never;
    restore.push(() => {
      client.query = query;
      client.transaction = transaction;
    });
  }
  const started = performance.now();
  try {
    const value = await fn();
    const total = performance.now() - started;
    return { value, seconds: total / 1000, busy, noSqlMs: Math.max(0, total - busy.any) };
  } finally {
    for (const undo of restore) undo();
  }
};

export const benchRecompute = async (
  label: string,
  database: Database,
  params: { accounts: number; reuse: boolean; perAccount?: number },
) => {
  const perAccount = positiveInt("BENCH_EVENTS_PER_ACCOUNT", params.perAccount ?? 100);
  log(`recompute ${label} ${params.accounts} accounts; ${machineLine()}`);
  const data = await prepareRecomputeData(database, { ...params, perAccount });
  const { db } = database;
  const [rollupRows] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from usage_daily_rollups where workspace_id = ${data.workspaceId}`,
  );
  await plainAggregate(db, data.workspaceId); // warms the cache for both
  // Warm, as a server's daily full recompute runs (the dirty job has run the same code all
  // day); then that day's scores are removed, so the timed run writes every row like the
  // first run of a day does.
  await recomputeAllAccounts(db, { workspaceId: data.workspaceId, at: AT });
  await db.execute(
    sql`delete from health_scores where workspace_id = ${data.workspaceId} and day = ${AS_OF}::date`,
  );
  // The delete is this bench's own doing: a day's first run meets no dead rows of that day,
  // and an autovacuum of these started during the timed run (13–16 s runs a minute apart).
  await db.execute(sql`vacuum health_scores`);
  const run = await withStatementTimes(database, () =>
    recomputeAllAccounts(db, { workspaceId: data.workspaceId, at: AT }),
  );
  const plain = await plainAggregate(db, data.workspaceId);
  // The recompute uses both cores, the plain aggregate one: how much a second core gave at
  // this minute (two plain aggregates at once against one after the other; 2.0 is a whole core).
  let parallelism: string | null = null;
  if (database.kind === "postgres") {
    const started = performance.now();
    await Promise.all([plainAggregate(db, data.workspaceId), plainAggregate(db, data.workspaceId)]);
    const both = (performance.now() - started) / 1000;
    parallelism = `two plain aggregates at once ran ${((2 * plain.seconds) / both).toFixed(2)}× as fast as one after the other`;
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const size = `${params.accounts.toLocaleString("en-US")} accounts, ${data.events.toLocaleString("en-US")} events, ${(rollupRows?.n ?? 0).toLocaleString("en-US")} rollup rows`;
  const split = `SQL reads ${s(run.busy.read)}, writes ${s(run.busy.write)}, other ${s(run.busy.other)}; no statement running (JS) ${s(run.noSqlMs)}`;
  log(
    `recompute ${label} ${params.accounts}: ${run.value} accounts in ${run.seconds.toFixed(1)} s (${split}); plain aggregate ${plain.seconds.toFixed(2)} s over ${plain.accounts} accounts${parallelism ? `; ${parallelism}` : ""}`,
  );
  results.push({
    part: "recompute",
    database: label,
    what: `recomputeAllAccounts (${size})`,
    figure: `${run.seconds.toFixed(1)} s`,
    note: `${(run.seconds / plain.seconds).toFixed(1)}× the plain aggregate; ${split}${data.loadSeconds === null ? "; data reused" : `; load ${data.loadSeconds.toFixed(0)} s`}`,
  });
  results.push({
    part: "recompute",
    database: label,
    what: `plain SQL aggregate over the same rollups (${params.accounts.toLocaleString("en-US")} accounts)`,
    figure: `${plain.seconds.toFixed(2)} s`,
    ...(parallelism ? { note: parallelism } : {}),
  });
};
