import { emptyWindowPair, type MetricRef, type WindowPair, type WindowTotals } from "@michi/core";
import { and, desc, eq, gt, lte, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf, runsInProcess, type Tx } from "../../db/client";
import { healthScores } from "../../db/schema";
import { type AccountsUsage, windowTotalsNeeds } from "./metric-values";
import { countWindowRows, windowRowsCounter } from "./window-rows";

/** The first and last id of a page of accounts (by id). */
export type IdRange = { first: string; last: string };

/** The accounts a batch reads: their ids, and the range when they are a whole page by id. */
export type BatchAccounts = { accountIds: readonly string[]; idRange?: IdRange | undefined };

/**
 * `column` is one of the batch's accounts. For a page, a range: a range scan
 * of the key, a third faster than 1,000 id lookups at 100,000 accounts. Rows
 * of an account created inside the range since the page was read come back
 * too; callers look rows up by the batch's ids.
 */
export const accountIdIn = (column: SQL, batch: BatchAccounts): SQL =>
  batch.idRange
    ? sql`${column} between ${batch.idRange.first}::uuid and ${batch.idRange.last}::uuid`
    : sql`${column} = any(${sql.param([...batch.accountIds])}::uuid[])`;

/** What the metrics of a model need counted per window (see windowTotalsNeeds in metric-values). */
export type WindowTotalsNeeds = {
  windows: readonly number[];
  /** Event names counted one by one (eventCount, eventCountChange of one event). */
  events: readonly string[];
  /** Windows whose number of distinct event names is needed (current part only). */
  distinctEventWindows: readonly number[];
  /**
   * Windows whose previous part counts its distinct users (activeUsersChange).
   * Elsewhere previous.activeUsers is 0, not counted: the user ids of the days
   * before the current window were a third of a full recompute's reading.
   */
  previousUserWindows: readonly number[];
};

/** The days back from asOf whose user ids are read: each window, twice it where the previous part counts users. */
const userDays = (needs: WindowTotalsNeeds) =>
  Math.max(...needs.windows.map((w) => (needs.previousUserWindows.includes(w) ? 2 * w : w)));

export type AccountWindowTotals = {
  accountId: string;
  /** The last active day in the rows read (the 2 × longest window days up to asOf), if any. */
  lastActiveDay: string | null;
  windows: Map<number, WindowPair>;
};

const toNumber = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

export type WindowTotalsParams = BatchAccounts & {
  workspaceId: string;
  asOf: string;
} & WindowTotalsNeeds;

/**
 * Core's window totals (windowTotalsFromRollups) for many accounts. Where
 * they are counted is chosen by measurement (decision 0007): on PostgreSQL
 * by the database, whose parallel workers count while this process decides;
 * on PGlite, which runs the database in this thread, by core over the rows
 * read as one JSON text per account (the rows read that way cost 0.5× the
 * plain aggregate and core's count 0.3×, against 1.4–1.8× for the counting
 * query). `countIn` overrides the choice (the equivalence test runs both).
 * Accounts without rows are not returned.
 */
export const findWindowTotals = (
  db: DbOrTx,
  params: WindowTotalsParams & { countIn?: "database" | "process" },
): Promise<AccountWindowTotals[]> => {
  if (params.accountIds.length === 0 || params.windows.length === 0) return Promise.resolve([]);
  const countIn = params.countIn ?? (runsInProcess(db) ? "process" : "database");
  return countIn === "process"
    ? countWindowTotalsInProcess(db, params)
    : countWindowTotalsInDatabase(db, params);
};

/**
 * The rollup rows of the windows that `where` keeps, as one JSON text
 * ([accountId, day, eventCounts, activeUserIds] each) that window-rows.ts
 * counts. Before the user days, one user id at most: the day is still active,
 * no more ids are read.
 */
const windowRowsText = async (
  db: DbOrTx,
  params: { workspaceId: string; asOf: string } & WindowTotalsNeeds,
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
  params: { workspaceId: string; asOf: string } & WindowTotalsNeeds,
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
  params: { workspaceId: string; asOf: string } & WindowTotalsNeeds,
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
): Promise<AccountWindowTotals[]> => countWindowRows(await readWindowRows(db, params), params);

/** A row of the counting query: its columns are named by windowTotalsCount's layout. */
type CountedRow = Record<string, unknown> & { accountId: string; lastActiveDay: string | null };

/**
 * Counted by the database in one pass over the rollup rows: one row per account, each
 * window and part a FILTER of the same aggregate, the shape of the plain
 * aggregate that reads these rows (bench/recompute.ts). Only the event names
 * asked for are counted by name (eventCounts holds those; distinctEvents
 * comes separately when asked), because turning every row's jsonb into
 * per-name groups cost twice the read itself. The user-id unnest repeats a
 * row's other columns once per user: sums and day counts take only the
 * first. A day is active when it has an event or an active user, as in core.
 * `accounts` limits the rows to a batch; without it, the whole workspace in
 * account order (a full recompute's cursor). Equivalence: health.queries.test.ts.
 */
const windowTotalsCount = (
  params: { workspaceId: string; asOf: string } & WindowTotalsNeeds,
  accounts: SQL | null,
) => {
  const { asOf, windows, events } = params;
  const longest = Math.max(...windows);
  const distinct = params.distinctEventWindows;
  // The user-id unnest repeats a row once per user: sums and day counts take its first.
  const first = sql.raw("coalesce(u.ord, 1) = 1");
  // Active: an event or a user (ids are unnested only within the user days).
  const active = sql.raw("(t.total > 0 or cardinality(r.active_user_ids) > 0)");
  const current = (w: number) => sql`r.day > ${asOf}::date - ${w}::int`;
  const previous = (w: number) =>
    sql`r.day <= ${asOf}::date - ${w}::int and r.day > ${asOf}::date - ${2 * w}::int`;
  const column = (name: string, value: SQL) => sql`${value} as ${sql.identifier(name)}`;
  const columns = [
    column("lastActiveDay", sql`to_char(max(r.day) filter (where ${active}), 'YYYY-MM-DD')`),
    ...windows.flatMap((w, i) =>
      (
        [
          ["c", current(w)],
          ["p", previous(w)],
        ] as const
      ).flatMap(([part, where]) => [
        column(`t${i}${part}`, sql`sum(t.total) filter (where ${first} and ${where})`),
        column(`d${i}${part}`, sql`count(*) filter (where ${first} and ${active} and ${where})`),
        ...(part === "c" || params.previousUserWindows.includes(w)
          ? [column(`u${i}${part}`, sql`count(distinct u.id) filter (where ${where})`)]
          : []),
        ...events.map((_, j) =>
          column(
            `e${i}${part}${j}`,
            sql`sum(t.${sql.identifier(`e${j}`)}) filter (where ${first} and ${where})`,
          ),
        ),
      ]),
    ),
    // Names as JSON strings, joined: made distinct in JS (a distinct count over a second unnest cost half the read).
    ...distinct.map((w, k) =>
      column(`n${k}`, sql`string_agg(t.names, ',') filter (where ${first} and ${current(w)})`),
    ),
  ];
  const query = sql`select r.account_id as "accountId", ${sql.join(columns, sql`, `)}
    from usage_daily_rollups r
    cross join lateral (
      select coalesce(sum(value::bigint), 0) as total${
        distinct.length > 0
          ? sql`, string_agg(to_json(key)::text, ',') filter (where value::bigint > 0) as names`
          : sql``
      }${sql.join(
        // Here, not in the sums: this part is memoized per event_counts document.
        events.map(
          (name, j) => sql`, (r.event_counts ->> ${name})::bigint as ${sql.identifier(`e${j}`)}`,
        ),
      )}
      from jsonb_each_text(r.event_counts)
    ) t
    left join lateral unnest(case when r.day > ${asOf}::date - ${userDays(params)}::int
      then r.active_user_ids end) with ordinality as u(id, ord) on true
    where r.workspace_id = ${params.workspaceId}
      ${accounts === null ? sql`` : sql`and ${accounts}`}
      and r.day > ${asOf}::date - ${2 * longest}::int and r.day <= ${asOf}::date
    group by r.account_id${accounts === null ? sql` order by r.account_id` : sql``}`;
  // Column names and window bounds once, not per account (this maps every account of a full recompute).
  const layout = windows.map((w, i) => {
    const { current: c, previous: p } = emptyWindowPair(asOf, w);
    const names = (part: string) => ({
      total: `t${i}${part}`,
      days: `d${i}${part}`,
      users: `u${i}${part}`,
      events: events.map((name, j) => [name, `e${i}${part}${j}`] as const),
    });
    const k = distinct.indexOf(w);
    return { w, c, p, cur: names("c"), prev: names("p"), distinct: k < 0 ? null : `n${k}` };
  });
  const totalsOf = (
    row: Record<string, unknown>,
    bounds: { from: string; to: string },
    names: (typeof layout)[number]["cur"],
  ): WindowTotals => {
    const eventCounts: Record<string, number> = {};
    for (const [name, column] of names.events) {
      const count = toNumber(row[column]);
      if (count > 0) eventCounts[name] = count;
    }
    return {
      from: bounds.from,
      to: bounds.to,
      eventCounts,
      totalEvents: toNumber(row[names.total]),
      activeUsers: toNumber(row[names.users]),
      activeDays: toNumber(row[names.days]),
    };
  };
  const toAccountTotals = (row: CountedRow): AccountWindowTotals => {
    const pairs = new Map<number, WindowPair>();
    for (const window of layout) {
      const pair = {
        current: totalsOf(row, window.c, window.cur),
        previous: totalsOf(row, window.p, window.prev),
      };
      if (window.distinct !== null) {
        const names = row[window.distinct] as string | null;
        pair.current.distinctEvents =
          names === null ? 0 : new Set(JSON.parse(`[${names}]`) as string[]).size;
      }
      pairs.set(window.w, pair);
    }
    return { accountId: row.accountId, lastActiveDay: row.lastActiveDay, windows: pairs };
  };
  return { query, toAccountTotals };
};

const countWindowTotalsInDatabase = async (
  db: DbOrTx,
  params: WindowTotalsParams,
): Promise<AccountWindowTotals[]> => {
  const { query, toAccountTotals } = windowTotalsCount(
    params,
    accountIdIn(sql`r.account_id`, params),
  );
  return (await rowsOf<CountedRow>(db, query)).map(toAccountTotals);
};

/** Reads a whole workspace's window totals in account order, page by page. */
export type WindowTotalsCursor = {
  /** The totals of the accounts after the last read, up to and including `lastId`. */
  through: (lastId: string) => Promise<AccountWindowTotals[]>;
};

/** Rows a FETCH takes: about a page of accounts. */
const CURSOR_FETCH = 1000;

/**
 * A full recompute's window totals on PostgreSQL as one statement read by a
 * cursor, not one statement per page (decision 0007). The planner sees the
 * whole workspace, as it does for the plain aggregate, and plans it the same
 * way (Memoize over repeated event_counts); a page's account range was
 * estimated at a few dozen rows and planned for those: at 100,000 accounts
 * the pages took 1.5–1.7× the one statement. `tx` holds the cursor: an open
 * transaction for the length of the run, read only.
 */
export const openWindowTotalsCursor = async (
  tx: Tx,
  params: { workspaceId: string; asOf: string } & WindowTotalsNeeds,
): Promise<WindowTotalsCursor> => {
  if (params.windows.length === 0) return { through: async () => [] };
  const { query, toAccountTotals } = windowTotalsCount(params, null);
  // Planned for reading every row, as a plain statement is (the default plans for the first
  // 10 %). No JIT: compiling this statement's many expressions took ~0.25 s of a 1.5 s
  // recompute at 10,000 accounts, and at 100,000 the compiled code gained as much as it cost.
  await tx.execute(sql`set local cursor_tuple_fraction = 1`);
  await tx.execute(sql`set local jit = off`);
  await tx.execute(sql`declare window_totals no scroll cursor for ${query}`);
  let buffered: CountedRow[] = [];
  let done = false;
  return {
    through: async (lastId) => {
      const out: AccountWindowTotals[] = [];
      for (;;) {
        let i = 0;
        while (i < buffered.length && buffered[i]!.accountId <= lastId) {
          out.push(toAccountTotals(buffered[i]!));
          i++;
        }
        buffered = buffered.slice(i);
        if (buffered.length > 0 || done) return out;
        buffered = await rowsOf<CountedRow>(
          tx,
          sql`fetch ${sql.raw(String(CURSOR_FETCH))} from window_totals`,
        );
        if (buffered.length < CURSOR_FETCH) done = true;
      }
    },
  };
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
 * One statement for the batch; a row of the same day is replaced. The rows go
 * as one text parameter, a line per row (healthScoreLine) and a tab between
 * fields, split by the database. Measured at 10,000 rows on PGlite:
 * json_to_recordset's parse took 120 ms of a 180 ms write, the split 58 ms;
 * and as text arrays node-postgres escaped every character of every measures
 * document. The text needs no escaping: ids are uuids, scorecard keys
 * [A-Za-z0-9_-] (scorecardSchema), the rest numbers, and JSON.stringify
 * writes no raw tab or newline.
 */
export const upsertHealthScores = async (
  db: DbOrTx,
  params: { workspaceId: string; day: string; lines: readonly string[] },
) => {
  if (params.lines.length === 0) return;
  // Sorted (a line starts with its account id) so that overlapping recomputes lock rows in the same order.
  const text = [...params.lines].sort().join("\n");
  await db.execute(sql`insert into health_scores
      (workspace_id, account_id, day, score, band, coverage, measures, scorecard_key, computed_at)
    select ${params.workspaceId}, f[1]::uuid, ${params.day}::date, nullif(f[2], '')::int,
      nullif(f[3], ''), f[4]::float8, f[5]::json, f[6], now()
    from string_to_table(${text}, E'\\n') as line, string_to_array(line, E'\\t') as f
    on conflict (workspace_id, account_id, day) do update set
      score = excluded.score, band = excluded.band, coverage = excluded.coverage,
      measures = excluded.measures, scorecard_key = excluded.scorecard_key, computed_at = excluded.computed_at`);
};

/**
 * Takes up to `limit` dirty marks of a workspace (deleted, returned). Taken
 * before the rollups are read: an event committed after that marks its
 * account again for the next run, so nothing is lost.
 */
export const claimDirtyAccounts = async (
  db: DbOrTx,
  params: { workspaceId: string; limit: number },
) =>
  (
    await rowsOf<{ accountId: string }>(
      db,
      // = any(array(…)): the sub-select runs once. As "in (…)" PostgreSQL could run it
      // again per row, and the limit then did not hold (all marks were taken at once).
      sql`delete from usage_dirty_accounts
      where workspace_id = ${params.workspaceId} and account_id = any(array(
        select account_id from usage_dirty_accounts where workspace_id = ${params.workspaceId}
        order by account_id limit ${params.limit} for update skip locked))
      returning account_id as "accountId"`,
    )
  ).map((r) => r.accountId);

/** Takes the marks of accounts about to be recomputed by id. */
export const clearDirtyAccounts = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[] },
) => {
  if (params.accountIds.length === 0) return;
  await db.execute(sql`delete from usage_dirty_accounts
    where workspace_id = ${params.workspaceId}
      and account_id = any(${sql.param([...params.accountIds])}::uuid[])`);
};

/**
 * A workspace's dirty marks counted up to `upTo` (the caller asks whether
 * there are that many), and its accounts, counted only then.
 */
export const countDirtyAccounts = async (
  db: DbOrTx,
  params: { workspaceId: string; upTo: number },
): Promise<{ dirty: number; accounts: number | null }> => {
  const { workspaceId, upTo } = params;
  const [capped] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from usage_dirty_accounts
      where workspace_id = ${workspaceId} limit ${upTo}) as marks`,
  );
  if ((capped?.n ?? 0) < upTo) return { dirty: capped?.n ?? 0, accounts: null };
  const [counts] = await rowsOf<{ dirty: number; accounts: number }>(
    db,
    sql`select
      (select count(*) from usage_dirty_accounts where workspace_id = ${workspaceId})::int as dirty,
      (select count(*) from accounts where workspace_id = ${workspaceId})::int as accounts`,
  );
  return counts ?? { dirty: 0, accounts: 0 };
};

/** Takes every mark of a workspace (a full recompute, which reads every account after this). */
export const clearWorkspaceDirtyAccounts = async (db: DbOrTx, workspaceId: string) => {
  await db.execute(sql`delete from usage_dirty_accounts where workspace_id = ${workspaceId}`);
};

export const findWorkspacesWithDirtyAccounts = async (db: DbOrTx) =>
  (
    await rowsOf<{ workspaceId: string }>(
      db,
      // Pending rows too: ingest leaves the marks to the fold, which the job runs first.
      sql`select workspace_id as "workspaceId" from usage_dirty_accounts
        union select workspace_id from usage_rollup_pending`,
    )
  ).map((r) => r.workspaceId);

/** A page of a workspace's account ids, by id (keyset). */
export const findAccountIdsPage = async (
  db: DbOrTx,
  params: { workspaceId: string; after: string | null; limit: number },
) =>
  (
    await rowsOf<{ id: string }>(
      db,
      params.after === null
        ? sql`select id from accounts where workspace_id = ${params.workspaceId}
            order by id limit ${params.limit}`
        : sql`select id from accounts where workspace_id = ${params.workspaceId}
            and id > ${params.after}::uuid order by id limit ${params.limit}`,
    )
  ).map((r) => r.id);

export const findHealthScore = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; day: string },
) => {
  const [row] = await db
    .select()
    .from(healthScores)
    .where(
      and(
        eq(healthScores.workspaceId, params.workspaceId),
        eq(healthScores.accountId, params.accountId),
        eq(healthScores.day, params.day),
      ),
    );
  return row;
};

export const findHealthHistory = (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; after: string; to: string },
) =>
  db
    .select({ day: healthScores.day, score: healthScores.score, band: healthScores.band })
    .from(healthScores)
    .where(
      and(
        eq(healthScores.workspaceId, params.workspaceId),
        eq(healthScores.accountId, params.accountId),
        gt(healthScores.day, params.after),
        lte(healthScores.day, params.to),
      ),
    )
    .orderBy(desc(healthScores.day));

/** The latest score of an account on or before a day. */
export const findLatestHealthScore = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; onOrBefore: string },
) => {
  const [row] = await db
    .select()
    .from(healthScores)
    .where(
      and(
        eq(healthScores.workspaceId, params.workspaceId),
        eq(healthScores.accountId, params.accountId),
        lte(healthScores.day, params.onOrBefore),
      ),
    )
    .orderBy(desc(healthScores.day))
    .limit(1);
  return row;
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
