import type { MetricRef, WindowPair } from "@michi/core";
import type { WindowTotalsNeeds } from "./window-totals";

/* Pure: what the rollups' totals say of accounts (read by findAccountsUsage, window-totals.ts). */

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
