/**
 * `npm run bench`: ingest through the HTTP /batch endpoint versus the same
 * events loaded by the database's own fastest path (COPY), on PGlite and on
 * PostgreSQL. Prints figures; asserts nothing about time. Not part of the
 * test suite or CI. See issue 4, "Benchmarks".
 *
 * BENCH_DATABASE_URL  PostgreSQL (default postgres://michi:michi@127.0.0.1:5432/michi_bench;
 *                     the database is created when missing, skipped when unreachable)
 * BENCH_EVENTS        events per database (default 100,000 on PostgreSQL, 50,000 on PGlite)
 */
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createApp } from "../apps/server/src/app";
import { type Database, type Db, openDatabase } from "../apps/server/src/db/client";
import { accounts } from "../apps/server/src/db/schema";
import { createApiKey } from "../apps/server/src/features/api-keys/api-keys.queries";
import { createAuth } from "../apps/server/src/features/auth/auth";
import { createWorkspace } from "../apps/server/src/features/workspaces/workspaces.service";
import { type BenchAccount, type BenchTrackEvent, generateBenchData } from "./generate";

const SEED = 20_261_123;
const BATCH_SIZE = 500;
const SENDERS = 4;
const DEFAULT_URL = "postgres://michi:michi@127.0.0.1:5432/michi_bench";

type Row = {
  database: string;
  path: string;
  events: number;
  seconds: number;
  ratio?: string;
};
const results: Row[] = [];

const eventsFor = (fallback: number) => {
  const raw = process.env.BENCH_EVENTS;
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`BENCH_EVENTS must be a positive integer: ${raw}`);
  return n;
};

/** The driver's own client under drizzle (pg.Pool or PGlite), for COPY. */
const clientOf = (db: Db) => (db as unknown as { $client: unknown }).$client;

const count = async (db: Db, workspaceId: string) => {
  const { rows } = (await db.execute(
    sql`select count(*)::int as n from usage_events where workspace_id = ${workspaceId}`,
  )) as unknown as { rows: { n: number }[] };
  return rows[0]?.n ?? 0;
};

/** A fresh workspace with the generated accounts; returns it and externalId → account id. */
const freshWorkspace = async (db: Db, label: string, benchAccounts: BenchAccount[]) => {
  const suffix = crypto.randomUUID().slice(0, 8);
  const workspace = await createWorkspace(db, {
    name: `Bench ${label} ${suffix}`,
    slug: `bench-${label}-${suffix}`,
  });
  const accountIds = new Map<string, string>();
  for (let i = 0; i < benchAccounts.length; i += 1_000) {
    const rows = await db
      .insert(accounts)
      .values(
        benchAccounts.slice(i, i + 1_000).map((a) => ({
          workspaceId: workspace.id,
          name: a.name,
          externalId: a.externalId,
        })),
      )
      .returning({ id: accounts.id, externalId: accounts.externalId });
    for (const row of rows) if (row.externalId) accountIds.set(row.externalId, row.id);
  }
  return { workspaceId: workspace.id, accountIds };
};

/** 500-event batches to POST /api/v1/batch, 4 senders at once, Basic auth with the write key. */
const ingestOverHttp = async (
  database: Database,
  events: BenchTrackEvent[],
  workspaceId: string,
) => {
  const baseURL = "http://127.0.0.1";
  const auth = createAuth({
    db: database.db,
    secret: "bench-secret-bench-secret-bench-secret!",
    baseURL,
  });
  const app = createApp({ db: database.db, auth });
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const { key } = await createApiKey(database.db, { workspaceId, name: "bench" });
  const authorization = `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += BATCH_SIZE) {
    bodies.push(JSON.stringify({ batch: events.slice(i, i + BATCH_SIZE) }));
  }
  let next = 0;
  const sender = async () => {
    while (next < bodies.length) {
      const body = bodies[next++] as string;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/batch`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization },
        body,
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`POST /batch answered ${res.status}: ${text}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: SENDERS }, sender));
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  return seconds;
};

const COPY_COLUMNS =
  "workspace_id, message_id, type, user_id, anonymous_id, group_id, account_id, event, timestamp, received_at, properties, traits";

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is null. */
const copyField = (value: string | null) =>
  value === null
    ? "\\N"
    : value.replace(/[\\\t\n\r]/g, (c) =>
        c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
      );

/** The rows the ingest path would store (account resolved, no waiting events), as COPY lines. */
function* copyLines(
  events: BenchTrackEvent[],
  workspaceId: string,
  accountIds: Map<string, string>,
  chunk: number,
) {
  const receivedAt = new Date().toISOString();
  let lines: string[] = [];
  for (const e of events) {
    const groupId = e.context.groupId;
    lines.push(
      [
        workspaceId,
        e.messageId,
        e.type,
        e.userId,
        null,
        groupId,
        accountIds.get(groupId) ?? null,
        e.event,
        e.timestamp,
        receivedAt,
        JSON.stringify(e.properties),
        "{}",
      ]
        .map(copyField)
        .join("\t"),
    );
    if (lines.length === chunk) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`;
}

/** PostgreSQL: COPY FROM STDIN through pg-copy-streams on one connection. */
const loadPostgres = async (
  db: Db,
  events: BenchTrackEvent[],
  workspaceId: string,
  accountIds: Map<string, string>,
) => {
  const pool = clientOf(db) as pg.Pool;
  const client = await pool.connect();
  try {
    const started = performance.now();
    const copy = client.query(copyFrom(`copy usage_events (${COPY_COLUMNS}) from stdin`));
    await pipeline(Readable.from(copyLines(events, workspaceId, accountIds, 1_000)), copy);
    return (performance.now() - started) / 1000;
  } finally {
    client.release();
  }
};

/** PGlite: its own COPY from a blob (`/dev/blob`), in 5,000-row blobs. */
const loadPglite = async (
  db: Db,
  events: BenchTrackEvent[],
  workspaceId: string,
  accountIds: Map<string, string>,
) => {
  const client = clientOf(db) as PGlite;
  const started = performance.now();
  for (const text of copyLines(events, workspaceId, accountIds, 5_000)) {
    await client.query(`copy usage_events (${COPY_COLUMNS}) from '/dev/blob'`, [], {
      blob: new Blob([text]),
    });
  }
  return (performance.now() - started) / 1000;
};

const benchDatabase = async (label: string, database: Database, eventCount: number) => {
  await database.migrate();
  const data = generateBenchData({ seed: SEED, events: eventCount });
  console.error(
    `${label}: ${data.events.length} events over ${data.accounts.length} accounts (seed ${SEED})`,
  );

  const http = await freshWorkspace(database.db, "http", data.accounts);
  const httpSeconds = await ingestOverHttp(database, data.events, http.workspaceId);
  const httpStored = await count(database.db, http.workspaceId);
  if (httpStored !== data.events.length)
    throw new Error(`${label} HTTP: ${httpStored} rows stored, ${data.events.length} sent`);

  const load = await freshWorkspace(database.db, "copy", data.accounts);
  const loadSeconds =
    database.kind === "postgres"
      ? await loadPostgres(database.db, data.events, load.workspaceId, load.accountIds)
      : await loadPglite(database.db, data.events, load.workspaceId, load.accountIds);
  const loadStored = await count(database.db, load.workspaceId);
  if (loadStored !== data.events.length)
    throw new Error(`${label} COPY: ${loadStored} rows stored, ${data.events.length} loaded`);

  const ratio = `${((loadSeconds / httpSeconds) * 100).toFixed(0)}% of COPY`;
  results.push({
    database: label,
    path: "HTTP /batch (500 × 4 senders)",
    events: eventCount,
    seconds: httpSeconds,
    ratio,
  });
  results.push({
    database: label,
    path: database.kind === "postgres" ? "COPY FROM STDIN" : "COPY FROM '/dev/blob' (5,000 rows)",
    events: eventCount,
    seconds: loadSeconds,
  });
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
    console.log(
      `PostgreSQL skipped: ${target.host} is unreachable (${(error as Error).message}). Set BENCH_DATABASE_URL or run scripts/ensure-test-deps.sh.`,
    );
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
  const header = ["database", "path", "events", "seconds", "events/s", "HTTP vs own path"];
  const body = results.map((r) => [
    r.database,
    r.path,
    r.events.toLocaleString("en-US"),
    r.seconds.toFixed(2),
    Math.round(r.events / r.seconds).toLocaleString("en-US"),
    r.ratio ?? "",
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of body) console.log(line(row));
  console.log("Goal (issue 4): HTTP ingest ≥ 50% of the database's own load path.");
};

const main = async () => {
  const pglite = await openDatabase({ kind: "pglite", dataDir: undefined });
  try {
    await benchDatabase("PGlite (memory)", pglite, eventsFor(50_000));
  } finally {
    await pglite.close();
  }

  const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  if (await ensurePostgres(url)) {
    const postgres = await openDatabase({ kind: "postgres", url, poolSize: SENDERS + 1 });
    try {
      await benchDatabase("PostgreSQL", postgres, eventsFor(100_000));
    } finally {
      await postgres.close();
    }
  }
  printTable();
};

await main();
