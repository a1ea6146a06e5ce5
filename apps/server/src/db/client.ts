import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { logger } from "../lib/logger";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Either driver's database; queries are written once against this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A query function takes either the database or an open transaction. */
export type DbOrTx = Db | Tx;

/** The rows of a raw SQL statement (both drivers answer `{ rows }`). */
export const rowsOf = async <T>(db: DbOrTx, query: SQL): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/**
 * The driver a database handle runs on. PGlite runs inside this process: one
 * thread for the database and JavaScript, no parallel workers. Asked of the
 * database, not of a transaction (whose client is not the driver's).
 */
export const databaseKindOf = (db: Db): DatabaseKind =>
  (db as unknown as { $client?: unknown }).$client instanceof PGlite ? "pglite" : "postgres";

export type DatabaseKind = "pglite" | "postgres";

/** Where PGlite keeps its files inside Michi's data folder; missing until the first start. */
export const pgliteFolderOf = (dataDir: string) => path.join(path.resolve(dataDir), "pglite");

export type Database = {
  db: Db;
  kind: DatabaseKind;
  migrate: () => Promise<void>;
  /**
   * Runs `work` (migrations, the first-start bootstrap) while no other process
   * of this database does: replicas started together on an empty PostgreSQL
   * would otherwise each create the first admin. On PGlite it just runs it: the
   * data folder's lock (data-dir-lock.ts) already admits one process.
   */
  withStartupLock: <T>(work: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** Any number; every app process agrees on it so only one migrates at a time. */
const MIGRATION_LOCK_KEY = 727_001;
/**
 * Held around a process's whole start-up work, migrations included: taken
 * before MIGRATION_LOCK_KEY, never after, so two processes cannot wait on each other.
 */
const STARTUP_LOCK_KEY = 727_002;

/**
 * PGlite keeps PostgreSQL's WAL settings (max_wal_size 1 GB), and its
 * standalone backend checkpoints only when the WAL reaches that: the data
 * folder carried 896 MB of WAL after a 1,000,000-event import, more than the
 * tables (bench/storage.ts). With 64 MB: 64 MB of WAL, and the same CPU for a
 * 200,000-event import (13.6 s either way). min_wal_size's floor is two 16 MB
 * segments. See decision 0006, "Storage per event".
 */
export const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams,
  "-c",
  "max_wal_size=64MB",
  "-c",
  "min_wal_size=32MB",
];

export type DatabaseOptions =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string | undefined /* undefined: in memory */ };

export const openDatabase = async (options: DatabaseOptions): Promise<Database> => {
  if (options.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // Fail now with a clear message rather than at the first request.
    await pool.query("select 1");
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      migrate: async () => {
        const client = await pool.connect();
        try {
          await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
          await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
          client.release();
        }
      },
      withStartupLock: async (work) => {
        // A session lock on a connection of its own, held while `work` runs on the
        // pool's others; released with the connection if this process dies.
        const client = await pool.connect();
        try {
          const { rows } = await client.query<{ ok: boolean }>(
            "select pg_try_advisory_lock($1) as ok",
            [STARTUP_LOCK_KEY],
          );
          if (!rows[0]?.ok) {
            logger.info("waiting for another Michi process to finish starting");
            await client.query("select pg_advisory_lock($1)", [STARTUP_LOCK_KEY]);
          }
          return await work();
        } finally {
          await client.query("select pg_advisory_unlock($1)", [STARTUP_LOCK_KEY]).catch(() => {});
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  if (options.dataDir) {
    mkdirSync(path.resolve(options.dataDir), { recursive: true });
    client = await PGlite.create(pgliteFolderOf(options.dataDir), {
      startParams: PGLITE_START_PARAMS,
    });
  } else {
    client = await PGlite.create();
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: async () => {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    },
    withStartupLock: (work) => work(),
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
};
