import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { healthScores, healthTrendDays, usageDirtyAccounts } from "../db/schema";
import { markAccountsDirty } from "../recompute";
import { buildAccount } from "../seed/factories";
import { buildWorkspace, createTestContext, type TestContext } from "../test/context";
import { createInProcessRunner } from "./job-runner";
import { jobNames, lastRunsInDatabase, michiJobs } from "./michi-jobs";

/**
 * The jobs as the server on PGlite runs them. Only on this file's own
 * database: the jobs take every workspace, and PostgreSQL's test database is
 * shared (pg-boss-runner.test.ts covers that driver).
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Michi's jobs in process", () => {
  it("include the vacuum and analyze autovacuum would do, on PGlite only", () => {
    const names = michiJobs(ctx.db, { dirtyIntervalSeconds: 5, dailyHourUtc: 0 }).map(
      (j) => j.name,
    );
    expect(names.includes(jobNames.maintainEmbeddedDatabase)).toBe(ctx.kind === "pglite");
  });

  it.skipIf(process.env.TEST_DATABASE_URL)(
    "drain dirty accounts, run the daily ones once and remember them across a restart",
    async () => {
      const workspace = await buildWorkspace(ctx);
      const dirty = await buildAccount(ctx.db, { workspaceId: workspace.id });
      await markAccountsDirty(ctx.db, { workspaceId: workspace.id, accountIds: [dirty.id] });
      const lastRuns = lastRunsInDatabase(ctx.db);
      const runner = () =>
        createInProcessRunner({
          jobs: michiJobs(ctx.db, { dirtyIntervalSeconds: 0.02, dailyHourUtc: 0 }),
          lastRuns,
          catchUpMs: 1,
        });

      const first = runner();
      await first.start();
      const marks = () =>
        ctx.db
          .select()
          .from(usageDirtyAccounts)
          .where(eq(usageDirtyAccounts.workspaceId, workspace.id));
      while (
        (await marks()).length > 0 ||
        !(await lastRuns.read(jobNames.recomputeAll)) ||
        !(await lastRuns.read(jobNames.usageRetention))
      ) {
        await sleep(20);
      }
      await first.stop();
      const scored = await ctx.db
        .select({ accountId: healthScores.accountId })
        .from(healthScores)
        .where(eq(healthScores.workspaceId, workspace.id));
      expect(scored).toEqual([{ accountId: dirty.id }]);
      // The daily run leaves the portfolio's trend days written: no read waits for them.
      const trendDays = await ctx.db
        .select({ day: healthTrendDays.day })
        .from(healthTrendDays)
        .where(eq(healthTrendDays.workspaceId, workspace.id));
      expect(trendDays).toHaveLength(89);

      // A restart the same day: the daily jobs are not due again.
      const fullRun = await lastRuns.read(jobNames.recomputeAll);
      const second = runner();
      await second.start();
      await sleep(100);
      await second.stop();
      expect(await lastRuns.read(jobNames.recomputeAll)).toEqual(fullRun);
    },
  );
});
