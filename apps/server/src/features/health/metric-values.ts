import {
  addCalendarDays,
  computeMetricValues,
  type DailyRollup,
  type MetricRef,
} from "@michi/core";
import type { DbOrTx } from "../../db/client";
import { findRollupsOfAccounts } from "./health.queries";

/**
 * The values of `refs` for many accounts as of a day, from one read of their
 * rollups (twice the longest window: the change metrics read both windows).
 * Seats, plans, surveys and meetings are not wired in yet: those metrics are null.
 */
export const computeAccountsMetricValues = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[]; asOf: string; refs: MetricRef[] },
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
          lastSeen: lastSeenOf.get(accountId) ?? null,
        },
        refs,
      ),
    ]),
  );
};
