import { describe, expect, it } from "vitest";
import { metricRefSchema } from "./metric-ref";
import {
  accountMetricValues,
  addCalendarDays,
  computeAccountMetrics,
  computeMetricValues,
  computeMetricValuesFromTotals,
  type DailyRollup,
  dailyRollupSchema,
  eventDay,
  rollUpEvents,
  usageChangePercent,
  windowTotalsFromRollups,
} from "./metrics";

const day = (
  date: string,
  eventCounts: Record<string, number>,
  activeUserIds: string[],
): DailyRollup => ({
  day: date,
  eventCounts,
  activeUserIds,
});

// asOf 2026-04-30, 7-day windows: current 04-24..04-30, previous 04-17..04-23.
const rollups: DailyRollup[] = [
  day("2026-04-16", { document_created: 50 }, ["u9"]), // before both windows
  day("2026-04-17", { document_created: 4, login: 2 }, ["u1", "u2"]), // first day of previous
  day("2026-04-23", { document_created: 6 }, ["u1", "u3"]), // last day of previous
  day("2026-04-24", { document_created: 3, login: 1 }, ["u1", "u2"]), // first day of current
  day("2026-04-27", { report_exported: 2 }, ["u2", "u4"]),
  day("2026-04-30", { document_created: 1 }, ["u1"]), // asOf itself
  day("2026-05-01", { document_created: 99 }, ["u5"]), // after asOf: ignored
];

describe("computeAccountMetrics", () => {
  const metrics = computeAccountMetrics({ rollups, asOf: "2026-04-30", windowDays: 7, seats: 10 });

  it("takes the N days ending on asOf, both ends included", () => {
    expect(metrics.current).toEqual({
      from: "2026-04-24",
      to: "2026-04-30",
      eventCounts: { document_created: 4, login: 1, report_exported: 2 },
      totalEvents: 7,
      activeUsers: 3, // u1, u2, u4: u1 on two days counts once
      activeDays: 3,
    });
    expect(metrics.previous).toEqual({
      from: "2026-04-17",
      to: "2026-04-23",
      eventCounts: { document_created: 10, login: 2 },
      totalEvents: 12,
      activeUsers: 3, // u1, u2, u3
      activeDays: 2,
    });
  });

  it("derives shares, trend and recency", () => {
    expect(metrics.distinctEvents).toBe(3);
    expect(metrics.seatUtilisation).toBe(30);
    expect(metrics.eventCountChange).toBeCloseTo(((7 - 12) / 12) * 100);
    expect(metrics.activeUsersChange).toBe(0);
    expect(metrics.lastSeen).toBe("2026-04-30");
    expect(metrics.daysSinceLastSeen).toBe(0);
  });

  it("ignores days after asOf, so history can be recomputed", () => {
    const earlier = computeAccountMetrics({ rollups, asOf: "2026-04-26", windowDays: 7 });
    expect(earlier.lastSeen).toBe("2026-04-24");
    expect(earlier.daysSinceLastSeen).toBe(2);
    expect(earlier.current.activeUsers).toBe(3); // u1, u3 (04-23) and u2
    expect(earlier.seatUtilisation).toBeNull(); // no seats known
  });

  it("adds up two rows of the same day and keeps ids distinct", () => {
    const twice = computeAccountMetrics({
      rollups: [day("2026-04-30", { a: 1 }, ["u1"]), day("2026-04-30", { a: 2 }, ["u1", "u2"])],
      asOf: "2026-04-30",
      windowDays: 1,
    });
    expect(twice.current).toMatchObject({ eventCounts: { a: 3 }, activeUsers: 2, activeDays: 1 });
  });

  it("takes the later of the rollups' last day and a given last-seen day, never after asOf", () => {
    const base = { rollups, asOf: "2026-04-30", windowDays: 7 };
    expect(computeAccountMetrics({ ...base, lastSeen: "2026-04-20" }).lastSeen).toBe("2026-04-30");
    expect(
      computeAccountMetrics({ ...base, rollups: [], lastSeen: "2026-03-31" }).daysSinceLastSeen,
    ).toBe(30);
    expect(
      computeAccountMetrics({ ...base, rollups: [], lastSeen: "2026-05-02" }).lastSeen,
    ).toBeNull();
    expect(computeAccountMetrics({ ...base, rollups: [] }).daysSinceLastSeen).toBeNull();
  });

  it("passes through plan, survey, meeting and contract data", () => {
    const passed = computeAccountMetrics({
      rollups: [],
      asOf: "2026-04-30",
      windowDays: 30,
      kpiProgress: [40, null, 80],
      lastNps: 25,
      lastEvaluatorMeeting: "2026-03-31",
      renewalDate: "2026-07-29",
      mrr: 120_000,
      seats: 0,
    });
    expect(passed).toMatchObject({
      openKpiProgress: 60,
      lastNps: 25,
      daysSinceEvaluatorMeeting: 30,
      daysToRenewal: 90,
      mrr: 120_000,
      seatUtilisation: null, // 0 seats: no share
      eventCountChange: null, // nothing then, nothing now: no trend
    });
    expect(
      computeAccountMetrics({ rollups: [], asOf: "2026-04-30", windowDays: 30 }).openKpiProgress,
    ).toBeNull();
  });
});

describe("usageChangePercent", () => {
  it("is relative to the previous window, and undefined from nothing", () => {
    expect(usageChangePercent(10, 15)).toBe(50);
    expect(usageChangePercent(10, 0)).toBe(-100);
    expect(usageChangePercent(0, 0)).toBeNull();
    expect(usageChangePercent(0, 5)).toBeNull();
  });
});

describe("computeMetricValues", () => {
  it("computes exactly the metrics asked for, over their own windows", () => {
    const refs = [
      "eventCount:7d:document_created",
      "eventCount:1d:document_created",
      "eventCount:7d:never_sent",
      "activeUsers:30d",
      "seatUtilisation:7d",
      "eventCountChange:7d:document_created",
      "daysSinceLastSeen",
      "maturityLevel",
      "maturityLevel:invoice",
      "custom:departments",
      "licensedSeats",
    ].map((ref) => metricRefSchema.parse(ref));
    const values = computeMetricValues(
      {
        rollups,
        asOf: "2026-04-30",
        seats: 4,
        maturityLevels: { invoice: 2, receipts: 3 },
        custom: { departments: 2 },
      },
      refs,
    );
    expect(values).toEqual({
      "eventCount:7d:document_created": 4,
      "eventCount:1d:document_created": 1,
      "eventCount:7d:never_sent": 0,
      "activeUsers:30d": 5, // u1..u4 and u9 (04-16 is within 30 days)
      "seatUtilisation:7d": 75,
      "eventCountChange:7d:document_created": -60,
      daysSinceLastSeen: 0,
      maturityLevel: 3,
      "maturityLevel:invoice": 2,
      "custom:departments": 2,
      licensedSeats: 4,
    });
  });

  it("divides events by active users or by seats, and counts tenure from the first contract", () => {
    const refs = [
      "eventsPerActiveUser:7d",
      "eventsPerActiveUser:7d:document_created",
      "eventsPerSeat:7d",
      "eventsPerSeat:7d:login",
      "tenureDays",
    ].map((ref) => metricRefSchema.parse(ref));
    const input = { rollups, asOf: "2026-04-30", seats: 4, customerSince: "2026-04-01" };
    // Current 7 days: 3 + 1 + 2 + 1 = 7 events (4 document_created, 1 login) by u1, u2 and u4.
    expect(computeMetricValues(input, refs)).toEqual({
      "eventsPerActiveUser:7d": 7 / 3,
      "eventsPerActiveUser:7d:document_created": 4 / 3,
      "eventsPerSeat:7d": 7 / 4,
      "eventsPerSeat:7d:login": 1 / 4,
      tenureDays: 29,
    });
    // No one active, no seats, no contract: nothing to divide by, no tenure.
    expect(computeMetricValues({ rollups: [], asOf: "2026-04-30", seats: null }, refs)).toEqual({
      "eventsPerActiveUser:7d": null,
      "eventsPerActiveUser:7d:document_created": null,
      "eventsPerSeat:7d": null,
      "eventsPerSeat:7d:login": null,
      tenureDays: null,
    });
  });

  it("lists every metric of one window for the metrics API, events of both windows", () => {
    const values = accountMetricValues(
      computeAccountMetrics({
        rollups: [...rollups, day("2026-04-20", { import_run: 3 }, [])],
        asOf: "2026-04-30",
        windowDays: 7,
        seats: 10,
      }),
    );
    expect(values).toMatchObject({
      "totalEvents:7d": 7,
      "activeUsers:7d": 3,
      "eventCount:7d:report_exported": 2,
      "eventCountChange:7d:login": -50,
      "eventCount:7d:import_run": 0,
      "eventCountChange:7d:import_run": -100,
      lastNps: null,
      maturityLevel: null,
    });
  });
});

describe("rollUpEvents", () => {
  it("rolls events up per day in the workspace's time zone, counting track events by name", () => {
    const events = [
      {
        type: "track",
        event: "document_created",
        userId: "u1",
        timestamp: "2026-04-01T14:59:00.000Z",
      },
      {
        type: "track",
        event: "document_created",
        userId: "u2",
        timestamp: "2026-04-01T15:00:00.000Z",
      },
      { type: "page", event: null, userId: "u3", timestamp: "2026-04-01T16:00:00.000Z" },
      { type: "identify", event: null, userId: "u4", timestamp: "2026-04-01T16:00:00.000Z" },
      { type: "track", event: "login", userId: null, timestamp: "2026-04-01T16:00:00.000Z" },
    ];
    const result = rollUpEvents(events, "Asia/Tokyo");
    expect(result).toEqual([
      { day: "2026-04-01", eventCounts: { document_created: 1 }, activeUserIds: ["u1"] },
      {
        day: "2026-04-02",
        eventCounts: { document_created: 1, login: 1 },
        activeUserIds: ["u2", "u3"],
      },
    ]);
    for (const rollup of result) expect(dailyRollupSchema.parse(rollup)).toEqual(rollup);
  });

  it("finds the calendar day of an instant in a time zone, and adds days across months", () => {
    expect(eventDay("2026-04-01T16:30:00Z", "Asia/Tokyo")).toBe("2026-04-02");
    expect(eventDay("2026-04-01T16:30:00Z", "America/Los_Angeles")).toBe("2026-04-01");
    expect(addCalendarDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
  });
});

describe("computeMetricValuesFromTotals", () => {
  it("gives what computeMetricValues gives from the rollups, a missing window counting as no use", () => {
    const refs = [
      "eventCount:7d:document_created",
      "eventCountChange:7d",
      "activeUsers:30d",
      "activeDays:1d",
      "distinctEvents:7d",
      "seatUtilisation:7d",
      "daysSinceLastSeen",
      "daysToRenewal",
      "openKpiProgress",
    ].map((ref) => metricRefSchema.parse(ref));
    const asOf = "2026-04-30";
    const other = { seats: 4, renewalDate: "2026-06-01", kpiProgress: [20, 60] };
    const fromRollups = computeMetricValues({ rollups, asOf, ...other }, refs);
    const windows = new Map(
      [1, 7, 30].map((windowDays) => {
        const { current, previous } = windowTotalsFromRollups(rollups, asOf, windowDays);
        return [windowDays, { current, previous }] as const;
      }),
    );
    const fromTotals = computeMetricValuesFromTotals(
      {
        asOf,
        ...other,
        windows,
        lastSeen: windowTotalsFromRollups(rollups, asOf, 1).lastActiveDay,
      },
      refs,
    );
    expect(fromTotals).toEqual(fromRollups);
    expect(fromTotals["activeDays:1d"]).toBe(1);
    // A window the database returned nothing for is a window without use.
    windows.delete(1);
    const without = computeMetricValuesFromTotals(
      { asOf, ...other, windows, lastSeen: null },
      refs,
    );
    expect(without["activeDays:1d"]).toBe(0);
  });
});
