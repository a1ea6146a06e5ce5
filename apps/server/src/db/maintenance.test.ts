import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { markAccountsDirty } from "../recompute";
import { buildAccount } from "../seed/factories";
import { buildWorkspace, createTestContext, type TestContext } from "../test/context";
import { rowsOf } from "./client";
import { maintainEmbeddedDatabase } from "./maintenance";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

/** Statistics are flushed lazily; this makes the next statement flush them. */
const flushStats = async () => {
  await ctx.db.execute(sql`select pg_stat_force_next_flush()`);
  await ctx.db.execute(sql`select 1`);
};

const tableStats = async (name: string) =>
  (
    await rowsOf<{ dead: number; vacuumed: boolean; analyzed: boolean }>(
      ctx.db,
      sql`select n_dead_tup::int as dead, last_vacuum is not null as vacuumed,
        last_analyze is not null as analyzed
      from pg_stat_user_tables where relname = ${name}`,
    )
  )[0];

// The job runs on PGlite only (PostgreSQL has autovacuum); the test database of
// PostgreSQL is shared, and its autovacuum may already have done the work.
describe.skipIf(process.env.TEST_DATABASE_URL)("the embedded database's maintenance", () => {
  it("vacuums a table with deleted rows and analyzes one never analyzed, as autovacuum would", async () => {
    const workspaceId = (await buildWorkspace(ctx)).id;
    const accountIds: string[] = [];
    for (let i = 0; i < 80; i++) accountIds.push((await buildAccount(ctx.db, { workspaceId })).id);
    await markAccountsDirty(ctx.db, { workspaceId, accountIds });
    await ctx.db.execute(sql`delete from usage_dirty_accounts where workspace_id = ${workspaceId}`);
    await flushStats();
    expect((await tableStats("usage_dirty_accounts"))?.dead).toBeGreaterThanOrEqual(80);

    const first = await maintainEmbeddedDatabase(ctx.db);
    expect(first.vacuumed).toContain("usage_dirty_accounts");
    expect(first.analyzed).toContain("accounts");
    await flushStats();
    expect(await tableStats("usage_dirty_accounts")).toEqual({
      dead: 0,
      vacuumed: true,
      analyzed: true,
    });
    expect((await tableStats("accounts"))?.analyzed).toBe(true);

    // Nothing changed since: nothing to do.
    expect(await maintainEmbeddedDatabase(ctx.db)).toEqual({ vacuumed: [], analyzed: [] });
  });
});
