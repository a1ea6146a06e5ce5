import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  describeMetric,
  type MetricRef,
  metricKey,
  metricRefObjectSchema,
  metricRefSchema,
  parseMetricKey,
  readMetric,
} from "./metric-ref";

describe("metric references", () => {
  it("reads the short form into the object form", () => {
    expect(metricRefSchema.parse("activeUsers:30d")).toEqual({
      name: "activeUsers",
      windowDays: 30,
    });
    expect(metricRefSchema.parse("eventCount:7d:document_created")).toEqual({
      name: "eventCount",
      windowDays: 7,
      event: "document_created",
    });
    expect(metricRefSchema.parse("daysSinceLastSeen")).toEqual({ name: "daysSinceLastSeen" });
    expect(metricRefSchema.parse("maturityLevel:invoice")).toEqual({
      name: "maturityLevel",
      product: "invoice",
    });
    expect(metricRefSchema.parse("custom:departments")).toEqual({
      name: "custom",
      key: "departments",
    });
  });

  it("keeps a colon inside an event name, as Segment allows any text", () => {
    const ref = metricRefSchema.parse("eventCount:30d:Order: Completed");
    expect(ref).toEqual({ name: "eventCount", windowDays: 30, event: "Order: Completed" });
    expect(metricKey(ref)).toBe("eventCount:30d:Order: Completed");
  });

  it("accepts the object form as is", () => {
    const ref = { name: "seatUtilisation", windowDays: 30 } as const;
    expect(metricRefSchema.parse(ref)).toEqual(ref);
  });

  it("says what is wrong with a bad reference", () => {
    const message = (input: unknown) => metricRefSchema.safeParse(input).error?.issues[0]?.message;
    expect(message("activeUsers")).toBe('"activeUsers" needs a window, e.g. "activeUsers:30d"');
    expect(message("logins:30d")).toMatch(/^unknown metric "logins"/);
    expect(message("lastNps:30d")).toBe('"lastNps" takes no parameters');
    expect(message("eventCount:30d")).toMatch(/event/);
    expect(message("activeUsers:0d")).toMatch(/at least 1 day/);
    expect(message("activeUsers:400d")).toMatch(/at most 365 days/);
    expect(message({ name: "activeUsers", windowDays: 30, extra: 1 })).toMatch(/Unrecognized key/);
    expect(message(42)).toBeDefined();
  });

  it("round-trips: parseMetricKey(metricKey(ref)) is ref", () => {
    const windowed = fc.record({
      name: fc.constantFrom(
        "totalEvents",
        "distinctEvents",
        "activeUsers",
        "activeDays",
        "seatUtilisation",
        "activeUsersChange",
      ),
      windowDays: fc.integer({ min: 1, max: 365 }),
    });
    const withEvent = fc.record({
      name: fc.constantFrom("eventCount", "eventCountChange"),
      windowDays: fc.integer({ min: 1, max: 365 }),
      event: fc.string({ minLength: 1, maxLength: 40 }),
    });
    const plain = fc.record({
      name: fc.constantFrom("daysSinceLastSeen", "lastNps", "mrr", "daysToRenewal"),
    });
    const ref = fc.oneof(windowed, withEvent, plain) as fc.Arbitrary<MetricRef>;
    fc.assert(
      fc.property(ref, (value) => {
        expect(metricRefObjectSchema.parse(value)).toEqual(value);
        const parsed = parseMetricKey(metricKey(value));
        expect(parsed).toEqual({ ok: true, ref: value });
      }),
    );
  });

  it("treats absent, null and non-finite values as missing", () => {
    const ref: MetricRef = { name: "lastNps" };
    expect(readMetric({ lastNps: 20 }, ref)).toBe(20);
    expect(readMetric({ lastNps: 0 }, ref)).toBe(0);
    expect(readMetric({}, ref)).toBeNull();
    expect(readMetric({ lastNps: null }, ref)).toBeNull();
    expect(readMetric({ lastNps: Number.NaN }, ref)).toBeNull();
  });

  it("describes metrics in both languages", () => {
    const ref = metricRefSchema.parse("eventCount:30d:document_created");
    expect(describeMetric(ref, "ja")).toBe("30日間の「document_created」の回数");
    expect(describeMetric(ref, "en")).toBe('"document_created" events in 30 days');
    expect(describeMetric({ name: "seatUtilisation", windowDays: 7 }, "en")).toBe(
      "share of licensed seats active in 7 days",
    );
  });
});
