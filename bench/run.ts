/**
 * `npm run bench`: the benchmarks of issue 4, on PGlite and on PostgreSQL.
 * Prints figures and a summary table; asserts nothing about time. Not part
 * of the test suite or CI.
 *
 * BENCH_ONLY          ingest, recompute, latency, backfill, storage, reads, playbooks, or a
 *                     comma list (default all seven; storage takes ~2 min for both databases)
 * BENCH_DATABASES     pglite, postgres, or both (default both)
 * BENCH_DATABASE_URL  PostgreSQL (default postgres://michi:michi@127.0.0.1:5432/michi_bench;
 *                     created when missing, skipped when unreachable)
 * BENCH_EVENTS        ingest: events per database (default 100,000 on PostgreSQL, 50,000 on PGlite)
 * BENCH_INGEST_ROUNDS ingest: HTTP runs, each between two COPY runs (default 3; the median counts)
 * BENCH_ACCOUNTS      recompute: account counts, comma list (default 10000,100000)
 * BENCH_EVENTS_PER_ACCOUNT  recompute: events per account over the 30 days (default 100;
 *                     30 for PGlite at 100,000 accounts: 3M events, ~1.5 min to load)
 * BENCH_RELOAD=1      recompute on PostgreSQL: load the data again even when a complete
 *                     copy from an earlier run is there
 * BENCH_LATENCY_SECONDS  latency: seconds of steady sending (default 90)
 * BENCH_LATENCY_RATE  latency: events per second (default 2,000)
 * BENCH_BACKFILL_ACCOUNTS  backfill: accounts (default 10,000)
 * BENCH_BACKFILL_DAYS backfill: days of daily scores (default 180)
 * BENCH_STORAGE_EVENTS  storage: calls imported per database (default 200,000)
 * BENCH_STORAGE_DAYS  storage: days of history they span (default 180)
 * BENCH_READS_RATE, BENCH_READS_SECONDS  reads: the mixed load (default 200 rps for 30 s)
 * BENCH_PLAYBOOK_ACCOUNTS, BENCH_PLAYBOOK_CHANGES  playbooks: accounts and band changes
 *                     (default 10,000 and 1,000)
 *                     (PostgreSQL: in BENCH_DATABASE_URL's name + `_storage`, dropped and made again)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Database, openDatabase } from "../apps/server/src/db/client";
import { benchBackfill } from "./backfill";
import { benchIngest } from "./ingest";
import { benchLatency } from "./latency";
import { benchPlaybooks } from "./playbooks";
import { benchReadsPglite, benchReadsPostgres } from "./reads";
import { benchRecompute } from "./recompute";
import {
  ensurePostgres,
  log,
  machineLine,
  positiveInt,
  postgresBackendPids,
  postgresUrl,
  printSummary,
} from "./shared";
import { benchStoragePglite, benchStoragePostgres, storageSettings } from "./storage";

const parts = (
  process.env.BENCH_ONLY ?? "ingest,recompute,latency,backfill,storage,reads,playbooks"
).split(",");
const databases = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const known = ["ingest", "recompute", "latency", "backfill", "storage", "reads", "playbooks"];
for (const part of parts) {
  if (!known.includes(part)) throw new Error(`BENCH_ONLY: unknown part ${part}`);
}
const accountCounts = (fallback: number[]) =>
  process.env.BENCH_ACCOUNTS
    ? process.env.BENCH_ACCOUNTS.split(",").map((n) => {
        const value = Number(n);
        if (!Number.isInteger(value) || value <= 0) throw new Error(`BENCH_ACCOUNTS: ${n}`);
        return value;
      })
    : fallback;

const backfillSize = () => ({
  accounts: positiveInt("BENCH_BACKFILL_ACCOUNTS", 10_000),
  days: positiveInt("BENCH_BACKFILL_DAYS", 180),
});

const withDatabase = async (open: () => Promise<Database>, fn: (db: Database) => Promise<void>) => {
  const database = await open();
  try {
    await database.migrate();
    await fn(database);
  } finally {
    await database.close();
  }
};

const main = async () => {
  const started = performance.now();
  log(`bench: ${parts.join(", ")} on ${databases.join(", ")}; ${machineLine()}`);

  if (databases.includes("pglite")) {
    const label = "PGlite";
    // A data folder, as Michi runs embedded; a fresh one for each part and size, removed
    // after. In memory (Emscripten's MEMFS) a growing file is copied whole at each 12.5%
    // growth: at 100,000 accounts the recompute spent 1.4 s copying health_scores' heap
    // file (504 MB), and loading 3M events took 11 to over 26 minutes.
    const folder = async (): Promise<Database> => {
      const dataDir = mkdtempSync(path.join(tmpdir(), "michi-bench-pglite-"));
      const database = await openDatabase({ kind: "pglite", dataDir });
      return {
        ...database,
        close: async () => {
          await database.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    };
    const none = async () => [];
    if (parts.includes("ingest")) {
      await withDatabase(folder, (database) =>
        benchIngest(label, database, {
          events: positiveInt("BENCH_EVENTS", 50_000),
          rounds: positiveInt("BENCH_INGEST_ROUNDS", 3),
          backendPids: none,
        }),
      );
    }
    if (parts.includes("recompute")) {
      for (const accounts of accountCounts([10_000, 100_000])) {
        await withDatabase(folder, (database) =>
          benchRecompute(label, database, {
            accounts,
            reuse: false,
            ...(accounts >= 100_000 ? { perAccount: 30 } : {}),
          }),
        );
      }
    }
    if (parts.includes("latency")) await benchLatency("pglite");
    if (parts.includes("backfill")) {
      await withDatabase(folder, (database) => benchBackfill(label, database, backfillSize()));
    }
    if (parts.includes("storage")) await benchStoragePglite(storageSettings());
    if (parts.includes("reads")) await benchReadsPglite();
    if (parts.includes("playbooks")) {
      await withDatabase(folder, (database) => benchPlaybooks(label, database));
    }
  }

  const url = postgresUrl("bench");
  if (databases.includes("postgres") && (await ensurePostgres(url))) {
    const label = "PostgreSQL";
    const open = (part: string) =>
      openDatabase({ kind: "postgres", url: postgresUrl(part), poolSize: 6 });
    const backendPids = () => postgresBackendPids(postgresUrl("ingest"));
    if (parts.includes("ingest")) {
      await withDatabase(
        () => open("ingest"),
        (database) =>
          benchIngest(label, database, {
            events: positiveInt("BENCH_EVENTS", 100_000),
            rounds: positiveInt("BENCH_INGEST_ROUNDS", 3),
            backendPids,
          }),
      );
    }
    if (parts.includes("recompute")) {
      for (const accounts of accountCounts([10_000, 100_000])) {
        await withDatabase(
          () => open("recompute"),
          (database) =>
            benchRecompute(label, database, {
              accounts,
              reuse: process.env.BENCH_RELOAD !== "1",
            }),
        );
      }
    }
    if (parts.includes("latency")) await benchLatency("postgres");
    if (parts.includes("backfill")) {
      await withDatabase(
        () => open("backfill"),
        (database) => benchBackfill(label, database, backfillSize()),
      );
    }
    if (parts.includes("storage")) await benchStoragePostgres(url, storageSettings());
    if (parts.includes("reads")) await benchReadsPostgres(url);
    if (parts.includes("playbooks")) {
      await withDatabase(
        () => open("playbooks"),
        (database) => benchPlaybooks(label, database),
      );
    }
  }

  log(
    `bench: done in ${((performance.now() - started) / 60_000).toFixed(1)} min; ${machineLine()}`,
  );
  printSummary();
};

await main();
