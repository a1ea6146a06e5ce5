import {
  type AccountMetricsInput,
  addCalendarDays,
  computeMetricValues,
  type DailyRollup,
  type MetricRef,
} from "@michi/core";
import type { DbOrTx } from "../../db/client";
import { findRollupsOfAccounts } from "./health.queries";

/** Metric inputs from other data than usage rollups. */
export type OtherMetricInputs = Partial<
  Omit<AccountMetricsInput, "rollups" | "asOf" | "windowDays" | "lastSeen">
>;

/**
 * The values of `refs` for many accounts as of a day, from one read of their
 * rollups (twice the longest window: the change metrics read both windows).
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
  const { asOf, refs } = params;
  const longest = Math.max(1, ...refs.map((ref) => ("windowDays" in ref ? ref.windowDays : 1)));
  const { rollups, lastSeen } = await findRollupsOfAccounts(db, {
    workspaceId: params.workspaceId,
    accountIds: params.accountIds,
    from: addCalendarDays(asOf, -(2 * longest - 1)),
    to: asOf,
  });
  const byAccount = new Map<string, DailyRollup[]>();
  for (const { accountId, ...rollup } of rollups) {
    const list = byAccount.get(accountId) ?? [];
    list.push(rollup);
    byAccount.set(accountId, list);
  }
  const lastSeenOf = new Map(lastSeen.map((row) => [row.accountId, row.day]));
  return new Map(
    params.accountIds.map((accountId) => [
      accountId,
      computeMetricValues(
        {
          rollups: byAccount.get(accountId) ?? [],
          asOf,
          seats: null,
          ...params.inputsOf?.(accountId),
          lastSeen: lastSeenOf.get(accountId) ?? null,
        },
        refs,
      ),
    ]),
  );
};
