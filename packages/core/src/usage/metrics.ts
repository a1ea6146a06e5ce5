import { z } from "zod";
import { isoDateSchema } from "../accounts/account-fields";
import { daysBetween } from "../success-plan/plan-dates";
import { type MetricRef, type MetricValues, metricKey } from "./metric-ref";

/*
 * Rollup design: one row per account per day, holding the day's event counts
 * by name and the ids of the users active that day.
 *
 * Why user ids and not a count: distinct active users over N days is not the
 * sum of daily counts (the same person on 20 days would count 20 times), and
 * it is needed for any window ending on any day (the previous window for the
 * trend, health history, backfills). A per-user "last seen" table answers
 * only "active in the N days up to today". Daily id lists answer every window
 * exactly, stay small (one id per person per active day, not per event), and
 * make the rollup idempotent to update: adding an id that is already there
 * changes nothing, and counts are only bumped for messageIds stored for the
 * first time. The cost stays with the rows, not the events: one pass over
 * an account's ≤ 2 × window rows with one Set of ids (about 13 µs for 55
 * rows of a small account), so 100,000 accounts × 30 days is seconds.
 *
 * Days are calendar days in the workspace's time zone (eventDay), as
 * YYYY-MM-DD; a day with no row had no activity.
 */

export const dailyRollupSchema = z.strictObject({
  day: isoDateSchema,
  eventCounts: z.record(z.string().min(1), z.number().int().nonnegative()),
  /** Distinct ids of users with a track, page or screen call that day. */
  activeUserIds: z.array(z.string().min(1)),
});
export type DailyRollup = z.infer<typeof dailyRollupSchema>;

const DAY_MS = 86_400_000;

const shiftedDays = new Map<string, string>();

/** The calendar date `days` after (or before, when negative) a YYYY-MM-DD date. */
export const addCalendarDays = (day: string, days: number): string => {
  // A full recompute asks for the same few window bounds for every account;
  // remembering them saves two Date conversions per account.
  const key = `${day}|${days}`;
  let shifted = shiftedDays.get(key);
  if (shifted === undefined) {
    shifted = new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);
    if (shiftedDays.size >= 10_000) shiftedDays.clear();
    shiftedDays.set(key, shifted);
  }
  return shifted;
};

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day, in a time zone, of an instant: "2026-04-01T16:30:00Z" is
 * 2026-04-02 in Asia/Tokyo. en-CA formats dates as YYYY-MM-DD.
 */
export const eventDay = (timestamp: string, timeZone: string): string => {
  // An ISO instant in UTC already starts with its UTC day; Intl costs ~10 µs an event at ingest.
  if (timeZone === "UTC" && timestamp.length === 24 && timestamp.endsWith("Z")) {
    return timestamp.slice(0, 10);
  }
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(timestamp));
};

/** What a rollup needs from an event; NormalisedSegmentEvent has it. */
export type RollupEvent = {
  type: string;
  event: string | null;
  userId: string | null;
  timestamp: string;
};

/**
 * One account's events as daily rollups, oldest first: the same thing the
 * server keeps incrementally, for imports, seeds and tests. Only track calls
 * are counted by name; a user is active on a day with a track, page or screen
 * call (identify and group describe people, they are not use). Anonymous
 * visitors are not users of a B2B product, so only userIds count.
 */
export const rollUpEvents = (events: readonly RollupEvent[], timeZone: string): DailyRollup[] => {
  const days = new Map<string, { eventCounts: Record<string, number>; users: Set<string> }>();
  for (const event of events) {
    const isUse = event.type === "track" || event.type === "page" || event.type === "screen";
    if (!isUse) continue;
    const day = eventDay(event.timestamp, timeZone);
    let rollup = days.get(day);
    if (rollup === undefined) {
      rollup = { eventCounts: {}, users: new Set() };
      days.set(day, rollup);
    }
    if (event.type === "track" && event.event !== null) {
      rollup.eventCounts[event.event] = (rollup.eventCounts[event.event] ?? 0) + 1;
    }
    if (event.userId !== null) rollup.users.add(event.userId);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, { eventCounts, users }]) => ({
      day,
      eventCounts,
      activeUserIds: [...users].sort(),
    }));
};

export type AccountMetricsInput = {
  /** The account's daily rollups; any order, days outside both windows are ignored. */
  rollups: readonly DailyRollup[];
  /** The last day of the window, YYYY-MM-DD, in the workspace's time zone. */
  asOf: string;
  windowDays: number;
  /** Licensed seats from the account's active contracts; null when unknown. */
  seats?: number | null;
  /**
   * The last day the account was seen, kept apart from the rollups (they may
   * be trimmed to the longest window); the later of this and the rollups wins.
   */
  lastSeen?: string | null;
  /** Progress (0–100, as kpiProgress) of each open KPI of the active success plan. */
  kpiProgress?: readonly (number | null)[];
  /** The account's NPS (−100..100) from its latest survey round. */
  lastNps?: number | null;
  /** The date of the last meeting with an evaluator or final evaluator. */
  lastEvaluatorMeeting?: string | null;
  /** The next renewal date (the active contract's end). */
  renewalDate?: string | null;
  /** MRR in major units of the workspace's currency (yen, dollars), as rules are written. */
  mrr?: number | null;
  /** Current maturity level per product key. */
  maturityLevels?: Readonly<Record<string, number>>;
  /** The start of the account's first contract (tenureDays counts from it). */
  customerSince?: string | null;
  /** Numbers the workspace brings itself (e.g. departments using the product), read as custom:key. */
  custom?: Readonly<Record<string, number | null>>;
};

export type WindowTotals = {
  from: string;
  to: string;
  eventCounts: Record<string, number>;
  totalEvents: number;
  activeUsers: number;
  activeDays: number;
  /**
   * Event names with a count, when eventCounts holds only some names (the
   * database counts only the names a model asks for); else eventCounts' keys.
   */
  distinctEvents?: number;
};

export type AccountMetrics = {
  asOf: string;
  windowDays: number;
  /** The window: the `windowDays` days ending on asOf, both ends included. */
  current: WindowTotals;
  /** The same number of days just before it, for the trend. */
  previous: WindowTotals;
  distinctEvents: number;
  seats: number | null;
  /** activeUsers / seats × 100; above 100 when more people use it than are licensed. */
  seatUtilisation: number | null;
  lastSeen: string | null;
  daysSinceLastSeen: number | null;
  /** (current − previous) / previous × 100; 0 when both are 0, null when only previous is 0. */
  eventCountChange: number | null;
  activeUsersChange: number | null;
  /** Mean of the open KPIs' progress; null when none is known. */
  openKpiProgress: number | null;
  lastNps: number | null;
  daysSinceEvaluatorMeeting: number | null;
  daysToRenewal: number | null;
  /** Days since the first contract began; null without one. */
  tenureDays: number | null;
  mrr: number | null;
  maturityLevels: Readonly<Record<string, number>>;
  custom: Readonly<Record<string, number | null>>;
};

/**
 * Percent change from `before` to `now`. From nothing there is no percentage:
 * a rise has no base, and nothing in both windows is no trend at all (scoring
 * it as "steady" gave an account that never used the product trend points).
 */
export const usageChangePercent = (before: number, now: number): number | null => {
  if (before === 0) return null;
  return ((now - before) * 100) / before;
};

const emptyTotals = (from: string, to: string) => ({
  from,
  to,
  eventCounts: new Map<string, number>(),
  totalEvents: 0,
  users: new Set<string>(),
  days: new Set<string>(),
});

// Written out: an object rest/spread here cost more than the whole loop over the rows.
const finishTotals = (totals: ReturnType<typeof emptyTotals>): WindowTotals => ({
  from: totals.from,
  to: totals.to,
  eventCounts: Object.fromEntries(totals.eventCounts),
  totalEvents: totals.totalEvents,
  activeUsers: totals.users.size,
  activeDays: totals.days.size,
});

const daysSince = (day: string | null | undefined, asOf: string): number | null =>
  day === null || day === undefined ? null : daysBetween(day.slice(0, 10), asOf);

/**
 * An account's usage metrics for one window, from its daily rollups and the
 * other data passed through. One pass over the rollups; both windows are
 * counted together. A rollup day after asOf is ignored, so history can be
 * recomputed for any past day from the same rows.
 */
export const computeAccountMetrics = (input: AccountMetricsInput): AccountMetrics => {
  const { asOf, windowDays } = input;
  const totals = windowTotalsFromRollups(input.rollups, asOf, windowDays);
  return accountMetricsFromTotals(
    { ...input, lastSeen: laterDay(input.lastSeen, totals.lastActiveDay, asOf) },
    windowDays,
    totals,
  );
};

/** The later of a given last-seen day (ignored when after asOf) and the last active day found. */
const laterDay = (
  given: string | null | undefined,
  found: string | null,
  asOf: string,
): string | null => {
  const day = given && given.slice(0, 10) <= asOf ? given.slice(0, 10) : null;
  return day === null ? found : found === null || day > found ? day : found;
};

/** A window and the one before it, as counted from daily rollups (or by the database, alike). */
export type WindowPair = { current: WindowTotals; previous: WindowTotals };

/**
 * Counts one window and the one before it from daily rollups, in one pass,
 * with the last active day up to asOf. A day is active when it has an event
 * or an active user. The database computes the same totals in SQL for a
 * full recompute (equivalence tested on the server); this is the reference.
 */
export const windowTotalsFromRollups = (
  rollups: readonly DailyRollup[],
  asOf: string,
  windowDays: number,
): WindowPair & { lastActiveDay: string | null } => {
  const currentFrom = addCalendarDays(asOf, -(windowDays - 1));
  const previousFrom = addCalendarDays(asOf, -(2 * windowDays - 1));
  const current = emptyTotals(currentFrom, asOf);
  const previous = emptyTotals(previousFrom, addCalendarDays(currentFrom, -1));
  let lastActiveDay: string | null = null;

  // One pass and no allocation per row: this runs for every account on a full recompute.
  for (const rollup of rollups) {
    const { day, eventCounts } = rollup;
    if (day > asOf) continue;
    const totals = day >= currentFrom ? current : day >= previousFrom ? previous : undefined;
    let dayTotal = 0;
    for (const name in eventCounts) {
      const count = eventCounts[name]!;
      dayTotal += count;
      totals?.eventCounts.set(name, (totals.eventCounts.get(name) ?? 0) + count);
    }
    const active = dayTotal > 0 || rollup.activeUserIds.length > 0;
    if (active && (lastActiveDay === null || day > lastActiveDay)) lastActiveDay = day;
    if (totals === undefined) continue;
    totals.totalEvents += dayTotal;
    for (const id of rollup.activeUserIds) totals.users.add(id);
    if (active) totals.days.add(day);
  }
  return { current: finishTotals(current), previous: finishTotals(previous), lastActiveDay };
};

/**
 * An account's metrics for one window from its window totals, its last-seen
 * day and the other data passed through.
 */
export const accountMetricsFromTotals = (
  input: Omit<AccountMetricsInput, "rollups" | "lastSeen" | "windowDays"> & {
    lastSeen: string | null;
  },
  windowDays: number,
  pair: WindowPair,
): AccountMetrics => {
  const { asOf, lastSeen } = input;
  const seats = input.seats ?? null;
  const known = (input.kpiProgress ?? []).filter(
    (value): value is number => value !== null && Number.isFinite(value),
  );
  const renewal = input.renewalDate ?? null;

  return {
    asOf,
    windowDays,
    // The two parts, not the pair: computeAccountMetrics' pair carries lastActiveDay too.
    current: pair.current,
    previous: pair.previous,
    distinctEvents:
      pair.current.distinctEvents ??
      Object.values(pair.current.eventCounts).filter((count) => count > 0).length,
    seats,
    // ×100 before dividing keeps whole shares exact (7 of 100 is 7, not 7.000000000000001).
    seatUtilisation: seats === null || seats <= 0 ? null : (pair.current.activeUsers * 100) / seats,
    lastSeen,
    daysSinceLastSeen: daysSince(lastSeen, asOf),
    eventCountChange: usageChangePercent(pair.previous.totalEvents, pair.current.totalEvents),
    activeUsersChange: usageChangePercent(pair.previous.activeUsers, pair.current.activeUsers),
    openKpiProgress: known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length,
    lastNps: input.lastNps ?? null,
    daysSinceEvaluatorMeeting: daysSince(input.lastEvaluatorMeeting, asOf),
    daysToRenewal: renewal === null ? null : daysBetween(asOf, renewal.slice(0, 10)),
    tenureDays: daysSince(input.customerSince, asOf),
    mrr: input.mrr ?? null,
    maturityLevels: input.maturityLevels ?? {},
    custom: input.custom ?? {},
  };
};

/** The current window's events, all of them or of one name. */
const eventsOf = (metrics: AccountMetrics, event: string | undefined): number =>
  event === undefined ? metrics.current.totalEvents : (metrics.current.eventCounts[event] ?? 0);

/** A metric's value from metrics computed for its window (the window is the caller's to match). */
export const readAccountMetric = (metrics: AccountMetrics, ref: MetricRef): number | null => {
  switch (ref.name) {
    case "eventCount":
      return metrics.current.eventCounts[ref.event] ?? 0;
    case "totalEvents":
      return metrics.current.totalEvents;
    case "distinctEvents":
      return metrics.distinctEvents;
    case "activeUsers":
      return metrics.current.activeUsers;
    case "activeDays":
      return metrics.current.activeDays;
    case "seatUtilisation":
      return metrics.seatUtilisation;
    case "eventCountChange":
      return ref.event === undefined
        ? metrics.eventCountChange
        : usageChangePercent(
            metrics.previous.eventCounts[ref.event] ?? 0,
            metrics.current.eventCounts[ref.event] ?? 0,
          );
    case "activeUsersChange":
      return metrics.activeUsersChange;
    case "eventsPerActiveUser": {
      const users = metrics.current.activeUsers;
      return users === 0 ? null : eventsOf(metrics, ref.event) / users;
    }
    case "eventsPerSeat":
      return metrics.seats === null || metrics.seats <= 0
        ? null
        : eventsOf(metrics, ref.event) / metrics.seats;
    case "maturityLevel": {
      if (ref.product !== undefined) return metrics.maturityLevels[ref.product] ?? null;
      // Without a product: the account's highest level over its products.
      const levels = Object.values(metrics.maturityLevels);
      return levels.length === 0 ? null : Math.max(...levels);
    }
    case "custom":
      return metrics.custom[ref.key] ?? null;
    case "licensedSeats":
      return metrics.seats;
    default:
      return metrics[ref.name];
  }
};

/**
 * The values of exactly the metrics asked for (those of a scorecard and the
 * rules in force), keyed by metricKey, whatever windows they use: each
 * distinct window is computed once.
 */
export const computeMetricValues = (
  input: Omit<AccountMetricsInput, "windowDays">,
  refs: readonly MetricRef[],
): Record<string, number | null> =>
  metricValuesOf((windowDays) => computeAccountMetrics({ ...input, windowDays }), refs);

/**
 * computeMetricValues from window totals counted elsewhere (the database, on
 * a full recompute): `windows` holds a pair for every window the refs use;
 * a window missing there counts as no usage.
 */
export const computeMetricValuesFromTotals = (
  input: Omit<AccountMetricsInput, "windowDays" | "rollups" | "lastSeen"> & {
    windows: ReadonlyMap<number, WindowPair>;
    lastSeen: string | null;
  },
  refs: readonly MetricRef[],
): Record<string, number | null> =>
  metricValuesOf(
    // Passed as it is, not spread into a new object per window: this runs for every account.
    (windowDays) =>
      accountMetricsFromTotals(
        input,
        windowDays,
        input.windows.get(windowDays) ?? emptyWindowPair(input.asOf, windowDays),
      ),
    refs,
  );

/** A window ending on asOf and the one before it, with no usage in either. */
export const emptyWindowPair = (asOf: string, windowDays: number): WindowPair => {
  const currentFrom = addCalendarDays(asOf, -(windowDays - 1));
  const empty = (from: string, to: string): WindowTotals => ({
    from,
    to,
    eventCounts: {},
    totalEvents: 0,
    activeUsers: 0,
    activeDays: 0,
  });
  return {
    current: empty(currentFrom, asOf),
    previous: empty(addCalendarDays(asOf, -(2 * windowDays - 1)), addCalendarDays(currentFrom, -1)),
  };
};

const metricValuesOf = (
  compute: (windowDays: number) => AccountMetrics,
  refs: readonly MetricRef[],
): Record<string, number | null> => {
  const byWindow = new Map<number, AccountMetrics>();
  const metricsFor = (windowDays: number) => {
    let metrics = byWindow.get(windowDays);
    if (metrics === undefined) {
      metrics = compute(windowDays);
      byWindow.set(windowDays, metrics);
    }
    return metrics;
  };
  const values: Record<string, number | null> = {};
  const unwindowed: MetricRef[] = [];
  for (const ref of refs) {
    if ("windowDays" in ref)
      values[metricKey(ref)] = readAccountMetric(metricsFor(ref.windowDays), ref);
    else unwindowed.push(ref);
  }
  if (unwindowed.length > 0) {
    // These do not depend on the window: any computed one will do.
    const any = byWindow.values().next().value ?? metricsFor(1);
    for (const ref of unwindowed) values[metricKey(ref)] = readAccountMetric(any, ref);
  }
  return values;
};

/**
 * Every window metric of computed metrics under its key (one eventCount per
 * event name seen), plus the pass-throughs: what the metrics API answers and
 * what a rule editor can preview against.
 */
export const accountMetricValues = (metrics: AccountMetrics): MetricValues => {
  const { windowDays } = metrics;
  const refs: MetricRef[] = [
    { name: "totalEvents", windowDays },
    { name: "distinctEvents", windowDays },
    { name: "activeUsers", windowDays },
    { name: "activeDays", windowDays },
    { name: "seatUtilisation", windowDays },
    { name: "eventCountChange", windowDays },
    { name: "activeUsersChange", windowDays },
    { name: "eventsPerActiveUser", windowDays },
    { name: "eventsPerSeat", windowDays },
    { name: "daysSinceLastSeen" },
    { name: "openKpiProgress" },
    { name: "lastNps" },
    { name: "daysSinceEvaluatorMeeting" },
    { name: "daysToRenewal" },
    { name: "mrr" },
    { name: "licensedSeats" },
    { name: "tenureDays" },
    { name: "maturityLevel" },
    // Events of either window: one that stopped is news too.
    ...[
      ...new Set([
        ...Object.keys(metrics.current.eventCounts),
        ...Object.keys(metrics.previous.eventCounts),
      ]),
    ]
      .sort()
      .flatMap((event): MetricRef[] => [
        { name: "eventCount", windowDays, event },
        { name: "eventCountChange", windowDays, event },
      ]),
    ...Object.keys(metrics.maturityLevels).map(
      (product): MetricRef => ({ name: "maturityLevel", product }),
    ),
    ...Object.keys(metrics.custom).map((key): MetricRef => ({ name: "custom", key })),
  ];
  return Object.fromEntries(refs.map((ref) => [metricKey(ref), readAccountMetric(metrics, ref)]));
};
