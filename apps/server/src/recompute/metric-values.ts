import {
  type AccountMetricsInput,
  computeMetricValuesFromTotals,
  type MetricRef,
  type WindowPair,
} from "@michi/core";
import type { WindowTotalsNeeds } from "./window-totals";

/* Pure: what the rollups' totals say of accounts (read by findAccountsUsage, window-totals.ts). */

/** Metric inputs from other data than usage rollups. */
export type OtherMetricInputs = Partial<
  Omit<AccountMetricsInput, "rollups" | "asOf" | "windowDays" | "lastSeen">
>;

/** What the refs need counted from the rollups: windows, event names, distinct-name windows. */
export const windowTotalsNeeds = (refs: readonly MetricRef[]): WindowTotalsNeeds => {
  const windows = new Set<number>();
  const events = new Set<string>();
  const distinctEventWindows = new Set<number>();
  const previousUserWindows = new Set<number>();
  for (const ref of refs) {
    if (!("windowDays" in ref)) continue;
    windows.add(ref.windowDays);
    if ("event" in ref && ref.event !== undefined) events.add(ref.event);
    if (ref.name === "distinctEvents") distinctEventWindows.add(ref.windowDays);
    // The one metric that reads the previous part's users (core's accountMetricsFromTotals).
    if (ref.name === "activeUsersChange") previousUserWindows.add(ref.windowDays);
  }
  return {
    windows: [...windows],
    events: [...events],
    distinctEventWindows: [...distinctEventWindows],
    previousUserWindows: [...previousUserWindows],
  };
};

/** What the rollups say of many accounts as of a day: window totals and last seen. */
export type AccountsUsage = {
  asOf: string;
  windowsOf: Map<string, Map<number, WindowPair>>;
  lastSeenOf: Map<string, string>;
};

const noWindows = new Map<number, WindowPair>();

/** One account's values of `refs` from its usage (core's metrics); `inputs` adds contracts, plans, maturity. */
export const metricValuesFromUsage = (
  usage: AccountsUsage,
  accountId: string,
  refs: readonly MetricRef[],
  inputs: OtherMetricInputs = {},
): Record<string, number | null> =>
  computeMetricValuesFromTotals(
    {
      asOf: usage.asOf,
      seats: null,
      ...inputs,
      windows: usage.windowsOf.get(accountId) ?? noWindows,
      lastSeen: usage.lastSeenOf.get(accountId) ?? null,
    },
    refs,
  );
