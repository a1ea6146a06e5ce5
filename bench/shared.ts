import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../apps/server/src/db/client";
import { accounts, usageEventTypeCodes } from "../apps/server/src/db/schema";
import { usageMessageKey } from "../apps/server/src/features/usage/usage.queries";
import { createWorkspace } from "../apps/server/src/features/workspaces/workspaces.service";
import type { BenchAccount, BenchTrackEvent } from "./generate";

export const SEED = 20_261_123;
export const DEFAULT_URL = "postgres://michi:michi@127.0.0.1:5432/michi_bench";
/** Backends of the bench's pools carry a name per part, so their CPU time can be read. */
export const postgresUrl = (part = "bench") => {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? DEFAULT_URL);
  url.searchParams.set("application_name", `michi-${part}`);
  return url.toString();
};

export const positiveInt = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer: ${raw}`);
  return n;
};

/** Nearest-rank percentile of values sorted ascending (p 50: the median). */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** One line of the summary table. */
export type ResultRow = {
  part: "ingest" | "recompute" | "latency" | "backfill" | "storage" | "reads" | "playbooks";
  database: string;
  what: string;
  figure: string;
  note?: string;
};
export const results: ResultRow[] = [];

export const log = (message: string) =>
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** The driver's own client under drizzle (pg.Pool or PGlite), for COPY. */
export const clientOf = (db: Db) => (db as unknown as { $client: unknown }).$client;

export const rowsOf = async <T>(db: Db, query: Parameters<Db["execute"]>[0]) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** A fresh workspace with the accounts; returns it and externalId → account id. */
export const freshWorkspace = async (
  db: Db,
  params: { slug: string; name: string; accounts: readonly BenchAccount[] },
) => {
  const workspace = await createWorkspace(db, { name: params.name, slug: params.slug });
  const accountIds = new Map<string, string>();
  for (let i = 0; i < params.accounts.length; i += 1_000) {
    const rows = await db
      .insert(accounts)
      .values(
        params.accounts.slice(i, i + 1_000).map((a) => ({
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

export const COPY_COLUMNS =
  "timestamp, workspace_id, message_key, account_id, type, user_id, anonymous_id, group_id, event, properties, traits";

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is null. */
const copyField = (value: string | null) =>
  value === null
    ? "\\N"
    : value.replace(/[\\\t\n\r]/g, (c) =>
        c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
      );

/**
 * The rows the ingest path would store (account resolved, no waiting events),
 * as COPY text chunks: the key computed as ingest does, properties as JSON,
 * no traits (NULL).
 */
export function* copyChunks(
  events: Iterable<BenchTrackEvent>,
  workspaceId: string,
  accountIds: ReadonlyMap<string, string>,
  chunk: number,
) {
  let lines: string[] = [];
  for (const e of events) {
    const groupId = e.context.groupId;
    lines.push(
      [
        e.timestamp,
        workspaceId,
        usageMessageKey(workspaceId, e.messageId),
        accountIds.get(groupId) ?? null,
        usageEventTypeCodes[e.type],
        e.userId,
        null,
        groupId,
        e.event,
        JSON.stringify(e.properties),
        null,
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
export const copyPostgres = async (db: Db, chunks: Iterable<string>, table = "usage_events") => {
  const client = await (clientOf(db) as pg.Pool).connect();
  try {
    const copy = client.query(copyFrom(`copy ${table} (${COPY_COLUMNS}) from stdin`));
    await pipeline(Readable.from(chunks), copy);
  } finally {
    client.release();
  }
};

/** PGlite: its own COPY from a blob (`/dev/blob`), one blob a chunk. */
export const copyPglite = async (db: Db, chunks: Iterable<string>, table = "usage_events") => {
  const client = clientOf(db) as PGlite;
  for (const text of chunks) {
    await client.query(`copy ${table} (${COPY_COLUMNS}) from '/dev/blob'`, [], {
      blob: new Blob([text]),
    });
  }
};

/** Creates the bench database when missing; false (with a line saying why) when unreachable. */
export const ensurePostgres = async (url: string) => {
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
    log(
      `PostgreSQL skipped: ${target.host} is unreachable (${(error as Error).message}). Set BENCH_DATABASE_URL or start PostgreSQL.`,
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

/** CPU seconds (user + system) of a process from /proc, or 0 where it cannot be read. */
const procCpuSeconds = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
  } catch {
    return 0;
  }
};

/**
 * CPU seconds used by this process and by the PostgreSQL backends of the
 * bench's pools, between start() and stop(). On a shared machine the wall
 * clock moves with other people's load; CPU time much less.
 */
export const cpuMeter = (backendPids: () => Promise<number[]>) => {
  let own = process.cpuUsage();
  let before = new Map<number, number>();
  return {
    start: async () => {
      before = new Map((await backendPids()).map((pid) => [pid, procCpuSeconds(pid)]));
      own = process.cpuUsage();
    },
    stop: async () => {
      const used = process.cpuUsage(own);
      let database = 0;
      for (const pid of await backendPids())
        database += procCpuSeconds(pid) - (before.get(pid) ?? 0);
      return { node: (used.user + used.system) / 1e6, database };
    },
  };
};

export const postgresBackendPids = async (url: string) => {
  const name = new URL(url).searchParams.get("application_name");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "select pid from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()",
      [name],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
};

export const machineLine = () => {
  const [one, five] = loadavg();
  return `load average ${one?.toFixed(1)} (1 min) ${five?.toFixed(1)} (5 min)`;
};

export const printSummary = () => {
  const header = ["part", "database", "what", "figure", "note"];
  const body = results.map((r) => [r.part, r.database, r.what, r.figure, r.note ?? ""]);
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
  console.log(
    "Goals: HTTP ingest ≥ 50% of the database's own load path; full recompute ≤ 2× the plain aggregate (issue 4), ≤ 1.5× on PostgreSQL (issue 14); p95 event-to-health ≤ 60 s; a 180-day backfill ≤ 2× the plain aggregate of each day's rows (issue 14).",
  );
  if (results.some((r) => r.part === "storage"))
    console.log(
      "Goal (issue 14): usage_events ≤ 300 B per stored event (heap + indexes + TOAST) on PostgreSQL, ≤ 600 B on PGlite, after a CHECKPOINT.",
    );
};
