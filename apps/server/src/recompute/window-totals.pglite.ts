import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../db/client";
import { accountIdIn } from "./batch-accounts";
import { startDecideRun } from "./decide-worker";
import { countWindowRows, windowRowsCounter } from "./window-rows";
import {
  type AccountWindowTotals,
  type FullRunParams,
  type FullRunUsage,
  userDays,
  type WindowTotalsCounter,
  type WindowTotalsCursor,
  type WindowTotalsParams,
  type WorkspaceWindowParams,
} from "./window-totals";

/*
 * PGlite's window totals: the rollup rows read as JSON text and counted in
 * JavaScript (window-rows.ts). PGlite runs the database in this thread with
 * no parallel workers; its executor counted the counting query's FILTERs at
 * 1.4–1.8× the plain aggregate, the text read costs ~0.65× (decision 0007).
 */

/**
 * The rollup rows of the windows that `where` keeps, as one JSON text
 * ([accountId, day, eventCounts, activeUserIds] each) that window-rows.ts
 * counts. Before the user days, one user id at most: the day is still active,
 * no more ids are read.
 */
const windowRowsText = async (
  db: DbOrTx,
  params: WorkspaceWindowParams,
  where: SQL,
): Promise<string> => {
  const { asOf, windows } = params;
  const longest = Math.max(...windows);
  const [read] = await rowsOf<{ rows: string | null }>(
    db,
    sql`select '[' || string_agg('["' || r.account_id::text || '","' || r.day::text || '",'
        || r.event_counts::text || ',' || array_to_json(case
          when r.day > ${asOf}::date - ${userDays(params)}::int then r.active_user_ids
          else r.active_user_ids[1:1] end)::text || ']', ',')
        || ']' as rows
    from usage_daily_rollups r
    where r.workspace_id = ${params.workspaceId} and ${where}
      and r.day > ${asOf}::date - ${2 * longest}::int and r.day <= ${asOf}::date`,
  );
  return read?.rows ?? "[]";
};

/** A batch's rows of the windows, as one text (see windowRowsText). */
export const readWindowRows = (db: DbOrTx, params: WindowTotalsParams): Promise<string> =>
  windowRowsText(db, params, accountIdIn(sql`r.account_id`, params));

/** Heap blocks of usage_daily_rollups one statement of countAllWindowTotals reads (2 MB). */
const WINDOW_ROWS_BLOCKS = 256;

/**
 * A full recompute's window totals on PGlite, where PostgreSQL has its cursor
 * (openWindowTotalsCursor): every rollup row of the workspace's windows read
 * in the order the rows lie in the table, a range of heap blocks a statement
 * (a TID range scan), counted in this process as read, then handed out by
 * pages in account order. Read by pages of accounts (an index scan a page),
 * the rows come from all over the table: the fold writes them day by day, so
 * a page's rows lie on as many heap pages as rows (decision 0007). In one
 * read-only repeatable-read transaction, so each row is counted once though
 * the fold updates rows meanwhile; other statements wait for it (PGlite has
 * one connection).
 */
export const countAllWindowTotals = async (
  db: DbOrTx,
  params: WorkspaceWindowParams,
  blocksPerRead = WINDOW_ROWS_BLOCKS,
): Promise<WindowTotalsCursor> => {
  const counter = windowRowsCounter(params);
  await readAllWindowRows(db, params, counter.add, blocksPerRead);
  return cursorOver(counter.totals().sort((a, b) => (a.accountId < b.accountId ? -1 : 1)));
};

/** The heap blocks of usage_daily_rollups (all workspaces'). */
const rollupBlocks = async (db: DbOrTx): Promise<number> => {
  const [size] = await rowsOf<{ blocks: number }>(
    db,
    sql`select (pg_relation_size('usage_daily_rollups') / current_setting('block_size')::int)::int as blocks`,
  );
  return size?.blocks ?? 0;
};

/** Whether the rollups are more than one read of countAllWindowTotals (a full recompute then decides in a worker). */
export const hasManyWindowRows = async (db: DbOrTx): Promise<boolean> =>
  (await rollupBlocks(db)) > WINDOW_ROWS_BLOCKS;

/** countAllWindowTotals' reading: each text of rows goes to `count` as it is read. */
export const readAllWindowRows = async (
  db: DbOrTx,
  params: WorkspaceWindowParams,
  count: (text: string) => void,
  blocksPerRead = WINDOW_ROWS_BLOCKS,
): Promise<void> => {
  if (params.windows.length === 0) return;
  await db.transaction(
    async (tx) => {
      // Planned as ranges of the heap, not by the workspace's index.
      await tx.execute(sql`set local enable_indexscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const blocks = await rollupBlocks(tx);
      for (let from = 0; ; from += blocksPerRead) {
        const to = from + blocksPerRead;
        // The last range is open: the table may have grown since its size was read.
        const last = to >= blocks;
        count(
          await windowRowsText(
            tx,
            params,
            sql`r.ctid >= ${`(${from},0)`}::tid${last ? sql`` : sql` and r.ctid < ${`(${to},0)`}::tid`}`,
          ),
        );
        if (last) break;
      }
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
};

/** A cursor over totals already counted, in account order (a uuid's text sorts as its bytes). */
const cursorOver = (sorted: AccountWindowTotals[]): WindowTotalsCursor => {
  let next = 0;
  return {
    through: async (lastId) => {
      const from = next;
      while (next < sorted.length && sorted[next]!.accountId <= lastId) next++;
      return sorted.slice(from, next);
    },
  };
};

const countWindowTotalsInProcess = async (
  db: DbOrTx,
  params: WindowTotalsParams,
): Promise<AccountWindowTotals[]> =>
  params.accountIds.length === 0 || params.windows.length === 0
    ? []
    : countWindowRows(await readWindowRows(db, params), params);

/**
 * A full recompute's: in table order, counted here (one read) or, with more
 * rows than one read, counted and decided in the decide worker while PGlite
 * runs the run's other statements on this thread.
 */
const withWorkspace = async <T>(
  db: DbOrTx,
  params: FullRunParams,
  body: (usage: FullRunUsage) => Promise<T>,
): Promise<T> => {
  const { model, at, inWorker, ...needs } = params;
  if (!(inWorker ?? (await hasManyWindowRows(db)))) {
    return body({ kind: "cursor", cursor: await countAllWindowTotals(db, needs) });
  }
  const worker = startDecideRun({ model, at, needs });
  try {
    await readAllWindowRows(db, needs, worker.count);
    const seen = await worker.counted();
    return await body({ kind: "worker", worker, seen });
  } finally {
    worker.end();
  }
};

export const pgliteWindowTotals: WindowTotalsCounter = {
  countBatch: countWindowTotalsInProcess,
  withWorkspace,
};
