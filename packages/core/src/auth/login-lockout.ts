/**
 * Failed-login lockout: after `maxFailures` failures within `windowSeconds`, a
 * key (an email, a client address) is locked; each lockout in a row doubles the
 * next one, up to `maxLockoutSeconds`. A success clears the key; strikes are
 * also forgotten `forgetAfterSeconds` after the last lockout ended.
 */
export type LockoutPolicy = {
  maxFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
  maxLockoutSeconds: number;
  forgetAfterSeconds: number;
};

export type LockoutState = {
  /** Failures in the current window. */
  failures: number;
  windowStartedAt: Date;
  /** Lockouts served since the last success; the next lasts lockoutSeconds × 2^strikes. */
  strikes: number;
  lockedUntil: Date | null;
};

/** Per account (the email tried): a handful of tries, then 15 min, 30 min, 1 h, … up to a day. */
export const accountLockoutPolicy: LockoutPolicy = {
  maxFailures: 5,
  windowSeconds: 15 * 60,
  lockoutSeconds: 15 * 60,
  maxLockoutSeconds: 24 * 60 * 60,
  forgetAfterSeconds: 24 * 60 * 60,
};

/**
 * Per client address: more, since an office or a proxy puts many people
 * behind one address, but still far from a dictionary attack.
 */
export const addressLockoutPolicy: LockoutPolicy = {
  ...accountLockoutPolicy,
  maxFailures: 30,
};

/** Whole seconds until the key may try again, or null when it is not locked. */
export const lockoutRetryAfter = (state: LockoutState | undefined, now: Date): number | null => {
  if (!state?.lockedUntil) return null;
  const ms = state.lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : null;
};

/** The state after one more failed login. A locked key is left as it is (refused tries do not count). */
export const recordLoginFailure = (
  state: LockoutState | undefined,
  now: Date,
  policy: LockoutPolicy,
): LockoutState => {
  if (state && lockoutRetryAfter(state, now) !== null) return state;
  const lockEndedMsAgo = state?.lockedUntil ? now.getTime() - state.lockedUntil.getTime() : null;
  const strikes =
    lockEndedMsAgo !== null && lockEndedMsAgo >= policy.forgetAfterSeconds * 1000
      ? 0
      : (state?.strikes ?? 0);
  const inWindow =
    state !== undefined &&
    now.getTime() - state.windowStartedAt.getTime() < policy.windowSeconds * 1000;
  const failures = (inWindow ? state.failures : 0) + 1;
  const windowStartedAt = inWindow ? state.windowStartedAt : now;
  if (failures < policy.maxFailures) {
    return { failures, windowStartedAt, strikes, lockedUntil: state?.lockedUntil ?? null };
  }
  const seconds = Math.min(policy.lockoutSeconds * 2 ** strikes, policy.maxLockoutSeconds);
  const lockedUntil = new Date(now.getTime() + seconds * 1000);
  // Counting starts again when the lockout ends.
  return { failures: 0, windowStartedAt: lockedUntil, strikes: strikes + 1, lockedUntil };
};

/** When a key's row can be deleted: no lockout running, window over, strikes forgotten. */
export const lockoutExpiresAt = (state: LockoutState, policy: LockoutPolicy): Date => {
  const windowEnd = state.windowStartedAt.getTime() + policy.windowSeconds * 1000;
  const strikesForgotten = state.lockedUntil
    ? state.lockedUntil.getTime() + policy.forgetAfterSeconds * 1000
    : 0;
  return new Date(Math.max(windowEnd, strikesForgotten));
};
