import {
  type MetricName,
  type MetricRef,
  plainMetricNames,
  type WindowedMetricName,
  windowedMetricNames,
} from "@michi/core";

export const isWindowedName = (name: string): name is WindowedMetricName =>
  (windowedMetricNames as readonly string[]).includes(name);

const isPlainName = (name: string): name is (typeof plainMetricNames)[number] =>
  (plainMetricNames as readonly string[]).includes(name);

/**
 * The metric a picker switches to, keeping what still fits (the window, the
 * event name). Required fields a person must still write start empty, so the
 * schema names them.
 */
export const switchMetric = (previous: MetricRef, name: MetricName): MetricRef => {
  const windowDays = "windowDays" in previous ? previous.windowDays : 30;
  const event = "event" in previous ? previous.event : undefined;
  if (name === "eventCount") return { name, windowDays, event: event ?? "" };
  if (name === "eventCountChange" || name === "eventsPerActiveUser" || name === "eventsPerSeat") {
    return event === undefined ? { name, windowDays } : { name, windowDays, event };
  }
  if (isWindowedName(name)) return { name, windowDays } as MetricRef;
  if (name === "maturityLevel") return { name };
  if (name === "custom") return { name, key: "" };
  if (isPlainName(name)) return { name };
  return previous;
};

/** Where a rule or measure starts: active users over 30 days. */
export const defaultMetric: MetricRef = { name: "activeUsers", windowDays: 30 };
