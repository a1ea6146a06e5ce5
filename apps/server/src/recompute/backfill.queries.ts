import type { DailyRollup } from "@michi/core";
import { sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../db/client";
import { accountIdIn, type BatchAccounts } from "./batch-accounts";

/* The reads of a backfill: a page of accounts' rows over the whole range, once. */

type Range = BatchAccounts & { workspaceId: string; from: string; to: string };

/**
 * The page's rollup rows from `from` to `to`, grouped per account, each
 * account's oldest first. Read as one JSON text ([accountId, day,
 * eventCounts, activeUserIds] each), as PGlite's window rows are: node-postgres
 * and PGlite then parse one string instead of building a row object per row.
 */
export const readRollupsOfRange = async (
  db: DbOrTx,
  params: Range,
): Promise<Map<string, DailyRollup[]>> => {
  const [read] = await rowsOf<{ rows: string | null }>(
    db,
    sql`select '[' || string_agg('["' || r.account_id::text || '","'
        || to_char(r.day, 'YYYY-MM-DD') || '",' || r.event_counts::text || ','
        || array_to_json(r.active_user_ids)::text || ']', ',' order by r.account_id, r.day)
        || ']' as rows
    from usage_daily_rollups r
    where r.workspace_id = ${params.workspaceId} and ${accountIdIn(sql`r.account_id`, params)}
      and r.day >= ${params.from}::date and r.day <= ${params.to}::date`,
  );
  const rollupsOf = new Map<string, DailyRollup[]>();
  for (const [accountId, day, eventCounts, activeUserIds] of JSON.parse(read?.rows ?? "[]") as [
    string,
    string,
    Record<string, number>,
    string[],
  ][]) {
    let rollups = rollupsOf.get(accountId);
    if (rollups === undefined) {
      rollups = [];
      rollupsOf.set(accountId, rollups);
    }
    rollups.push({ day, eventCounts, activeUserIds });
  }
  return rollupsOf;
};

/**
 * Per account of the page: its first rollup day ever, and its last before
 * `before` (what "last seen" is when nothing in the range has been seen yet).
 */
export const findRollupBounds = async (
  db: DbOrTx,
  params: BatchAccounts & { workspaceId: string; before: string },
) =>
  rowsOf<{ accountId: string; firstDay: string | null; lastBefore: string | null }>(
    db,
    sql`select a.id as "accountId",
        (select to_char(min(r.day), 'YYYY-MM-DD') from usage_daily_rollups r
          where r.workspace_id = ${params.workspaceId} and r.account_id = a.id) as "firstDay",
        (select to_char(max(r.day), 'YYYY-MM-DD') from usage_daily_rollups r
          where r.workspace_id = ${params.workspaceId} and r.account_id = a.id
            and r.day < ${params.before}::date) as "lastBefore"
      from unnest(${sql.param([...params.accountIds])}::uuid[]) as a(id)`,
  );

/** A stay in a phase or at a maturity level: since and until as ISO instants. */
export type Stay = {
  accountId: string;
  key: string;
  level: number;
  since: string;
  until: string | null;
};

const iso = (value: string | Date | null) =>
  value === null ? null : new Date(value).toISOString();

/** The page's phase stays that overlap the range (key: the phase; level 0). */
export const findPhaseStays = async (db: DbOrTx, params: Range): Promise<Stay[]> =>
  (
    await rowsOf<{
      accountId: string;
      key: string;
      since: string | Date;
      until: string | Date | null;
    }>(
      db,
      sql`select account_id as "accountId", phase_key as key, since, until from account_phases
        where workspace_id = ${params.workspaceId} and ${accountIdIn(sql`account_id`, params)}
          and since < ${params.to}::date + 1 and (until is null or until >= ${params.from}::date)
        order by account_id, since`,
    )
  ).map((row) => ({ ...row, level: 0, since: iso(row.since)!, until: iso(row.until) }));

/** The page's maturity stays that overlap the range (key: the product). */
export const findMaturityStays = async (db: DbOrTx, params: Range): Promise<Stay[]> =>
  (
    await rowsOf<{
      accountId: string;
      key: string;
      level: number;
      since: string | Date;
      until: string | Date | null;
    }>(
      db,
      sql`select account_id as "accountId", product as key, level, since, until
        from account_maturity_levels
        where workspace_id = ${params.workspaceId} and ${accountIdIn(sql`account_id`, params)}
          and since < ${params.to}::date + 1 and (until is null or until >= ${params.from}::date)
        order by account_id, since`,
    )
  ).map((row) => ({ ...row, since: iso(row.since)!, until: iso(row.until) }));
