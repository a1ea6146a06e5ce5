import { sql } from "drizzle-orm";
import { type BootstrapOptions, bootstrapFirstStart, ensureAuthSecret } from "./bootstrap";
import { type Database, type Db, openDatabase } from "./db/client";
import { baseUrlOf, type Env } from "./env";
import { createAuth } from "./features/auth/auth";

/** How many migrations are recorded; 0 before the first (drizzle's table is not there yet). */
const countMigrations = async (db: Db): Promise<number> => {
  // Both drivers answer raw SQL with `{ rows }`; the shared Db type cannot say so.
  const rowsOf = async <T>(query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  const [table] = await rowsOf<{ t: string | null }>(
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`,
  );
  if (!table?.t) return 0;
  const [count] = await rowsOf<{ n: number }>(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return count?.n ?? 0;
};

/** Applies pending migrations and answers how many there were. */
export const migrateCounting = async (database: Database): Promise<number> => {
  const before = await countMigrations(database.db);
  await database.migrate();
  return (await countMigrations(database.db)) - before;
};

/**
 * The database (migrated) and better-auth, as the server and the CLI both
 * open them; with `bootstrap` (the server), also the first start's admin and
 * workspace on an empty database. All of it under the database's start-up
 * lock, so processes started together on one PostgreSQL do it one after
 * another and the later ones find it done. The caller holds the data folder's
 * lock when on PGlite.
 */
export const openRuntime = async (env: Env, options: { bootstrap?: BootstrapOptions } = {}) => {
  const database = await openDatabase(
    env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: env.MICHI_DATA_DIR },
  );
  try {
    return await database.withStartupLock(async () => {
      const appliedAtOpen = await migrateCounting(database);
      const secret = await ensureAuthSecret(database.db, env.MICHI_AUTH_SECRET);
      const auth = createAuth({ db: database.db, secret, baseURL: baseUrlOf(env) });
      const firstStart = options.bootstrap
        ? await bootstrapFirstStart(database.db, auth, options.bootstrap)
        : undefined;
      return { database, auth, appliedAtOpen, firstStart };
    });
  } catch (error) {
    await database.close();
    throw error;
  }
};
