/**
 * When to try a failed delivery again, and when to give up on an endpoint. Pure: the caller
 * passes the random number and the clock, so the job and the tests decide alike.
 */

/** Attempts per event and endpoint, the first included; after the last, the delivery is failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const BACKOFF_FACTOR = 4;
const MAX_RETRY_DELAY_MS = 8 * 60 * 60 * 1000;
/** ±20 %, so deliveries failed together (a receiver's outage) do not return together. */
const JITTER = 0.2;

/**
 * Milliseconds to wait after failed attempt `attempt` (1 = the first), or null when it was the
 * last. Nominal: 30 s, 2 min, 8 min, 32 min, 2 h 8 min, 8 h, 8 h: about 19 h from first to last.
 * `random` is in [0, 1) (Math.random()).
 */
export const nextRetryDelay = (attempt: number, random: number): number | null => {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt >= MAX_DELIVERY_ATTEMPTS) return null;
  const nominal = Math.min(FIRST_RETRY_MS * BACKOFF_FACTOR ** (attempt - 1), MAX_RETRY_DELAY_MS);
  const clamped = Math.min(Math.max(random, 0), 1);
  return Math.round(nominal * (1 - JITTER + 2 * JITTER * clamped));
};

/** Consecutive failed attempts (any event) before an endpoint may be disabled… */
export const DISABLE_AFTER_FAILURES = 10;
/** …and for at least this long since the first of them, so one short outage under heavy
 * traffic (hundreds of failures in minutes) does not disable a good endpoint. */
export const DISABLE_AFTER_FAILING_MS = 24 * 60 * 60 * 1000;

/**
 * Whether to disable an endpoint (with a notice to the workspace) after another failure.
 * `consecutiveFailures` counts failed attempts since the last success; `failingSince` is when
 * the first of them happened.
 */
export const shouldDisable = (params: {
  consecutiveFailures: number;
  failingSince: Date;
  now: Date;
}): boolean =>
  params.consecutiveFailures >= DISABLE_AFTER_FAILURES &&
  params.now.getTime() - params.failingSince.getTime() >= DISABLE_AFTER_FAILING_MS;
