import type { MetricRef, WindowPair, WindowTotalsNeeds } from "@michi/core";

export type { WindowTotalsNeeds };

import { sql } from "drizzle-orm";
import { type Db, type DbOrTx, rowsOf } from "../db/client";
import type { BatchAccounts } from "./batch-accounts";
import type { CsModel } from "./cs-model";
import type { DecideWorkerRun } from "./decide-worker";
import type { AccountsUsage } from "./metric-values";
import { windowTotalsNeeds } from "./metric-values";

/*
 * Window totals: core's windowTotalsFromRollups (the reference) for many
 * accounts at once, counted where each database counts them cheapest
 * (decision 0007). One interface, one implementation per driver, chosen once
 * from the database (recompute.ts, windowTotalsOf); the rest of the recompute
 * does not know which.
 */

/** The days back from asOf whose user ids are read: each window, twice it where the previous part counts users. */
export const userDays = (needs: WindowTotalsNeeds) =>
  Math.max(...needs.windows.map((w) => (needs.previousUserWindows.includes(w) ? 2 * w : w)));

export type AccountWindowTotals = {
  accountId: string;
  /** The last active day in the rows read (the 2 × longest window days up to asOf), if any. */
  lastActiveDay: string | null;
  windows: Map<number, WindowPair>;
};

export type WorkspaceWindowParams = { workspaceId: string; asOf: string } & WindowTotalsNeeds;

export type WindowTotalsParams = BatchAccounts & WorkspaceWindowParams;

/** Reads a whole workspace's window totals in account order, page by page. */
export type WindowTotalsCursor = {
  /** The totals of the accounts after the last read, up to and including `lastId`. */
  through: (lastId: string) => Promise<AccountWindowTotals[]>;
};

/**
 * How a full recompute takes its pages' usage: their totals from a cursor
 * read in page order, or, on PGlite with many rows, from the decide worker
 * that counted them (it then decides the pages; `seen` are the accounts it
 * found active, the others' last days are probed here).
 */
export type FullRunUsage =
  | { kind: "cursor"; cursor: WindowTotalsCursor }
  | { kind: "worker"; worker: DecideWorkerRun; seen: ReadonlySet<string> };

export type FullRunParams = WorkspaceWindowParams & {
  model: CsModel;
  at: Date;
  /** PGlite: count and decide in the worker thread; by default when the rollups are more than one read. */
  inWorker?: boolean | undefined;
};

export type WindowTotalsCounter = {
  /** A batch's accounts (the dirty job, one account, a preview); accounts without rows are not returned. */
  countBatch: (db: DbOrTx, params: WindowTotalsParams) => Promise<AccountWindowTotals[]>;
  /** A full recompute: every account of the workspace counted in one read, for the length of `body`. */
  withWorkspace: <T>(
    db: Db,
    params: FullRunParams,
    body: (usage: FullRunUsage) => Promise<T>,
  ) => Promise<T>;
};

/** Each account's last day with a rollup up to `to` (one index probe per account). */
export const findLastSeenDays = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[]; to: string },
) =>
  rowsOf<{ accountId: string; day: string | null }>(
    db,
    sql`select a.id as "accountId", to_char(
        (select max(r.day) from usage_daily_rollups r
          where r.workspace_id = ${params.workspaceId} and r.account_id = a.id
            and r.day <= ${params.to}::date), 'YYYY-MM-DD') as day
      from unnest(${sql.param([...params.accountIds])}::uuid[]) as a(id)`,
  );

/**
 * Reads what `refs` need of the accounts' rollups: the window totals
 * (counted by `counter`, or given), and one probe for the last day of an
 * account not active in them.
 */
export const findAccountsUsage = async (
  db: DbOrTx,
  params: BatchAccounts & {
    workspaceId: string;
    asOf: string;
    refs: MetricRef[];
    counter: WindowTotalsCounter;
    /** The window totals when already read (a full recompute's cursor). */
    windowTotals?: AccountWindowTotals[] | undefined;
  },
): Promise<AccountsUsage> => {
  const { workspaceId, accountIds, asOf } = params;
  const needs = windowTotalsNeeds(params.refs);
  const totals =
    params.windowTotals ??
    (accountIds.length === 0 || needs.windows.length === 0
      ? []
      : await params.counter.countBatch(db, {
          workspaceId,
          accountIds,
          asOf,
          idRange: params.idRange,
          ...needs,
        }));
  const windowsOf = new Map<string, Map<number, WindowPair>>();
  const lastSeenOf = new Map<string, string>();
  for (const row of totals) {
    windowsOf.set(row.accountId, row.windows);
    if (row.lastActiveDay !== null) lastSeenOf.set(row.accountId, row.lastActiveDay);
  }
  const unseen = accountIds.filter((id) => !lastSeenOf.has(id));
  await addLastSeenDays(db, { workspaceId, accountIds: unseen, to: asOf }, lastSeenOf);
  return { asOf, windowsOf, lastSeenOf };
};

/** The last day of accounts not active in the windows read, into `lastSeenOf` (findLastSeenDays). */
export const addLastSeenDays = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[]; to: string },
  lastSeenOf: Map<string, string>,
): Promise<void> => {
  if (params.accountIds.length === 0) return;
  for (const row of await findLastSeenDays(db, params)) {
    if (row.day !== null) lastSeenOf.set(row.accountId, row.day);
  }
};
