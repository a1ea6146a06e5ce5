import pg from "pg";
import PgBoss from "pg-boss";
import { logger } from "../lib/logger";
import type { Job, JobRunner } from "./job-runner";

/**
 * The jobs on PostgreSQL, through pg-boss (its tables in their own schema,
 * created and migrated by pg-boss at start, under its own advisory lock), so
 * that several app processes share them: each job runs in one process at a
 * time. See docs/decisions/0008-jobs.md.
 *
 * - Every queue is "stately": at most one job waiting and one running, so a
 *   slow run is never overlapped and sends during it do not pile up.
 * - An interval job: each process sends every half interval with
 *   `singletonSeconds: interval`; pg-boss keeps one job per slot of the
 *   database clock (a unique index), whoever sends first. Half, so a slot is
 *   never missed through timer drift. pg-boss cron is per minute, too coarse.
 * - A daily job: a pg-boss cron schedule; pg-boss's own timekeeper makes one
 *   process send it.
 */

/** A dirty run is retried by the next slot anyway; a run longer than this counts as failed. */
const INTERVAL_JOB_EXPIRE_SECONDS = 5 * 60;
const DAILY_JOB_EXPIRE_SECONDS = 4 * 60 * 60;

const queueOptions = (job: Job): PgBoss.Queue =>
  job.schedule.kind === "interval"
    ? {
        name: job.name,
        policy: "stately",
        retryLimit: 0,
        expireInSeconds: INTERVAL_JOB_EXPIRE_SECONDS,
      }
    : {
        name: job.name,
        policy: "stately",
        // 5, 10, 20 minutes: a database restart at night should not cost a day.
        retryLimit: 3,
        retryDelay: 5 * 60,
        retryBackoff: true,
        expireInSeconds: DAILY_JOB_EXPIRE_SECONDS,
      };

const retryOnDeadlock = async (action: () => Promise<void>) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const deadlock = (error as { code?: string }).code === "40P01";
      if (!deadlock || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    }
  }
};

export const createPgBossRunner = (params: {
  connectionString: string;
  jobs: readonly Job[];
  /** pg-boss's schema; tests use their own. */
  schema?: string;
  /** Names pg-boss's connections in pg_stat_activity. */
  applicationName?: string;
  /** How often an idle worker looks for a job (a job sent by this process wakes it at once). */
  pollingIntervalSeconds?: number;
  /** How long stop() lets pg-boss wait for running jobs before it marks them failed. */
  stopTimeoutMs?: number;
}): JobRunner => {
  // Our own small pool, apart from the app's, handed to pg-boss: pool.end()
  // does not wait for sockets to close, and stop() should leave none open.
  const pool = new pg.Pool({
    connectionString: params.connectionString,
    application_name: params.applicationName ?? "michi-jobs",
    max: 3,
  });
  pool.on("error", (error) => logger.error({ err: error }, "pg-boss connection error"));
  const clients = new Set<pg.PoolClient>();
  let allClosed: (() => void) | undefined;
  pool.on("connect", (client) => clients.add(client));
  pool.on("remove", (client) => {
    clients.delete(client);
    if (clients.size === 0) allClosed?.();
  });
  let poolEnded = false;
  const boss = new PgBoss({
    schema: params.schema ?? "pgboss",
    db: {
      // Like pg-boss's own: after close, a late call (a completion) does nothing.
      executeSql: async (text, values) => (poolEnded ? { rows: [] } : pool.query(text, values)),
    },
  });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  const sending = new Set<Promise<void>>();
  let started: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let stopped = false;

  const handler = (job: Job) => async () => {
    const run = job.run();
    running.add(run);
    try {
      return { value: await run };
    } catch (error) {
      // pg-boss records the failure (and retries a daily job); say it in the log too.
      logger.error({ err: error, job: job.name }, "job failed");
      throw error;
    } finally {
      running.delete(run);
    }
  };

  const startJob = async (job: Job) => {
    const options = queueOptions(job);
    // Two processes creating queues at once can deadlock inside pg-boss (each
    // queue is a partition of its job table); the loser simply tries again.
    await retryOnDeadlock(() => boss.createQueue(job.name, options));
    // createQueue leaves an existing queue alone: bring its settings up to date.
    await boss.updateQueue(job.name, options);
    const workerId = await boss.work(
      job.name,
      { pollingIntervalSeconds: params.pollingIntervalSeconds ?? 2 },
      handler(job),
    );
    const { schedule } = job;
    if (schedule.kind === "daily") {
      await boss.schedule(job.name, `${schedule.minute} ${schedule.hour} * * *`, {}, { tz: "UTC" });
      return;
    }
    const send = async () => {
      if (stopped) return;
      try {
        const id = await boss.send(job.name, {}, { singletonSeconds: schedule.seconds });
        // null: another send (maybe another process's) has this slot already.
        if (id) boss.notifyWorker(workerId);
      } catch (error) {
        logger.error({ err: error, job: job.name }, "cannot queue job");
      }
    };
    const tracked = () => {
      const done: Promise<void> = send().finally(() => sending.delete(done));
      sending.add(done);
      return done;
    };
    await tracked();
    timers.push(setInterval(tracked, (schedule.seconds * 1000) / 2));
  };

  return {
    start: () => {
      started ??= (async () => {
        await boss.start();
        for (const job of params.jobs) await startJob(job);
      })();
      return started;
    },
    stop: () => {
      stopping ??= (async () => {
        stopped = true;
        // A start in progress may still add timers: let it finish first.
        await started?.catch(() => {});
        for (const timer of timers) clearInterval(timer);
        await Promise.all(sending);
        // Stops fetching, waits for running jobs (up to the timeout), then marks any left failed.
        await boss.stop({ graceful: true, wait: true, timeout: params.stopTimeoutMs ?? 30_000 });
        poolEnded = true;
        await pool.end();
        if (clients.size > 0) await new Promise<void>((resolve) => (allClosed = resolve));
        // Past pg-boss's timeout our runs may still go on: the app's database must outlive them.
        await Promise.allSettled(running);
      })();
      return stopping;
    },
  };
};
