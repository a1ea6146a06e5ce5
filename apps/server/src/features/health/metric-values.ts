import {
  type AccountMetricsInput,
  computeMetricValuesFromTotals,
  emptyWindowPair,
  type MetricRef,
  type WindowPair,
} from "@michi/core";
import type { DbOrTx } from "../../db/client";
import { findLastSeenDays, findWindowTotals } from "./health.queries";

/** Metric inputs from other data than usage rollups. */
export type OtherMetricInputs = Partial<
  Omit<AccountMetricsInput, "rollups" | "asOf" | "windowDays" | "lastSeen">
>;

/**
 * The values of `refs` for many accounts as of a day: the database counts
 * the windows' totals (findWindowTotals), core turns them into metrics.
 * `inputsOf` adds what does not come from usage (contracts, plans, maturity).
 */
export const computeAccountsMetricValues = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    accountIds: readonly string[];
    asOf: string;
    refs: MetricRef[];
    inputsOf?: (accountId: string) => OtherMetricInputs;
  },
): Promise<Map<string, Record<string, number | null>>> => {
  const { workspaceId, accountIds, asOf, refs } = params;
  const windows = [
    ...new Set(refs.flatMap((ref) => ("windowDays" in ref ? [ref.windowDays] : []))),
  ];
  const [totals, lastSeen] = await Promise.all([
    findWindowTotals(db, { workspaceId, accountIds, asOf, windows }),
    findLastSeenDays(db, { workspaceId, accountIds, to: asOf }),
  ]);
  const windowsOf = new Map<string, Map<number, WindowPair>>();
  for (const row of totals) {
    const byWindow = windowsOf.get(row.accountId) ?? new Map<number, WindowPair>();
    const pair = byWindow.get(row.windowDays) ?? emptyWindowPair(asOf, row.windowDays);
    const part = row.part === "c" ? pair.current : pair.previous;
    part.eventCounts = row.eventCounts;
    part.totalEvents = row.totalEvents;
    part.activeUsers = row.activeUsers;
    part.activeDays = row.activeDays;
    byWindow.set(row.windowDays, pair);
    windowsOf.set(row.accountId, byWindow);
  }
  const lastSeenOf = new Map(lastSeen.map((row) => [row.accountId, row.day]));
  const none = new Map<number, WindowPair>();
  return new Map(
    accountIds.map((accountId) => [
      accountId,
      computeMetricValuesFromTotals(
        {
          asOf,
          seats: null,
          ...params.inputsOf?.(accountId),
          windows: windowsOf.get(accountId) ?? none,
          lastSeen: lastSeenOf.get(accountId) ?? null,
        },
        refs,
      ),
    ]),
  );
};
