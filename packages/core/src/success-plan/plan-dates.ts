/*
 * Plan dates are calendar dates as YYYY-MM-DD. They compare in calendar order
 * as strings, and read as UTC midnight their difference is a whole number of
 * days with no daylight-saving shift; that one subtraction is all the plan
 * needs, so no date library is pulled into core for it.
 */

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to`: 2026-10-01 → 2026-10-31 is 30; negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

const TOKYO_OFFSET_MS = 9 * 3_600_000;

/**
 * The calendar date at `now` in Japan, where Michi's customers are, as
 * YYYY-MM-DD: the day plans are checked on. Workspaces have no time zone
 * yet; Japan keeps no daylight-saving time, so a fixed +9 h is exact.
 */
export const todayInTokyo = (now: Date): string =>
  new Date(now.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
