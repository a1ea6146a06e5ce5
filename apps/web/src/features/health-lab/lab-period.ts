import { addCalendarDays, daysBetween } from "@michi/core";

/*
 * The Health Lab's period: observation days from `from` to `to`, every N
 * days, each asking "did the account churn within the horizon after?". The
 * server checks the same rules (observations.ts); checking them here first
 * gives the reasons in the UI language before a slow question is sent.
 */

export type LabPeriod = { from: string; to: string; everyDays: number; horizonDays: number };

/** The server's limit: each observation day is a full evaluation of the workspace. */
export const MAX_OBSERVATION_DAYS = 60;

/**
 * Where a question starts: about six months of history, every 30 days, up to
 * the last day whose 30-day outcome is known (31 days ago).
 */
export const defaultLabPeriod = (today: string): LabPeriod => ({
  from: addCalendarDays(today, -181),
  to: addCalendarDays(today, -31),
  everyDays: 30,
  horizonDays: 30,
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string) => ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
const isWholeDays = (value: number) => Number.isInteger(value) && value >= 1 && value <= 365;

export type PeriodProblem =
  | { field: "from"; code: "invalid" | "afterTo" }
  | { field: "to"; code: "invalid" | "noKnownOutcome"; latest: string }
  | { field: "everyDays"; code: "range" | "tooMany"; count: number }
  | { field: "horizonDays"; code: "range" };

export type PeriodCheck = {
  problems: PeriodProblem[];
  /** The days observed: from `from` every N days up to `to`, whose horizon has passed by today. */
  days: string[];
  /** Days in the range left out because their outcome is not known yet. */
  unknownDays: number;
};

/** The observation days of a period, or why it cannot be asked. */
export const checkLabPeriod = (period: LabPeriod, today: string): PeriodCheck => {
  const problems: PeriodProblem[] = [];
  const latest = addCalendarDays(today, -(period.horizonDays + 1));
  if (!isDay(period.from)) problems.push({ field: "from", code: "invalid" });
  if (!isDay(period.to)) problems.push({ field: "to", code: "invalid", latest });
  if (!isWholeDays(period.horizonDays)) problems.push({ field: "horizonDays", code: "range" });
  if (!isWholeDays(period.everyDays))
    problems.push({ field: "everyDays", code: "range", count: 0 });
  if (problems.length > 0) return { problems, days: [], unknownDays: 0 };
  if (period.from > period.to) {
    return { problems: [{ field: "from", code: "afterTo" }], days: [], unknownDays: 0 };
  }
  const count = Math.floor(daysBetween(period.from, period.to) / period.everyDays) + 1;
  if (count > MAX_OBSERVATION_DAYS) {
    return { problems: [{ field: "everyDays", code: "tooMany", count }], days: [], unknownDays: 0 };
  }
  const all = Array.from({ length: count }, (_, i) =>
    addCalendarDays(period.from, i * period.everyDays),
  );
  const days = all.filter((day) => day <= latest);
  if (days.length === 0) {
    return {
      problems: [{ field: "to", code: "noKnownOutcome", latest }],
      days: [],
      unknownDays: all.length,
    };
  }
  return { problems, days, unknownDays: all.length - days.length };
};
