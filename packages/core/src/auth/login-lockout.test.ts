import { describe, expect, it } from "vitest";
import {
  accountLockoutPolicy,
  type LockoutState,
  lockoutExpiresAt,
  lockoutRetryAfter,
  recordLoginFailure,
} from "./login-lockout";

const policy = accountLockoutPolicy;
const t0 = new Date("2026-01-01T00:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** `times` (at least one) failures at `when`. */
const fail = (times: number, start: LockoutState | undefined, when: Date): LockoutState => {
  let state = recordLoginFailure(start, when, policy);
  for (let i = 1; i < times; i++) state = recordLoginFailure(state, when, policy);
  return state;
};

describe("recordLoginFailure", () => {
  it("locks for the lockout after maxFailures within the window", () => {
    const four = fail(policy.maxFailures - 1, undefined, t0);
    expect(lockoutRetryAfter(four, t0)).toBeNull();
    const five = recordLoginFailure(four, t0, policy);
    expect(lockoutRetryAfter(five, t0)).toBe(policy.lockoutSeconds);
    expect(five.strikes).toBe(1);
  });

  it("forgets failures older than the window", () => {
    const four = fail(policy.maxFailures - 1, undefined, t0);
    const later = recordLoginFailure(four, at(policy.windowSeconds), policy);
    expect(later.failures).toBe(1);
    expect(lockoutRetryAfter(later, at(policy.windowSeconds))).toBeNull();
  });

  it("does not count tries while locked", () => {
    const locked = fail(policy.maxFailures, undefined, t0);
    expect(recordLoginFailure(locked, at(1), policy)).toBe(locked);
  });

  it("doubles each lockout in a row, up to the maximum", () => {
    let state = fail(policy.maxFailures, undefined, t0);
    let now = t0;
    const lengths: number[] = [];
    for (let round = 0; round < 10; round++) {
      lengths.push(lockoutRetryAfter(state, now) ?? 0);
      now = state.lockedUntil ?? now;
      state = fail(policy.maxFailures, state, now);
    }
    expect(lengths.slice(0, 4)).toEqual([900, 1800, 3600, 7200]);
    expect(Math.max(...lengths)).toBe(policy.maxLockoutSeconds);
  });

  it("forgets strikes a while after the last lockout ended", () => {
    const first = fail(policy.maxFailures, undefined, t0);
    const end = (first.lockedUntil ?? t0).getTime() / 1000 - t0.getTime() / 1000;
    const again = fail(policy.maxFailures, first, at(end + policy.forgetAfterSeconds));
    expect(again.strikes).toBe(1);
    expect(lockoutRetryAfter(again, at(end + policy.forgetAfterSeconds))).toBe(
      policy.lockoutSeconds,
    );
  });

  it("keeps the row until strikes are forgotten", () => {
    const locked = fail(policy.maxFailures, undefined, t0);
    const expiry = lockoutExpiresAt(locked, policy);
    expect(expiry.getTime()).toBe(
      (locked.lockedUntil?.getTime() ?? 0) + policy.forgetAfterSeconds * 1000,
    );
    const once = fail(1, undefined, t0);
    expect(lockoutExpiresAt(once, policy)).toEqual(at(policy.windowSeconds));
  });
});
