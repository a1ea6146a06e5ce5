import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCalendarDays, type DailyRollup, windowTotalsFromRollups } from "./metrics";
import { slidingWindowTotals, type WindowTotalsNeeds } from "./sliding-window-totals";

const start = "2026-01-01";
const names = ["post", "view", "ログイン"];

/** Rollups over 120 days: gaps, days with users and no events, events and no users. */
const rollupsArb = fc
  .array(
    fc.record({
      offset: fc.integer({ min: 0, max: 119 }),
      counts: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }),
      users: fc.uniqueArray(fc.constantFrom("u1", "u2", "u3", "u4", "u5"), { maxLength: 4 }),
    }),
    { maxLength: 60 },
  )
  .map((rows) => {
    const byDay = new Map<string, DailyRollup>();
    for (const row of rows) {
      const day = addCalendarDays(start, row.offset);
      const eventCounts: Record<string, number> = {};
      row.counts.forEach((count, i) => {
        if (count > 0) eventCounts[names[i]!] = count;
      });
      byDay.set(day, { day, eventCounts, activeUserIds: [...row.users].sort() });
    }
    return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  });

describe("slidingWindowTotals", () => {
  it("counts every day what windowTotalsFromRollups counts, shaped by the needs", () => {
    fc.assert(
      fc.property(
        rollupsArb,
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 130 }),
        (rollups, every, first) => {
          const needs: WindowTotalsNeeds = {
            windows: [1, 7, 30],
            events: ["post", "ログイン"],
            distinctEventWindows: [30],
            previousUserWindows: [7],
          };
          const days: string[] = [];
          for (let d = first; d <= 150; d += every) days.push(addCalendarDays(start, d));
          const seen: number[] = [];
          slidingWindowTotals(rollups, days, needs, (i, windows, lastActiveDay) => {
            seen.push(i);
            const day = days[i]!;
            expect(lastActiveDay).toBe(windowTotalsFromRollups(rollups, day, 1000).lastActiveDay);
            for (const w of needs.windows) {
              const expected = windowTotalsFromRollups(rollups, day, w);
              const pair = windows.get(w)!;
              for (const part of ["current", "previous"] as const) {
                const e = expected[part];
                expect(pair[part]).toMatchObject({
                  from: e.from,
                  to: e.to,
                  totalEvents: e.totalEvents,
                  activeDays: e.activeDays,
                  activeUsers:
                    part === "previous" && !needs.previousUserWindows.includes(w)
                      ? 0
                      : e.activeUsers,
                  eventCounts: Object.fromEntries(
                    needs.events.flatMap((n) => (e.eventCounts[n] ? [[n, e.eventCounts[n]]] : [])),
                  ),
                });
              }
              expect(pair.current.distinctEvents).toBe(
                w === 30
                  ? Object.values(expected.current.eventCounts).filter((n) => n > 0).length
                  : undefined,
              );
            }
          });
          expect(seen).toEqual(days.map((_, i) => i));
        },
      ),
      { numRuns: 150 },
    );
  });
});
