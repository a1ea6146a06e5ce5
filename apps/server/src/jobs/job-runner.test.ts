import { describe, expect, it } from "vitest";
import { createInProcessRunner } from "./job-runner";

describe("createInProcessRunner", () => {
  it("runs every interval, never twice at once, and stop waits for the run in progress", async () => {
    let runs = 0;
    let active = 0;
    let overlapped = false;
    let finished = 0;
    const runner = createInProcessRunner({
      name: "test",
      intervalMs: 5,
      run: async () => {
        runs += 1;
        active += 1;
        if (active > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 15));
        active -= 1;
        finished += 1;
      },
    });
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 80));
    await runner.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(overlapped).toBe(false);
    expect(finished).toBe(runs);
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(after);
  });
});
