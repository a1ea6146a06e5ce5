import {
  emptyWindowPair,
  shapeWindowTotals,
  type WindowPair,
  type WindowTotals,
} from "@michi/core";
import type { AccountWindowTotals, WindowTotalsNeeds } from "./window-totals";

/* Pure: the rows are read by readWindowRows and readAllWindowRows (window-totals.pglite.ts). */

/** One part (current or previous) of a window while a batch's rows are counted in this process. */
type PartCount = {
  total: number;
  days: number;
  users: Set<string> | null;
  named: number[];
  names: Set<string> | null;
};

/**
 * The rows of the windows as one JSON text ([accountId, day, eventCounts,
 * activeUserIds] each), counted in one pass as core's windowTotalsFromRollups
 * counts (equivalence: window-totals.test.ts), shaped as the database's count
 * is (eventCounts of the names asked for, distinctEvents where asked). Here,
 * not by grouping rows per account and calling core per window: that built
 * every row as an object and every total twice, 0.1 s of JavaScript at 10,000
 * accounts on a read of 0.3 s. One text for the batch, joined by string_agg,
 * not json_agg per account: PGlite spent a fifth of the read on the grouping.
 * The text is readWindowRows' (PGlite only, whose DateStyle is ISO: day::text
 * is YYYY-MM-DD).
 */
export const windowRowsCounter = (params: { asOf: string } & WindowTotalsNeeds) => {
  const { asOf, windows, events } = params;
  const layout = windows.map((w) => {
    const { current, previous } = emptyWindowPair(asOf, w);
    return {
      w,
      current,
      previous,
      distinct: params.distinctEventWindows.includes(w),
      previousUsers: params.previousUserWindows.includes(w),
    };
  });
  const newPart = (users: boolean, names: boolean): PartCount => ({
    total: 0,
    days: 0,
    users: users ? new Set() : null,
    named: events.map(() => 0),
    names: names ? new Set() : null,
  });
  type Counting = { lastActiveDay: string | null; parts: [PartCount, PartCount][] };
  const countingOf = new Map<string, Counting>();
  /** Counts the rows of one text; an account's rows may come in any order and any text. */
  const add = (text: string) => {
    for (const [accountId, day, eventCounts, activeUserIds] of JSON.parse(text) as [
      string,
      string,
      Record<string, number>,
      string[],
    ][]) {
      let counting = countingOf.get(accountId);
      if (counting === undefined) {
        counting = {
          lastActiveDay: null,
          parts: layout.map((l) => [newPart(true, l.distinct), newPart(l.previousUsers, false)]),
        };
        countingOf.set(accountId, counting);
      }
      let dayTotal = 0;
      for (const name in eventCounts) dayTotal += eventCounts[name]!;
      const active = dayTotal > 0 || activeUserIds.length > 0;
      if (!active) continue;
      if (counting.lastActiveDay === null || day > counting.lastActiveDay) {
        counting.lastActiveDay = day;
      }
      for (let i = 0; i < layout.length; i++) {
        const l = layout[i]!;
        const pair = counting.parts[i]!;
        const part = day >= l.current.from ? pair[0] : day >= l.previous.from ? pair[1] : undefined;
        if (part === undefined) continue;
        part.total += dayTotal;
        // A day is one row (the rollups' key), so an active row is an active day.
        part.days += 1;
        if (part.users) for (const id of activeUserIds) part.users.add(id);
        for (let j = 0; j < events.length; j++) part.named[j]! += eventCounts[events[j]!] ?? 0;
        if (part.names)
          for (const name in eventCounts) if (eventCounts[name]! > 0) part.names.add(name);
      }
    }
  };
  const totalsOf = (part: PartCount, bounds: { from: string; to: string }): WindowTotals =>
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
  /** The totals of every account counted, in no particular order. */
  const totals = (): AccountWindowTotals[] =>
    [...countingOf].map(([accountId, counting]) => {
      const pairs = new Map<number, WindowPair>();
      layout.forEach((l, i) => {
        const [current, previous] = counting.parts[i]!;
        pairs.set(l.w, {
          current: totalsOf(current, l.current),
          previous: totalsOf(previous, l.previous),
        });
      });
      return { accountId, lastActiveDay: counting.lastActiveDay, windows: pairs };
    });
  return { add, totals };
};

/** One text's rows counted (readWindowRows' text of a batch). */
export const countWindowRows = (
  text: string,
  params: { asOf: string } & WindowTotalsNeeds,
): AccountWindowTotals[] => {
  const counter = windowRowsCounter(params);
  counter.add(text);
  return counter.totals();
};
