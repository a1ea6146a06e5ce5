import {
  accountLockoutPolicy,
  addressLockoutPolicy,
  type LockoutPolicy,
  type LockoutState,
  lockoutExpiresAt,
  lockoutRetryAfter,
  recordLoginFailure,
} from "@michi/core";
import { APIError } from "better-auth/api";
import { eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loginThrottles } from "../../db/schema";

/**
 * Failed logins counted per account and per client address, in the database so
 * every server process on one PostgreSQL sees the same counts. better-auth's
 * own rate limit counts requests per address and path only, successes too, and
 * has no notion of the account tried nor of a growing lockout.
 */
export type LoginKey = { key: string; policy: LockoutPolicy };

/** `email` as better-auth looks it up; `address` as better-auth's getIP resolves it. */
export const loginKeysOf = (params: { email: string; address: string | null }): LoginKey[] => [
  { key: `email:${params.email.trim().toLowerCase()}`, policy: accountLockoutPolicy },
  { key: `address:${params.address ?? "unknown"}`, policy: addressLockoutPolicy },
];

const stateOf = (row: typeof loginThrottles.$inferSelect): LockoutState => ({
  failures: row.failures,
  windowStartedAt: row.windowStartedAt,
  strikes: row.strikes,
  lockedUntil: row.lockedUntil,
});

/** Seconds until the longest running lockout among the keys ends, or null. */
export const findLoginLockout = async (
  db: Db,
  params: { keys: LoginKey[]; now: Date },
): Promise<number | null> => {
  const rows = await db
    .select()
    .from(loginThrottles)
    .where(
      inArray(
        loginThrottles.key,
        params.keys.map((k) => k.key),
      ),
    );
  const waits = rows.map((row) => lockoutRetryAfter(stateOf(row), params.now) ?? 0);
  const longest = Math.max(0, ...waits);
  return longest > 0 ? longest : null;
};

/**
 * Counts one failure on each key; answers the lockout it started, if any.
 * Each row is locked while it is read and written, so two processes counting
 * at once both count.
 */
export const recordLoginFailures = async (
  db: Db,
  params: { keys: LoginKey[]; now: Date },
): Promise<number | null> => {
  const { now } = params;
  // Always the same order, so two transactions never wait on each other's rows.
  const keys = [...params.keys].sort((a, b) => a.key.localeCompare(b.key));
  const waits = await db.transaction(async (tx) => {
    const found: number[] = [];
    for (const { key, policy } of keys) {
      await tx
        .insert(loginThrottles)
        .values({ key, failures: 0, windowStartedAt: now, strikes: 0, expiresAt: now })
        .onConflictDoNothing();
      const [row] = await tx
        .select()
        .from(loginThrottles)
        .where(eq(loginThrottles.key, key))
        .for("update");
      const next = recordLoginFailure(row ? stateOf(row) : undefined, now, policy);
      await tx
        .update(loginThrottles)
        .set({ ...next, expiresAt: lockoutExpiresAt(next, policy) })
        .where(eq(loginThrottles.key, key));
      found.push(lockoutRetryAfter(next, now) ?? 0);
    }
    return found;
  });
  // Forgotten keys; outside the transaction so it never waits on a row being counted.
  await db.delete(loginThrottles).where(lt(loginThrottles.expiresAt, now));
  const longest = Math.max(0, ...waits);
  return longest > 0 ? longest : null;
};

/** A successful login clears the account's failures (not the address's: one own account must not reset it). */
export const clearLoginFailures = (db: Db, key: LoginKey) =>
  db.delete(loginThrottles).where(eq(loginThrottles.key, key.key));

export const TOO_MANY_LOGINS = "TOO_MANY_FAILED_LOGINS";

/** better-auth's error for a refused login; app's auth handler turns it into problem+json. */
export const tooManyLogins = (retryAfterSeconds: number) => {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new APIError(
    "TOO_MANY_REQUESTS",
    {
      code: TOO_MANY_LOGINS,
      message: `Too many failed logins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    },
    { "Retry-After": String(retryAfterSeconds) },
  );
};
