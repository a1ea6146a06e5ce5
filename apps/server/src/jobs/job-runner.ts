import { logger } from "../lib/logger";

/**
 * Recurring jobs and what runs them: pg-boss on PostgreSQL (pg-boss-runner.ts),
 * this file's in-process runner on PGlite. See docs/decisions/0008-jobs.md.
 */

/** Every `seconds`, or once a day at hour:minute UTC. */
export type JobSchedule =
  | { kind: "interval"; seconds: number }
  | { kind: "daily"; hour: number; minute: number };

export type Job = {
  /** Also the pg-boss queue name: letters, digits and dashes. */
  name: string;
  schedule: JobSchedule;
  /** Must be safe to run again (a retry, or a second process on PostgreSQL). */
  run: () => Promise<unknown>;
};

export type JobRunner = {
  start: () => Promise<void>;
  /** Stops scheduling and waits for the runs in progress, so the database can be closed after. */
  stop: () => Promise<void>;
};

/** When a daily job last succeeded, kept across restarts (instance_settings on PGlite). */
export type LastRunStore = {
  read: (job: string) => Promise<Date | null>;
  write: (job: string, at: Date) => Promise<void>;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The most recent hour:minute UTC at or before `now`. */
export const previousDailySlot = (now: Date, at: { hour: number; minute: number }): Date => {
  const slot = new Date(now);
  slot.setUTCHours(at.hour, at.minute, 0, 0);
  if (slot > now) slot.setTime(slot.getTime() - DAY_MS);
  return slot;
};

/**
 * How long until a daily job is due: at once (after `catchUpMs`) when it has
 * not run since the last slot, e.g. the server was off at that hour;
 * otherwise at the next slot.
 */
export const msUntilDailyRun = (
  now: Date,
  at: { hour: number; minute: number },
  lastRun: Date | null,
  catchUpMs: number,
): number => {
  const previous = previousDailySlot(now, at);
  if (!lastRun || lastRun < previous) return catchUpMs;
  return previous.getTime() + DAY_MS - now.getTime();
};

/**
 * Runs the jobs in this process: an interval job `seconds` after its last run
 * ended (so never two at once), a daily job at its hour or, when that slot was
 * missed, shortly after start. A failed run is logged; an interval job simply
 * runs again next time, a daily one after `retryMs`. Enough for PGlite, which
 * is one process by design; PostgreSQL with several processes uses pg-boss.
 */
export const createInProcessRunner = (params: {
  jobs: readonly Job[];
  lastRuns: LastRunStore;
  /** Delay of a missed daily run after start: lets start-up traffic settle first. */
  catchUpMs?: number;
  retryMs?: number;
}): JobRunner => {
  const catchUpMs = params.catchUpMs ?? 30_000;
  const retryMs = params.retryMs ?? 10 * 60_000;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = true;

  const later = (job: Job, ms: number) => {
    if (stopped) return;
    timers.set(
      job.name,
      setTimeout(() => tick(job), ms),
    );
  };

  /** The delay before the job's next run. */
  const nextDelay = async (job: Job, failed: boolean): Promise<number> => {
    const { schedule } = job;
    if (schedule.kind === "interval") return schedule.seconds * 1000;
    if (failed) return retryMs;
    return msUntilDailyRun(new Date(), schedule, await params.lastRuns.read(job.name), catchUpMs);
  };

  /** A run and the scheduling of the next, tracked so stop() waits for both. */
  const tick = (job: Job) => {
    const done: Promise<void> = (async () => {
      let failed = false;
      const startedAt = new Date();
      try {
        await job.run();
        if (job.schedule.kind === "daily") await params.lastRuns.write(job.name, startedAt);
      } catch (error) {
        failed = true;
        logger.error({ err: error, job: job.name }, "job failed");
      }
      await schedule(job, failed);
    })().finally(() => running.delete(done));
    running.add(done);
  };

  const schedule = async (job: Job, failed: boolean) => {
    if (stopped) return;
    try {
      later(job, await nextDelay(job, failed));
    } catch (error) {
      logger.error({ err: error, job: job.name }, "cannot schedule job");
      later(job, retryMs);
    }
  };

  return {
    start: async () => {
      stopped = false;
      await Promise.all(params.jobs.map((job) => schedule(job, false)));
    },
    stop: async () => {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all(running);
    },
  };
};
