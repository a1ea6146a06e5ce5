import holidayJp from "@holiday-jp/holiday_jp";
import { addCalendarDays } from "../usage/metrics";

/*
 * Business days in Japan: Monday to Friday, less the national holidays
 * (祝日, 振替休日 and 国民の休日). The holidays come from @holiday-jp/holiday_jp,
 * a maintained table (through 2050) rather than a hand list or a rule engine,
 * because the law moves them (2019–2021 had one-off dates for the Olympics).
 * Its table is keyed by YYYY-MM-DD, the form our dates already take, so it is
 * read directly: the library's isHoliday(Date) reads the machine's local
 * time zone, which would shift a day on a server in UTC.
 *
 * The year-end break (12/29–1/3) is not a national holiday beyond 1/1; many
 * Japanese companies close then, but that is a workspace choice, not the law.
 */

const holidays: Readonly<Record<string, unknown>> = holidayJp.holidays;

/** Whether a date (YYYY-MM-DD) is a Japanese national holiday. */
export const isJapaneseHoliday = (date: string): boolean => Object.hasOwn(holidays, date);

/** Whether a date (YYYY-MM-DD) is a business day: a weekday that is not a holiday. */
export const isBusinessDay = (date: string): boolean => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isJapaneseHoliday(date);
};

/**
 * The date `n` business days after `date`: with n = 2 on a Friday, the
 * Tuesday after (a holiday Monday pushes it to Wednesday). The start day
 * itself does not count, whatever it is; n = 0 gives `date` if it is a
 * business day, else the next one, so a task "due today" set on a Sunday is
 * due on Monday.
 */
export const addBusinessDays = (date: string, n: number): string => {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be a whole number ≥ 0");
  let day = date;
  if (n === 0) {
    while (!isBusinessDay(day)) day = addCalendarDays(day, 1);
    return day;
  }
  let left = n;
  while (left > 0) {
    day = addCalendarDays(day, 1);
    if (isBusinessDay(day)) left -= 1;
  }
  return day;
};
