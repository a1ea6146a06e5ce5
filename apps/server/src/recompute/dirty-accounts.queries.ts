import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../db/client";

/*
 * The dirty-account queue: accounts with new data since their last
 * recompute. Ingest's fold and model changes mark them; the recompute job
 * takes the marks (decision 0007).
 */

/** Marks accounts for the health job; an account already dirty keeps its first time. */
export const markAccountsDirty = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[] },
) => {
  if (params.accountIds.length === 0) return;
  await db.execute(dirtyInsert(params.workspaceId, params.accountIds));
};

const dirtyInsert = (workspaceId: string, accountIds: readonly string[]): SQL =>
  sql`insert into usage_dirty_accounts (workspace_id, account_id)
    select ${workspaceId}, id::uuid
    from unnest(${sql.param([...new Set(accountIds)].sort())}::text[]) as x(id)
    on conflict do nothing`;

/** Accounts per statement when marking a whole workspace dirty. */
const DIRTY_PAGE_SIZE = 1000;

/**
 * Marks every account of the workspace dirty, page by page, so the recompute
 * job rescores them under a changed model. Returns how many.
 */
export const markWorkspaceAccountsDirty = async (db: DbOrTx, workspaceId: string) => {
  let marked = 0;
  let after: string | null = null;
  for (;;) {
    const accountIds = await findAccountIdsPage(db, { workspaceId, after, limit: DIRTY_PAGE_SIZE });
    if (accountIds.length === 0) return marked;
    await markAccountsDirty(db, { workspaceId, accountIds });
    marked += accountIds.length;
    after = accountIds.at(-1) ?? null;
  }
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
