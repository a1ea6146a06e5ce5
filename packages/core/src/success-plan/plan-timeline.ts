/** Days since 1970 for a YYYY-MM-DD date (UTC, so no time zone shifts a day). */
const dayNumber = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000;

/** Where a date sits on a period, 0..100 (%), clamped to the period's ends. */
export const positionOnPeriod = (date: string, start: string, end: string): number => {
  const span = dayNumber(end) - dayNumber(start);
  if (!(span > 0)) return 0;
  const at = ((dayNumber(date) - dayNumber(start)) / span) * 100;
  return Math.min(100, Math.max(0, at));
};

/** The first day of each month inside the period, for ticks. */
export const monthStarts = (start: string, end: string): string[] => {
  const ticks: string[] = [];
  const [year, month] = start.split("-").map(Number);
  if (!year || !month) return ticks;
  let y = year;
  let m = month;
  for (let guard = 0; guard < 120; guard++) {
    const iso = `${y}-${String(m).padStart(2, "0")}-01`;
    if (iso > end) break;
    if (iso >= start) ticks.push(iso);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return ticks;
};

/**
 * The period a timeline spans: the plan's, or else from the earliest to the
 * latest date it has to show (with a month either side).
 */
export const timelinePeriod = (
  period: { start?: string; end?: string } | undefined,
  dates: readonly string[],
): { start: string; end: string } | null => {
  const sorted = [...dates].sort();
  const start = period?.start ?? sorted[0];
  const end = period?.end ?? sorted[sorted.length - 1];
  if (!start || !end || end <= start) return null;
  return { start, end };
};
