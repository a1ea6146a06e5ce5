/**
 * Storage (issue 14, point 7): bytes on disk per stored event. A team's
 * history (generateHistoryCalls: six months in time order, UUID messageIds,
 * an identify and a group call before each user's first track call) goes
 * through the NDJSON import (`michi import events`: the ingest statement and
 * a fold after each batch); a few accounts are created only after it, so
 * their events wait and are attached by the sweep. Then CHECKPOINT, and the
 * sizes: usage_events (heap, each index, TOAST, free space and visibility
 * maps) and the related tables, per event, before and after a VACUUM, and
 * after retention deletes the older half (time of the delete too). On PGlite
 * the data folder too (base, WAL and the rest): PGlite runs no autovacuum.
 *
 * PostgreSQL runs in a database of its own, BENCH_DATABASE_URL's name with
 * `_storage` appended, dropped and created again each run: relation sizes are
 * whole tables, so nothing else may be in them.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type Database, type Db, openDatabase } from "../apps/server/src/db/client";
import { accounts } from "../apps/server/src/db/schema";
import { importUsageEvents } from "../apps/server/src/features/usage/usage.import";
import { deleteExpiredUsageEvents } from "../apps/server/src/features/usage/usage-retention";
import { attachAllWaitingUsageEvents } from "../apps/server/src/recompute";
import { type BenchAccount, generateBenchAccounts, generateHistoryCalls } from "./generate";
import { freshWorkspace, log, machineLine, positiveInt, results, rowsOf, SEED } from "./shared";

/** The tables of raw usage and what is derived from it, measured after the load. */
const TABLES = [
  "usage_events",
  "usage_rollup_pending",
  "usage_daily_rollups",
  "usage_user_groups",
] as const;

/** One in LATE_EVERY accounts is created after the import: its events wait for it. */
const LATE_EVERY = 50;

type RelationSizes = {
  table: string;
  rows: number;
  heap: number;
  toast: number;
  fsm: number;
  vm: number;
  indexes: { name: string; bytes: number }[];
  total: number;
};

const relationSizes = async (db: Db): Promise<RelationSizes[]> => {
  const out: RelationSizes[] = [];
  for (const table of TABLES) {
    const [row] = await rowsOf<Omit<RelationSizes, "indexes" | "table">>(
      db,
      sql`select (select count(*) from ${sql.identifier(table)})::float8 as rows,
        pg_relation_size(c.oid, 'main')::float8 as heap,
        (case when c.reltoastrelid = 0 then 0 else pg_total_relation_size(c.reltoastrelid) end)::float8 as toast,
        pg_relation_size(c.oid, 'fsm')::float8 as fsm,
        pg_relation_size(c.oid, 'vm')::float8 as vm,
        pg_total_relation_size(c.oid)::float8 as total
      from pg_class c where c.oid = ${table}::regclass`,
    );
    const indexes = await rowsOf<{ name: string; bytes: number }>(
      db,
      sql`select i.indexrelid::regclass::text as name, pg_relation_size(i.indexrelid)::float8 as bytes
      from pg_index i where i.indrelid = ${table}::regclass order by 1`,
    );
    if (row) out.push({ table, ...row, indexes });
  }
  return out;
};

/** Bytes of the files under a folder, by its first-level entries. */
const folderBytes = (dir: string) => {
  const walk = (p: string): number => {
    const stat = statSync(p);
    if (!stat.isDirectory()) return stat.size;
    return readdirSync(p).reduce((sum, name) => sum + walk(path.join(p, name)), 0);
  };
  const parts = new Map<string, number>();
  for (const name of readdirSync(dir)) parts.set(name, walk(path.join(dir, name)));
  return parts;
};

const perEvent = (bytes: number, events: number) => (events > 0 ? bytes / events : 0);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const b = (value: number) => `${value.toFixed(0)} B`;

/** Log lines and summary rows of one measurement. */
const report = (label: string, stage: string, sizes: RelationSizes[], events: number) => {
  for (const s of sizes) {
    const indexes = s.indexes.map((i) => `${i.name} ${b(perEvent(i.bytes, events))}`).join(", ");
    log(
      `storage ${label} ${stage}: ${s.table} ${s.rows.toLocaleString("en-US")} rows, ${mb(s.total)}; per event: total ${b(perEvent(s.total, events))} = heap ${b(perEvent(s.heap, events))} + indexes (${indexes || "none"}) + TOAST ${b(perEvent(s.toast, events))} + fsm/vm ${b(perEvent(s.fsm + s.vm, events))}${s.rows > 0 ? `; per row ${b(s.total / s.rows)}` : ""}`,
    );
  }
  const events_ = sizes.find((s) => s.table === "usage_events");
  const related = sizes.filter((s) => s.table !== "usage_events");
  if (!events_) return;
  const indexes = events_.indexes.reduce((sum, i) => sum + i.bytes, 0);
  results.push({
    part: "storage",
    database: label,
    what: `usage_events per stored event, ${stage}`,
    figure: b(perEvent(events_.total, events)),
    note: `heap ${b(perEvent(events_.heap, events))}, indexes ${b(perEvent(indexes, events))}, TOAST ${b(perEvent(events_.toast, events))}, fsm+vm ${b(perEvent(events_.fsm + events_.vm, events))}; related tables per event: ${related.map((s) => `${s.table.replace("usage_", "")} ${b(perEvent(s.total, events))}`).join(", ")}`,
  });
};

let checkpointRefused = false;
/**
 * CHECKPOINT needs pg_checkpoint (or superuser) on PostgreSQL, which the
 * setup's michi role lacks; then it is skipped, said once. Relation sizes are
 * file lengths, and a relation's file grows when a page is added, not at the
 * checkpoint: what a checkpoint changes is the WAL (PGlite's folder).
 */
const checkpoint = async (db: Db) => {
  if (checkpointRefused) return;
  try {
    await db.execute(sql`checkpoint`);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== "42501") throw error;
    checkpointRefused = true;
    log("storage: CHECKPOINT refused (the role lacks pg_checkpoint); sizes measured without it");
  }
};
const vacuum = async (db: Db) => {
  for (const table of TABLES) await db.execute(sql.raw(`vacuum ${table}`));
};

const countEvents = async (db: Db) =>
  (await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from usage_events`))[0]?.n ?? 0;

/**
 * The load, the measurements, the retention delete. `folder` is PGlite's data
 * folder (its files are measured too).
 */
const run = async (
  label: string,
  database: Database,
  params: { events: number; days: number; folder?: string },
) => {
  const { db } = database;
  const { events, days } = params;
  const generated = { seed: SEED, events, days };
  const all = generateBenchAccounts(generated);
  const late = new Set(all.filter((_, i) => i % LATE_EVERY === LATE_EVERY - 1));
  const { workspaceId } = await freshWorkspace(db, {
    slug: `bench-storage-${crypto.randomUUID().slice(0, 8)}`,
    name: "Bench storage",
    accounts: all.filter((a) => !late.has(a)),
  });

  log(
    `storage ${label}: importing ${events.toLocaleString("en-US")} calls over ${days} days (seed ${SEED}); ${machineLine()}`,
  );
  async function* lines() {
    for (const call of generateHistoryCalls(generated)) yield JSON.stringify(call);
  }
  const started = performance.now();
  const imported = await importUsageEvents(db, { workspaceId, lines: lines() });
  const importSeconds = (performance.now() - started) / 1000;
  if (imported.errors.length > 0) throw new Error(`import: ${imported.errors[0]?.message}`);
  await db
    .insert(accounts)
    .values(
      [...late].map((a: BenchAccount) => ({ workspaceId, name: a.name, externalId: a.externalId })),
    );
  const attached = await attachAllWaitingUsageEvents(db, workspaceId);
  const stored = await countEvents(db);
  log(
    `storage ${label}: imported ${imported.inserted.toLocaleString("en-US")} in ${importSeconds.toFixed(1)} s (${Math.round(imported.inserted / importSeconds).toLocaleString("en-US")} calls/s, folds included); ${attached.toLocaleString("en-US")} waiting events attached after; ${machineLine()}`,
  );
  results.push({
    part: "storage",
    database: label,
    what: `import of ${events.toLocaleString("en-US")} calls (${days} days, NDJSON path, folds included)`,
    figure: `${Math.round(imported.inserted / importSeconds).toLocaleString("en-US")} calls/s`,
    note: `${importSeconds.toFixed(1)} s`,
  });

  const folder = (stage: string) => {
    if (!params.folder) return;
    const parts = folderBytes(params.folder);
    const total = [...parts.values()].reduce((sum, n) => sum + n, 0);
    const wal = parts.get("pg_wal") ?? 0;
    const base = parts.get("base") ?? 0;
    log(
      `storage ${label} ${stage}: data folder ${mb(total)} (${b(perEvent(total, stored))} per event): base ${mb(base)}, pg_wal ${mb(wal)}, other ${mb(total - base - wal)}`,
    );
    results.push({
      part: "storage",
      database: label,
      what: `data folder per stored event, ${stage}`,
      figure: b(perEvent(total, stored)),
      note: `base ${mb(base)}, pg_wal ${mb(wal)}, other ${mb(total - base - wal)}`,
    });
  };

  await checkpoint(db);
  report(label, "after the import and a CHECKPOINT", await relationSizes(db), stored);
  folder("after the import and a CHECKPOINT");

  await vacuum(db);
  await checkpoint(db);
  report(label, "after VACUUM and CHECKPOINT", await relationSizes(db), stored);
  folder("after VACUUM and CHECKPOINT");

  // Retention: the older half goes (by time, as the daily job deletes).
  const retentionDays = Math.floor(days / 2);
  const at = new Date("2026-11-01T00:00:00.000Z");
  const deleteStarted = performance.now();
  const deleted = await deleteExpiredUsageEvents(db, { workspaceId, retentionDays, at });
  const deleteSeconds = (performance.now() - deleteStarted) / 1000;
  await vacuum(db);
  await checkpoint(db);
  const left = await countEvents(db);
  log(
    `storage ${label}: retention of ${retentionDays} days deleted ${deleted.toLocaleString("en-US")} events in ${deleteSeconds.toFixed(1)} s; ${left.toLocaleString("en-US")} left`,
  );
  results.push({
    part: "storage",
    database: label,
    what: `retention delete of the older half (${retentionDays} days)`,
    figure: `${deleteSeconds.toFixed(1)} s`,
    note: `${deleted.toLocaleString("en-US")} events deleted in batches`,
  });
  report(
    label,
    "after retention, VACUUM and CHECKPOINT (per event left)",
    await relationSizes(db),
    left,
  );
  folder("after retention, VACUUM and CHECKPOINT");
};

/** PGlite on a fresh data folder, removed after. */
export const benchStoragePglite = async (params: { events: number; days: number }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "michi-bench-storage-"));
  const database = await openDatabase({ kind: "pglite", dataDir });
  try {
    await database.migrate();
    await run("PGlite", database, { ...params, folder: path.join(dataDir, "pglite") });
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

/** BENCH_DATABASE_URL's database name + `_storage`: the bench's own, dropped and created again. */
export const storageDatabaseUrl = (benchUrl: string) => {
  const url = new URL(benchUrl);
  url.pathname = `/${decodeURIComponent(url.pathname.slice(1))}_storage`;
  url.searchParams.set("application_name", "michi-storage");
  return url.toString();
};

export const benchStoragePostgres = async (
  benchUrl: string,
  params: { events: number; days: number },
) => {
  const url = storageDatabaseUrl(benchUrl);
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    await client.query(`drop database if exists ${quoted}`);
    await client.query(`create database ${quoted}`);
  } finally {
    await client.end();
  }
  const database = await openDatabase({ kind: "postgres", url, poolSize: 4 });
  try {
    await database.migrate();
    await run("PostgreSQL", database, params);
  } finally {
    await database.close();
  }
};

export const storageSettings = () => ({
  events: positiveInt("BENCH_STORAGE_EVENTS", 200_000),
  days: positiveInt("BENCH_STORAGE_DAYS", 180),
});
