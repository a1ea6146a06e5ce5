import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DISABLE_AFTER_FAILING_MS,
  DISABLE_AFTER_FAILURES,
  MAX_DELIVERY_ATTEMPTS,
  nextRetryDelay,
  shouldDisable,
} from "./retry";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("nextRetryDelay", () => {
  it("grows from 30 s to the 8 h cap, without jitter at the middle", () => {
    const nominal = [1, 2, 3, 4, 5, 6, 7].map((attempt) => nextRetryDelay(attempt, 0.5));
    expect(nominal).toEqual([
      30_000,
      2 * MINUTE,
      8 * MINUTE,
      32 * MINUTE,
      128 * MINUTE,
      8 * HOUR,
      8 * HOUR,
    ]);
  });

  it("gives up after the last attempt, and on nonsense", () => {
    expect(nextRetryDelay(MAX_DELIVERY_ATTEMPTS, 0.5)).toBeNull();
    expect(nextRetryDelay(MAX_DELIVERY_ATTEMPTS + 3, 0.5)).toBeNull();
    expect(nextRetryDelay(0, 0.5)).toBeNull();
    expect(nextRetryDelay(1.5, 0.5)).toBeNull();
  });

  it("stays within ±20 % of the nominal delay and never passes the cap's", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_DELIVERY_ATTEMPTS - 1 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, random) => {
          const delay = nextRetryDelay(attempt, random)!;
          const nominal = nextRetryDelay(attempt, 0.5)!;
          expect(delay).toBeGreaterThanOrEqual(Math.floor(nominal * 0.8));
          expect(delay).toBeLessThanOrEqual(Math.ceil(nominal * 1.2));
          expect(delay).toBeLessThanOrEqual(8 * HOUR * 1.2);
        },
      ),
    );
  });

  it("spreads deliveries that failed together", () => {
    expect(nextRetryDelay(3, 0.1)).not.toBe(nextRetryDelay(3, 0.9));
  });
});

describe("shouldDisable", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("disables after enough failures over a long enough time", () => {
    expect(
      shouldDisable({
        consecutiveFailures: DISABLE_AFTER_FAILURES,
        failingSince: ago(DISABLE_AFTER_FAILING_MS),
        now,
      }),
    ).toBe(true);
  });

  it("keeps an endpoint through a short outage, however many deliveries failed in it", () => {
    expect(shouldDisable({ consecutiveFailures: 5000, failingSince: ago(2 * HOUR), now })).toBe(
      false,
    );
  });

  it("keeps an endpoint that failed rarely, however long ago", () => {
    expect(
      shouldDisable({
        consecutiveFailures: DISABLE_AFTER_FAILURES - 1,
        failingSince: ago(30 * 24 * HOUR),
        now,
      }),
    ).toBe(false);
  });
});
