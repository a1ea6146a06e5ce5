import { describe, expect, it } from "vitest";
import { createInProcessRunner, type LastRunStore, msUntilDailyRun } from "./job-runner";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const memoryLastRuns = (initial: Record<string, Date> = {}) => {
  const runs = new Map(Object.entries(initial));
  const store: LastRunStore = {
    read: async (job) => runs.get(job) ?? null,
    write: async (job, at) => void runs.set(job, at),
  };
  return { store, runs };
};

/** Resolves once `condition` holds (the test's own timeout bounds the wait). */
const until = async (condition: () => boolean) => {
  while (!condition()) await sleep(5);
};

describe("msUntilDailyRun", () => {
  const at = { hour: 3, minute: 0 };
  const now = new Date("2026-11-23T10:00:00.000Z");

  it("runs soon when the last slot was missed or there was never a run", () => {
    expect(msUntilDailyRun(now, at, null, 500)).toBe(500);
    expect(msUntilDailyRun(now, at, new Date("2026-11-23T02:59:59.000Z"), 500)).toBe(500);
  });

  it("waits for the next slot after a run since the last one", () => {
    const next = new Date("2026-11-24T03:00:00.000Z").getTime() - now.getTime();
    expect(msUntilDailyRun(now, at, new Date("2026-11-23T03:00:00.000Z"), 500)).toBe(next);
    // Before today's hour, yesterday's slot is the last one.
    const early = new Date("2026-11-23T01:00:00.000Z");
    expect(msUntilDailyRun(early, at, new Date("2026-11-22T03:00:05.000Z"), 500)).toBe(
      2 * 60 * 60 * 1000,
    );
  });
});

describe("createInProcessRunner", () => {
  it("runs an interval job again and again, never twice at once, and stop waits for the run in progress", async () => {
    let runs = 0;
    let active = 0;
    let overlapped = false;
    let finished = 0;
    const runner = createInProcessRunner({
      jobs: [
        {
          name: "test",
          schedule: { kind: "interval", seconds: 0.005 },
          run: async () => {
            runs += 1;
            active += 1;
            if (active > 1) overlapped = true;
            await sleep(15);
            active -= 1;
            finished += 1;
          },
        },
      ],
      lastRuns: memoryLastRuns().store,
    });
    await runner.start();
    await until(() => runs >= 3);
    await runner.stop();
    expect(overlapped).toBe(false);
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(30);
    expect(runs).toBe(after);
  });

  it("catches up a missed daily run once, remembers it, and retries a failed one", async () => {
    const { store, runs: lastRuns } = memoryLastRuns();
    let fullRuns = 0;
    let retentionRuns = 0;
    const runner = createInProcessRunner({
      jobs: [
        {
          name: "full",
          schedule: { kind: "daily", hour: 0, minute: 0 },
          run: async () => {
            fullRuns += 1;
          },
        },
        {
          name: "retention",
          schedule: { kind: "daily", hour: 0, minute: 30 },
          run: async () => {
            retentionRuns += 1;
            if (retentionRuns === 1) throw new Error("database away");
          },
        },
      ],
      lastRuns: store,
      catchUpMs: 1,
      retryMs: 1,
    });
    await runner.start();
    await until(() => retentionRuns >= 2);
    // The failed first run is not remembered; the retry is.
    await until(() => lastRuns.has("retention"));
    await sleep(30);
    await runner.stop();
    // The successful run moved the next one to tomorrow.
    expect(fullRuns).toBe(1);
    expect(retentionRuns).toBe(2);
    expect(lastRuns.get("full")).toBeInstanceOf(Date);

    // A restart the same day does not run them again.
    const again = createInProcessRunner({
      jobs: [
        {
          name: "full",
          schedule: { kind: "daily", hour: 0, minute: 0 },
          run: async () => {
            fullRuns += 1;
          },
        },
      ],
      lastRuns: store,
      catchUpMs: 1,
    });
    await again.start();
    await sleep(30);
    await again.stop();
    expect(fullRuns).toBe(1);
  });
});
