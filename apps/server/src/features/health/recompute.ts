import type { Db } from "../../db/client";
import { findWorkspacesWithDirtyAccounts } from "./health.queries";
import { recomputeAccountHealth } from "./health.service";

/*
 * The one recompute of what follows from an account's data: health score,
 * maturity level per product, lifecycle phase (move or proposal) and touch
 * model, in batches. STUB being filled in: today only health.
 */

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Recomputes the given accounts, or every dirty one when `accountIds` is
 * absent, as at `at` (default now; the day of `at` in UTC is the health
 * day, `at` itself the time of any phase/maturity change). Returns the count.
 */
export const recomputeAccounts = (
  db: Db,
  params: { workspaceId: string; accountIds?: readonly string[]; at?: Date },
): Promise<number> =>
  recomputeAccountHealth(db, {
    workspaceId: params.workspaceId,
    ...(params.accountIds ? { accountIds: params.accountIds } : {}),
    asOf: dayOf(params.at ?? new Date()),
  });

/** Every account of a workspace, page by page, as at `at`. Returns the count. */
export const recomputeAllAccounts = async (
  db: Db,
  params: { workspaceId: string; at?: Date },
): Promise<number> => {
  const { findAccountIdsPage } = await import("./health.queries");
  let done = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await findAccountIdsPage(db, {
      workspaceId: params.workspaceId,
      after,
      limit: 1000,
    });
    if (ids.length === 0) return done;
    done += await recomputeAccounts(db, { ...params, accountIds: ids });
    after = ids[ids.length - 1] ?? null;
  }
};

/** Every dirty account of every workspace, now. Returns the count. */
export const drainDirtyAccounts = async (db: Db): Promise<number> => {
  let done = 0;
  for (const workspaceId of await findWorkspacesWithDirtyAccounts(db)) {
    done += await recomputeAccounts(db, { workspaceId });
  }
  return done;
};
