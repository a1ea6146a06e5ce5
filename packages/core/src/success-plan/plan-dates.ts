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
