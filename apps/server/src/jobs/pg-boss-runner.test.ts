import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "./job-runner";
import { createPgBossRunner } from "./pg-boss-runner";

/**
 * pg-boss on the real PostgreSQL (only with TEST_DATABASE_URL). Each test run
 * keeps pg-boss in a schema of its own, dropped at the end, so it never meets
 * a server's jobs on the shared test database.
 */
const url = process.env.TEST_DATABASE_URL;
const suffix = crypto.randomUUID().slice(0, 8);
const schema = `pgboss_test_${suffix}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (condition: () => boolean) => {
  while (!condition()) await sleep(20);
};

describe.skipIf(!url)("the pg-boss job runner", () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    await pool.query(`drop schema if exists ${schema} cascade`);
    await pool.end();
  });

  const connectionsOf = async (applicationName: string) =>
    (
      await pool.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where application_name = $1",
        [applicationName],
      )
    ).rows[0]?.n;

  it("two processes: one dirty job per interval slot, never two at once; daily jobs on a cron", async () => {
    let runs = 0;
    let active = 0;
    let overlapped = false;
    const jobs: Job[] = [
      {
        name: "recompute-dirty",
        schedule: { kind: "interval", seconds: 1 },
        run: async () => {
          runs += 1;
          active += 1;
          if (active > 1) overlapped = true;
          await sleep(150);
          active -= 1;
          return runs;
        },
      },
      {
        name: "recompute-all",
        schedule: { kind: "daily", hour: 0, minute: 0 },
        run: async () => 0,
      },
    ];
    const applicationName = `michi-jobs-test-${suffix}`;
    const runners = [0, 1].map(() =>
      createPgBossRunner({
        connectionString: url as string,
        jobs,
        schema,
        applicationName,
        pollingIntervalSeconds: 0.5,
      }),
    );
    // Both "processes" send twice per slot; pg-boss keeps one job for each.
    await Promise.all(runners.map((r) => r.start()));
    await until(() => runs >= 4);
    await Promise.all(runners.map((r) => r.stop()));

    expect(overlapped).toBe(false);
    const { rows: slots } = await pool.query<{ slot: Date; jobs: number; completed: number }>(
      `select singleton_on as slot, count(*)::int as jobs,
         count(*) filter (where state = 'completed')::int as completed
       from ${schema}.job where name = 'recompute-dirty' group by singleton_on`,
    );
    expect(slots.every((s) => s.jobs === 1)).toBe(true);
    // Every run was a job of its own slot: no slot ran twice.
    const completed = slots.reduce((sum, s) => sum + s.completed, 0);
    expect(completed).toBe(runs);
    const { rows: schedules } = await pool.query(
      `select name, cron, timezone from ${schema}.schedule`,
    );
    expect(schedules).toEqual([{ name: "recompute-all", cron: "0 0 * * *", timezone: "UTC" }]);
    const { rows: queues } = await pool.query(
      `select name, policy, retry_limit from ${schema}.queue where name not like '__pgboss%' order by name`,
    );
    expect(queues).toEqual([
      { name: "recompute-all", policy: "stately", retry_limit: 3 },
      { name: "recompute-dirty", policy: "stately", retry_limit: 0 },
    ]);
    expect(await connectionsOf(applicationName)).toBe(0);
  });

  it("stop() waits for the job in progress, then closes every pg-boss connection", async () => {
    let release: () => void = () => {};
    let started = false;
    let finished = false;
    const applicationName = `michi-jobs-stop-${suffix}`;
    const runner = createPgBossRunner({
      connectionString: url as string,
      schema,
      applicationName,
      pollingIntervalSeconds: 0.5,
      jobs: [
        {
          name: "slow",
          schedule: { kind: "interval", seconds: 3600 },
          run: async () => {
            started = true;
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            finished = true;
          },
        },
      ],
    });
    await runner.start();
    expect(await connectionsOf(applicationName)).toBeGreaterThan(0);
    await until(() => started);

    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await sleep(300);
    // The job is still held: stop cannot have finished.
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    expect(await connectionsOf(applicationName)).toBe(0);
    const { rows } = await pool.query(`select state from ${schema}.job where name = 'slow'`);
    expect(rows).toEqual([{ state: "completed" }]);
  });
});
