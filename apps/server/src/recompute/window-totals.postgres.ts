import { emptyWindowPair, type WindowPair, type WindowTotals } from "@michi/core";
import { type SQL, sql } from "drizzle-orm";
import { type Db, type DbOrTx, rowsOf } from "../db/client";
import { accountIdIn } from "./batch-accounts";
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
 * PostgreSQL's window totals: counted by the database in one pass over the
 * rollup rows, whose work runs in its own processes while this one decides
 * (decision 0007). Counting in Node instead moved ~90 ms of CPU a page of
 * 1,000 accounts into Node while saving the database ~40 ms.
 */

const toNumber = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

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
 * `accounts` limits the rows (a batch, or a range of a full recompute's, read
 * in account order). Equivalence: window-totals.test.ts.
 */
const windowTotalsCount = (
  params: WorkspaceWindowParams,
  accounts: SQL | null,
  options: { ordered?: boolean } = {},
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
    group by r.account_id${options.ordered ? sql` order by r.account_id` : sql``}`;
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
  if (params.accountIds.length === 0 || params.windows.length === 0) return [];
  const { query, toAccountTotals } = windowTotalsCount(
    params,
    accountIdIn(sql`r.account_id`, params),
  );
  return (await rowsOf<CountedRow>(db, query)).map(toAccountTotals);
};

/**
 * Accounts per range of a full recompute's count (about a page, so the first
 * pages are decided while later ranges count); a smaller workspace is one
 * statement. At 10,000 accounts on PostgreSQL, alternating runs: ranges of
 * 1,250 gave 0.9–1.4× the plain aggregate (median 1.05×), of 5,000 1.0–1.4×
 * (median 1.25×); at 100,000 both 1.0–1.3×.
 */
const ACCOUNTS_PER_RANGE = 1_250;
/** Range statements running at once: one per core of a 2-core machine. */
const RANGES_AT_ONCE = 2;

/**
 * The workspace's accounts cut into `count` ranges of ids, each as the last
 * id it holds (the last range is open above, so accounts made since still
 * fall in one).
 */
const accountRangeEnds = async (db: DbOrTx, workspaceId: string, count: number) =>
  (
    await rowsOf<{ last: string }>(
      db,
      sql`select max(id::text) as last from (
          select id, ntile(${count}) over (order by id) as part from accounts
          where workspace_id = ${workspaceId}) parts
        group by part order by part`,
    )
  ).map((row) => row.last);

/**
 * A full recompute's window totals on PostgreSQL: the counting statement
 * run over ranges of the workspace's accounts, two at a time on two
 * connections, so the database counts on both cores while this process
 * decides and writes the pages of the ranges already counted. One statement
 * over the whole workspace (decision 0007's cursor) counted on one core:
 * 1.7 s of a 1.9 s run at 10,000 accounts, against 0.9 s for the plain
 * aggregate. Ranges of thousands of accounts are planned as the whole is
 * (Memoize over repeated event_counts); pages of 1,000 were estimated at a
 * few dozen rows and planned for those. Each range in its own short
 * read-only transaction without JIT (compiling the statement's many
 * expressions cost ~0.25 s at 10,000 accounts and gained nothing at 100,000).
 */
export const countWorkspaceWindowTotals = async (
  db: DbOrTx,
  params: WorkspaceWindowParams,
  accountsPerRange = ACCOUNTS_PER_RANGE,
): Promise<WindowTotalsCursor> => {
  if (params.windows.length === 0) return { through: async () => [] };
  const [size] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from accounts where workspace_id = ${params.workspaceId}`,
  );
  const count = Math.max(1, Math.ceil((size?.n ?? 0) / accountsPerRange));
  const ends =
    count === 1 ? [] : (await accountRangeEnds(db, params.workspaceId, count)).slice(0, -1);
  const { toAccountTotals } = windowTotalsCount(params, null);
  const countRange = (k: number) => {
    const above = k === 0 ? null : ends[k - 1]!;
    const upTo = k < ends.length ? ends[k]! : null;
    const conditions = [
      ...(above === null ? [] : [sql`r.account_id > ${above}::uuid`]),
      ...(upTo === null ? [] : [sql`r.account_id <= ${upTo}::uuid`]),
    ];
    const { query } = windowTotalsCount(
      params,
      conditions.length === 0 ? null : sql.join(conditions, sql` and `),
      { ordered: true },
    );
    return db.transaction(
      async (tx) => {
        await tx.execute(sql`set local jit = off`);
        return rowsOf<CountedRow>(tx, query);
      },
      { accessMode: "read only" },
    );
  };
  // Two ranges counting at once; the next starts when one is read.
  const counted: Promise<CountedRow[]>[] = [];
  const start = (k: number) => {
    if (k > ends.length || counted[k]) return;
    const promise = countRange(k);
    promise.catch(() => {});
    counted[k] = promise.finally(() => start(k + RANGES_AT_ONCE));
  };
  for (let k = 0; k < RANGES_AT_ONCE; k++) start(k);
  let range = 0;
  let buffered: CountedRow[] | null = null;
  return {
    through: async (lastId) => {
      const out: AccountWindowTotals[] = [];
      for (;;) {
        if (buffered === null) {
          if (range > ends.length) return out;
          buffered = await counted[range]!;
        }
        let i = 0;
        while (i < buffered.length && buffered[i]!.accountId <= lastId) {
          out.push(toAccountTotals(buffered[i]!));
          i++;
        }
        buffered = buffered.slice(i);
        if (buffered.length > 0) return out;
        // This range is read out: go on to the next only when the page reaches past its end.
        const end = range < ends.length ? ends[range]! : null;
        buffered = null;
        range++;
        if (end === null || end > lastId) return out;
      }
    },
  };
};

/** A full recompute's: the workspace counted in ranges, two at a time (countWorkspaceWindowTotals). */
const withWorkspace = async <T>(
  db: Db,
  params: FullRunParams,
  body: (usage: FullRunUsage) => Promise<T>,
): Promise<T> => {
  const { model: _model, at: _at, inWorker: _inWorker, ...needs } = params;
  return body({ kind: "cursor", cursor: await countWorkspaceWindowTotals(db, needs) });
};

export const postgresWindowTotals: WindowTotalsCounter = {
  countBatch: countWindowTotalsInDatabase,
  withWorkspace,
};
