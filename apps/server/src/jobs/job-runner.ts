import { logger } from "../lib/logger";

/**
 * A recurring job, whatever runs it. This slice has only the in-process
 * runner; pg-boss behind the same interface comes when several server
 * processes share one PostgreSQL (see createInProcessRunner).
 */
export type JobRunner = {
  start: () => void;
  /** Stops the timer and waits for a run in progress, so the database can be closed after. */
  stop: () => Promise<void>;
};

/**
 * Runs `run` every `intervalMs` in this process, never two at once; a failed
 * run is logged and the next one tries again. Enough for PGlite (one process
 * by design) and for a single server on PostgreSQL. With several processes
 * each would drain the same dirty marks (harmless, as the upsert and the
 * clear are idempotent, but wasted work): pg-boss gives one worker per job
 * there. Not now: it adds its own schema and migrations, and one process is
 * what we ship.
 */
export const createInProcessRunner = (params: {
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
}): JobRunner => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    running = params
      .run()
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error, job: params.name }, "job failed"),
      )
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, params.intervalMs);
      });
  };
  return {
    start: () => {
      stopped = false;
      timer = setTimeout(tick, params.intervalMs);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
