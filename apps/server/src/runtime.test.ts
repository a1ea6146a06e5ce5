import pg from "pg";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { openRuntime } from "./runtime";

const pgUrl = process.env.TEST_DATABASE_URL;

/**
 * Server processes started together on an empty PostgreSQL, as openRuntime
 * runs in each: here in one process, so that they start at the very same
 * moment (startup.test.ts starts real processes, whose start-up times differ).
 */
describe.skipIf(!pgUrl)("openRuntime on PostgreSQL", () => {
  it("migrates and bootstraps once when several processes open an empty database at once", async () => {
    const name = `michi_open_${crypto.randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(pgUrl as string);
    url.pathname = `/${name}`;
    const env = parseEnv({ DATABASE_URL: url.toString(), MICHI_DEMO: "0" });
    try {
      const opened = await Promise.allSettled(
        [1, 2, 3].map(() => openRuntime(env, { bootstrap: { demo: false } })),
      );
      const runtimes = opened.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      await Promise.all(runtimes.map((r) => r.database.close()));
      for (const r of opened) if (r.status === "rejected") throw r.reason;
      expect(runtimes.filter((r) => r.firstStart)).toHaveLength(1);

      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      try {
        const count = async (table: string) =>
          (await db.query(`select count(*)::int as n from ${table}`)).rows[0].n as number;
        expect(await count("users")).toBe(1);
        expect(await count("workspaces")).toBe(1);
        expect(await count("drizzle.__drizzle_migrations")).toBeGreaterThan(0);
      } finally {
        await db.end();
      }
    } finally {
      // pool.end() does not wait for the sockets to close; a forced drop would
      // fail those connections. Wait until the database has no backend left.
      for (;;) {
        const { rows } = await admin.query(
          "select count(*)::int as n from pg_stat_activity where datname = $1",
          [name],
        );
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  });
});
