import type { Db } from "../db/client";
import { findWorkspacesWithDirtyAccounts } from "../features/health/health.queries";
import { recomputeAccountHealth } from "../features/health/health.service";
import { createInProcessRunner, type JobRunner } from "./job-runner";

/** Recomputes every dirty account of every workspace as of today (UTC); returns the count. */
export const drainDirtyHealth = async (db: Db): Promise<number> => {
  const asOf = new Date().toISOString().slice(0, 10);
  let done = 0;
  for (const workspaceId of await findWorkspacesWithDirtyAccounts(db)) {
    done += await recomputeAccountHealth(db, { workspaceId, asOf });
  }
  return done;
};

export const createHealthJob = (db: Db, params: { intervalSeconds: number }): JobRunner =>
  createInProcessRunner({
    name: "health",
    intervalMs: params.intervalSeconds * 1000,
    run: () => drainDirtyHealth(db),
  });
