/**
 * `npx tsx bench/portfolio.ts`: GET /api/v1/portfolio over a seeded
 * portfolio (default 10,000 accounts with 90 days of daily health scores,
 * phase stays, maturity rows and contracts), on PGlite and on PostgreSQL.
 * Prints figures; asserts nothing about time. Not part of the test suite.
 *
 * BENCH_DATABASE_URL  PostgreSQL (default .../michi_bench_portfolio; created when
 *                     missing and emptied each run, skipped when unreachable)
 * BENCH_ACCOUNTS      accounts per database (default 10,000)
 * BENCH_RUNS          timed requests per case (default 5)
 * BENCH_ONLY          pglite or postgres: bench one database
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { createApp } from "../apps/server/src/app";
import { type Database, type Db, openDatabase } from "../apps/server/src/db/client";
import { createApiKey } from "../apps/server/src/features/api-keys/api-keys.queries";
import { createAuth } from "../apps/server/src/features/auth/auth";
import { createWorkspace } from "../apps/server/src/features/workspaces/workspaces.service";

const DEFAULT_URL = "postgres://michi:michi@127.0.0.1:5432/michi_bench_portfolio";
const DAYS = 90;
const OWNERS = 20;

const positiveInt = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer: ${raw}`);
  return n;
};

const ACCOUNTS = positiveInt("BENCH_ACCOUNTS", 10_000);
const RUNS = positiveInt("BENCH_RUNS", 5);

type Row = { database: string; case: string; ms: number[]; bytes: number };
const results: Row[] = [];

const time = async <T>(fn: () => Promise<T>) => {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
};

/**
 * Seeds in the database itself (INSERT … SELECT over generate_series), with
 * setseed so both databases get the same portfolio. Scores follow a per-
 * account level and drift with daily noise, so bands move and some accounts
 * fall; four measures whose contributions add up to the score.
 */
const seed = (database: Db, workspaceId: string) =>
  // One transaction: one connection, so setseed and the temporary table hold throughout.
  database.transaction(async (db) => {
    const ws = workspaceId;
    await db.execute(sql`select setseed(0.20261123)`);
    await db.execute(sql`insert into users (id, name, email)
    select ${ws} || '-owner-' || i, 'Owner ' || i, ${ws} || '-owner-' || i || '@bench.test'
    from generate_series(1, ${OWNERS}) i`);
    await db.execute(sql`insert into accounts
      (workspace_id, name, external_id, segment, owner_user_id, touch_model, created_at)
    select ${ws}, 'Account ' || lpad(i::text, 6, '0'), 'acc-' || i,
      (array['enterprise', 'mid-market', 'smb'])[1 + i % 3],
      case when i % 10 = 0 then null else ${ws} || '-owner-' || (1 + i % ${OWNERS}) end,
      (array['high', 'low', 'tech', 'community', null])[1 + i % 5],
      now() - make_interval(days => 100 + i % 400)
    from generate_series(1, ${ACCOUNTS}) i`);
    // Numbered copies of the ids, so the rest can be generated per account number.
    await db.execute(sql`create temporary table bench_ids on commit drop as
    select id, row_number() over (order by external_id) as n, created_at
    from accounts where workspace_id = ${ws}`);
    await db.execute(sql`insert into contracts
      (workspace_id, account_id, product, mrr_minor, currency, start_date, end_date, status)
    select ${ws}, id, 'Michi Cloud', (10000 + floor(random() * 490000))::bigint, 'JPY',
      '2026-01-01', '2026-12-31', case when n % 17 = 0 then 'churned' else 'active' end
    from bench_ids`);
    await db.execute(sql`insert into health_scores
      (workspace_id, account_id, day, score, band, coverage, measures)
    select ${ws}, id, day, score,
      case when score < 50 then 'red' when score < 75 then 'yellow' else 'green' end,
      -- Stored compact: [measure, value, points, weight, contribution] (migration 0009).
      1, json_build_array(
        json_build_array('active-users', c1, c1 * 100 / 40, 0.4, c1),
        json_build_array('key-event', c2 * 3, c2 * 100 / 30, 0.3, c2),
        json_build_array('last-seen', 20 - c3, c3 * 100 / 20, 0.2, c3),
        json_build_array('seat-utilisation', (score - c1 - c2 - c3) * 10,
          (score - c1 - c2 - c3) * 10, 0.1, score - c1 - c2 - c3))
    from (
      select id, day, score,
        least(40, score * 40 / 100) as c1, least(30, score * 30 / 100) as c2,
        least(20, score * 20 / 100) as c3
      from (
        select b.id, ((now() at time zone 'UTC')::date - d) as day,
          greatest(0, least(100, round(
            b.level + b.drift * (${DAYS} - d) + (random() - 0.5) * 10)))::int as score
        from (select id, 30 + random() * 70 as level, (random() - 0.6) * 0.6 as drift
              from bench_ids) b
          cross join generate_series(0, ${DAYS - 1}) d
      ) s
    ) x`);
    // 0 to 4 completed stays, then the current one; every 5th account has no row (first phase).
    const phases = ["proposal", "onboarding", "trial-run", "operation", "utilisation"];
    await db.execute(sql`insert into account_phases
      (workspace_id, account_id, phase_key, since, until, decided_by)
    select ${ws}, id, (${sql.param(phases)}::text[])[j + 1],
      created_at + make_interval(days => j * 20 + (n % 7)::int * j),
      case when j = k then null
        else created_at + make_interval(days => (j + 1) * 20 + (n % 7)::int * (j + 1)) end,
      'user'
    from (select id, n, created_at, (n % 5)::int as k from bench_ids where n % 5 <> 0) a
      cross join lateral generate_series(0, k) j`);
    await db.execute(sql`insert into account_maturity_levels
      (workspace_id, account_id, product, level, since, until)
    select ${ws}, id, 'default', lvl, created_at + make_interval(days => lvl * 15),
      case when lvl = (n % 5)::int then null
        else created_at + make_interval(days => (lvl + 1) * 15) end
    from bench_ids cross join lateral generate_series(1, (n % 5)::int) lvl`);
  });

const benchDatabase = async (label: string, database: Database) => {
  const { db } = database;
  const suffix = crypto.randomUUID().slice(0, 8);
  const workspace = await createWorkspace(db, {
    name: `Bench portfolio ${suffix}`,
    slug: `bench-portfolio-${suffix}`,
  });
  const seeded = await time(() => seed(db, workspace.id));
  // As autovacuum would soon: fresh statistics and visibility map (index-only scans).
  await db.execute(sql`vacuum analyze`);
  const { rows } = (await db.execute(
    sql`select count(*)::int as n from health_scores where workspace_id = ${workspace.id}`,
  )) as unknown as { rows: { n: number }[] };
  console.log(
    `${label}: seeded ${ACCOUNTS.toLocaleString("en-US")} accounts, ${rows[0]?.n.toLocaleString("en-US")} health scores in ${(seeded.ms / 1000).toFixed(1)} s`,
  );

  const auth = createAuth({
    db,
    secret: "bench-secret-bench-secret-bench-secret!",
    baseURL: "http://127.0.0.1:3413",
  });
  const app = createApp({ db, auth, baseURL: "http://127.0.0.1:3413" });
  const { key } = await createApiKey(db, { workspaceId: workspace.id, name: "bench" });
  const headers = { authorization: `Bearer ${key}` };
  const cases = [
    ["all accounts", ""],
    ["touchModel=tech", "?touchModel=tech"],
    ["owner=owner-1", `?owner=${workspace.id}-owner-1`],
    ["segment=smb&lang=en", "?segment=smb&lang=en"],
  ] as const;
  // The latest score and band come from the primary key alone (INCLUDE, migration 0010).
  for (const [name, query] of cases) {
    const request = async () => {
      const res = await app.request(`/api/v1/portfolio${query}`, { headers });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${res.status}: ${text}`);
      return text;
    };
    const first = await time(request); // warms caches and the statement plans
    const ms: number[] = [first.ms];
    for (let i = 1; i < RUNS; i++) ms.push((await time(request)).ms);
    const body = JSON.parse(first.value);
    if (name === "all accounts") {
      console.log(
        `  answer: ${body.accounts} accounts, distribution ${JSON.stringify(body.health.distribution)}, ${body.atRisk.length} at risk, ${body.phases.length} phases`,
      );
    }
    const row = { database: label, case: name, ms, bytes: first.value.length };
    results.push(row);
    // Each case as it finishes, so a slow run still leaves figures behind.
    console.log(`  ${row.case}: ${ms.map((v) => v.toFixed(0)).join(", ")} ms`);
  }
};

/** Creates the bench database when missing; false (with a line saying why) when unreachable. */
const ensurePostgres = async (url: string) => {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
  } catch (error) {
    console.log(`PostgreSQL skipped: ${target.host} is unreachable (${(error as Error).message}).`);
    return false;
  }
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database "${name.replaceAll('"', '""')}"`);
    return true;
  } finally {
    await client.end();
  }
};

const printTable = () => {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const header = ["database", "case", "first ms", "median ms", "min ms", "max ms", "KB"];
  const body = results.map((r) => [
    r.database,
    r.case,
    r.ms[0]!.toFixed(0),
    median(r.ms.slice(1).length ? r.ms.slice(1) : r.ms).toFixed(0),
    Math.min(...r.ms).toFixed(0),
    Math.max(...r.ms).toFixed(0),
    (r.bytes / 1024).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of body) console.log(line(row));
  console.log(`Median over runs 2..${RUNS} (the first warms caches).`);
};

const main = async () => {
  const only = process.env.BENCH_ONLY; // "pglite" or "postgres": one database
  if (only !== "postgres") {
    const pglite = await openDatabase({ kind: "pglite", dataDir: undefined });
    try {
      await pglite.migrate();
      await benchDatabase("PGlite (memory)", pglite);
    } finally {
      await pglite.close();
    }
  }
  const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  if (only !== "pglite" && (await ensurePostgres(url))) {
    // Emptied first (dropping the database would wait for autovacuum): every run measures the same sizes.
    const emptying = new pg.Client({ connectionString: url });
    await emptying.connect();
    await emptying.query(
      "drop schema if exists public cascade; drop schema if exists drizzle cascade",
    );
    await emptying.query("create schema public");
    await emptying.end();
    const postgres = await openDatabase({ kind: "postgres", url, poolSize: 4 });
    try {
      await postgres.migrate();
      await benchDatabase("PostgreSQL", postgres);
    } finally {
      await postgres.close();
    }
  }
  printTable();
};

await main();
