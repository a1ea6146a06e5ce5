import {
  addCalendarDays,
  type DailyRollup,
  emptyWindowPair,
  type WindowPair,
  type WindowTotals,
} from "./metrics";

/**
 * What a model's metrics need counted per window. Totals, active days and the
 * current part's distinct users are always counted; the rest only where asked.
 */
export type WindowTotalsNeeds = {
  windows: readonly number[];
  /** Event names counted one by one (eventCount, eventCountChange of one event). */
  events: readonly string[];
  /** Windows whose number of distinct event names is needed (current part only). */
  distinctEventWindows: readonly number[];
  /**
   * Windows whose previous part counts its distinct users (activeUsersChange).
   * Elsewhere previous.activeUsers is 0, not counted.
   */
  previousUserWindows: readonly number[];
};

/**
 * One part of a window as the recompute's counters shape it: eventCounts
 * of the names asked for (`named`, in the order of `events`), distinctEvents
 * only where counted (null: not asked).
 */
export const shapeWindowTotals = (
  counted: {
    total: number;
    days: number;
    named: readonly number[];
    activeUsers: number;
    distinctEvents: number | null;
  },
  bounds: { from: string; to: string },
  events: readonly string[],
): WindowTotals => {
  const eventCounts: Record<string, number> = {};
  for (let j = 0; j < events.length; j++) {
    if (counted.named[j]! > 0) eventCounts[events[j]!] = counted.named[j]!;
  }
  const totals: WindowTotals = {
    from: bounds.from,
    to: bounds.to,
    eventCounts,
    totalEvents: counted.total,
    activeUsers: counted.activeUsers,
    activeDays: counted.days,
  };
  if (counted.distinctEvents !== null) totals.distinctEvents = counted.distinctEvents;
  return totals;
};

/** One part of one window as it slides: the rows inside it, counted. */
type Part = {
  total: number;
  days: number;
  named: number[];
  /** Active days per user id in the part; null when the part's users are not counted. */
  users: Map<string, number> | null;
  /** Days per event name in the part; null when distinct names are not counted. */
  names: Map<string, number> | null;
};

const newPart = (events: number, users: boolean, names: boolean): Part => ({
  total: 0,
  days: 0,
  named: new Array<number>(events).fill(0),
  users: users ? new Map() : null,
  names: names ? new Map() : null,
});

const bump = (counts: Map<string, number>, key: string, by: 1 | -1) => {
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
};

/**
 * One account's window totals for many days at once (a backfill): for each
 * of `days`, each window's current and previous part, counted as
 * windowTotalsFromRollups counts them (the reference; equivalence is tested)
 * and shaped by `needs` as the recompute's counters shape them. Each window
 * slides over the rows: a row is added when it enters a part and taken out
 * when it leaves, so every row is visited a few times whatever the number of
 * days, where counting each day afresh visits it up to twice the window
 * length. `visit` gets each day's pairs (a fresh Map per day) and the last
 * active day up to it among the rows given. `rollups` oldest first, one row
 * a day; `days` ascending.
 */
export const slidingWindowTotals = (
  rollups: readonly DailyRollup[],
  days: readonly string[],
  needs: WindowTotalsNeeds,
  visit: (dayIndex: number, windows: Map<number, WindowPair>, lastActiveDay: string | null) => void,
): void => {
  const { events } = needs;
  const totalsOf = rollups.map((row) => {
    let total = 0;
    for (const name in row.eventCounts) total += row.eventCounts[name]!;
    return total;
  });
  const active = rollups.map((row, i) => totalsOf[i]! > 0 || row.activeUserIds.length > 0);
  const slides = needs.windows.map((w) => ({
    w,
    current: newPart(events.length, true, needs.distinctEventWindows.includes(w)),
    previous: newPart(events.length, needs.previousUserWindows.includes(w), false),
    // Rows [previousLo, currentLo) are in the previous part, [currentLo, currentHi) in the current.
    previousLo: 0,
    currentLo: 0,
    currentHi: 0,
  }));
  const move = (part: Part, i: number, by: 1 | -1) => {
    if (!active[i]) return;
    const row = rollups[i]!;
    part.total += by * totalsOf[i]!;
    part.days += by;
    for (let j = 0; j < events.length; j++)
      part.named[j]! += by * (row.eventCounts[events[j]!] ?? 0);
    if (part.users) for (const id of row.activeUserIds) bump(part.users, id, by);
    if (part.names) {
      for (const name in row.eventCounts)
        if (row.eventCounts[name]! > 0) bump(part.names, name, by);
    }
  };
  const finish = (part: Part, bounds: { from: string; to: string }): WindowTotals =>
    shapeWindowTotals(
      {
        total: part.total,
        days: part.days,
        named: part.named,
        activeUsers: part.users?.size ?? 0,
        distinctEvents: part.names?.size ?? null,
      },
      bounds,
      events,
    );
  let lastActive = -1;
  let seen = 0;
  days.forEach((day, dayIndex) => {
    while (seen < rollups.length && rollups[seen]!.day <= day) {
      if (active[seen]) lastActive = seen;
      seen++;
    }
    const pairs = new Map<number, WindowPair>();
    for (const slide of slides) {
      const bounds = emptyWindowPair(day, slide.w);
      const currentFrom = bounds.current.from;
      const previousFrom = addCalendarDays(day, -(2 * slide.w - 1));
      while (slide.currentHi < rollups.length && rollups[slide.currentHi]!.day <= day) {
        move(slide.current, slide.currentHi++, 1);
      }
      while (slide.currentLo < slide.currentHi && rollups[slide.currentLo]!.day < currentFrom) {
        move(slide.current, slide.currentLo, -1);
        move(slide.previous, slide.currentLo++, 1);
      }
      while (slide.previousLo < slide.currentLo && rollups[slide.previousLo]!.day < previousFrom) {
        move(slide.previous, slide.previousLo++, -1);
      }
      pairs.set(slide.w, {
        current: finish(slide.current, bounds.current),
        previous: finish(slide.previous, bounds.previous),
      });
    }
    visit(dayIndex, pairs, lastActive < 0 ? null : rollups[lastActive]!.day);
  });
};
