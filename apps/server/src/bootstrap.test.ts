import { describe, expect, it } from "vitest";
import { bootstrapFirstStart } from "./bootstrap";
import { jobNames, lastRunsInDatabase } from "./jobs/michi-jobs";
import { createTestContext } from "./test/context";

const ctx = await createTestContext();

// A first start needs an empty database: the suite's shared PostgreSQL is not one.
describe.skipIf(process.env.TEST_DATABASE_URL)("first start with the demo", () => {
  it("counts the demo seed's recompute as today's daily run", async () => {
    const started = new Date();
    const first = await bootstrapFirstStart(ctx.db, ctx.auth, {
      demo: true,
      adminEmail: "first@michi.local",
      adminPassword: "first-start-password",
    });
    expect(first?.workspaceSlug).toBe("demo");
    const lastRun = await lastRunsInDatabase(ctx.db).read(jobNames.recomputeAll);
    expect(lastRun?.getTime()).toBeGreaterThanOrEqual(started.getTime());
  }, 120_000);
});
