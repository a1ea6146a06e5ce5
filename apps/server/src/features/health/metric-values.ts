import {
  type AccountMetricsInput,
  computeMetricValuesFromTotals,
  type MetricRef,
  type WindowPair,
} from "@michi/core";
import type { DbOrTx } from "../../db/client";
import {
  type AccountWindowTotals,
  type BatchAccounts,
  findLastSeenDays,
  findWindowTotals,
  type WindowTotalsNeeds,
} from "./health.queries";

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

/**
 * Reads what `refs` need of the accounts' rollups: the database counts the
 * windows' totals (findWindowTotals); an account not active in them gets one
 * probe for its last day.
 */
export const findAccountsUsage = async (
  db: DbOrTx,
  params: BatchAccounts & {
    workspaceId: string;
    asOf: string;
    refs: MetricRef[];
    /** The window totals when already read (a full recompute's cursor). */
    windowTotals?: AccountWindowTotals[] | undefined;
  },
): Promise<AccountsUsage> => {
  const { workspaceId, accountIds, asOf } = params;
  const totals =
    params.windowTotals ??
    (await findWindowTotals(db, {
      workspaceId,
      accountIds,
      asOf,
      idRange: params.idRange,
      ...windowTotalsNeeds(params.refs),
    }));
  const windowsOf = new Map<string, Map<number, WindowPair>>();
  const lastSeenOf = new Map<string, string>();
  for (const row of totals) {
    windowsOf.set(row.accountId, row.windows);
    if (row.lastActiveDay !== null) lastSeenOf.set(row.accountId, row.lastActiveDay);
  }
  const unseen = accountIds.filter((id) => !lastSeenOf.has(id));
  if (unseen.length > 0) {
    for (const row of await findLastSeenDays(db, { workspaceId, accountIds: unseen, to: asOf })) {
      if (row.day !== null) lastSeenOf.set(row.accountId, row.day);
    }
  }
  return { asOf, windowsOf, lastSeenOf };
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
