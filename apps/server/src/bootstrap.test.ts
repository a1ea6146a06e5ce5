import { describe, expect, it } from "vitest";
import { bootstrapFirstStart } from "./bootstrap";
import { jobNames, lastRunsInDatabase } from "./jobs/michi-jobs";
import { type DemoSeedProgress, demoSeedSteps } from "./seed/demo-progress";
import { createTestContext } from "./test/context";

const ctx = await createTestContext();

// A first start needs an empty database: the suite's shared PostgreSQL is not one.
describe.skipIf(process.env.TEST_DATABASE_URL)("first start with the demo", () => {
  it("counts the demo seed's recompute as today's daily run", async () => {
    const started = new Date();
    const progress: DemoSeedProgress[] = [];
    const first = await bootstrapFirstStart(ctx.db, ctx.auth, {
      demo: true,
      adminEmail: "first@michi.local",
      adminPassword: "first-start-password",
      onDemoProgress: (p) => progress.push(p),
    });
    expect(first?.workspaceSlug).toBe("demo");
    // What `npm start` prints while the demo is seeded.
    expect([...new Set(progress.map((p) => p.step))]).toEqual([...demoSeedSteps]);
    const lastRun = await lastRunsInDatabase(ctx.db).read(jobNames.recomputeAll);
    expect(lastRun?.getTime()).toBeGreaterThanOrEqual(started.getTime());
  }, 120_000);
});
