import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loadCsModel } from "../../recompute";
import { listWorkspaces } from "../workspaces/workspaces.queries";

/** Rows per delete statement: short transactions, so ingest never waits long on them. */
export const RETENTION_BATCH_SIZE = 10_000;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the workspace's raw usage events whose `timestamp` is more than
 * `retentionDays` days before `at`, batch by batch (each statement commits
 * on its own). Daily rollups stay: health and metrics keep their history.
 * Events still waiting for their account go too: the setting promises the
 * raw data is gone, and an account that has not appeared in that time will
 * not. Returns how many were deleted.
 */
export const deleteExpiredUsageEvents = async (
  db: Db,
  params: { workspaceId: string; retentionDays: number; at?: Date; batchSize?: number },
): Promise<number> => {
  const before = new Date((params.at ?? new Date()).getTime() - params.retentionDays * DAY_MS);
  const batchSize = params.batchSize ?? RETENTION_BATCH_SIZE;
  let deleted = 0;
  for (;;) {
    // A limited batch at a time (DELETE has no LIMIT in PostgreSQL), by key. The
    // rows are found by the (workspace, UTC day) index: its days up to the cutoff's,
    // then the exact instant.
    const result = (await db.execute(sql`delete from usage_events
      where workspace_id = ${params.workspaceId}::uuid and message_key in (
        select message_key from usage_events
        where workspace_id = ${params.workspaceId}::uuid
          and ("timestamp" at time zone 'UTC')::date <= ${before.toISOString().slice(0, 10)}::date
          and "timestamp" < ${before.toISOString()}::timestamptz
        limit ${batchSize}
      )`)) as unknown as { rowCount?: number | null; affectedRows?: number };
    // node-postgres says rowCount, PGlite affectedRows.
    const count = result.rowCount ?? result.affectedRows ?? 0;
    deleted += count;
    if (count < batchSize) return deleted;
  }
};

/**
 * The daily job: every workspace (or those given) with a retention setting.
 * Returns how many workspaces had one and the events deleted.
 */
export const applyUsageRetention = async (
  db: Db,
  params: { workspaceIds?: readonly string[]; at?: Date; batchSize?: number } = {},
): Promise<{ workspaces: number; deleted: number }> => {
  const { workspaceIds, ...options } = params;
  let workspaces = 0;
  let deleted = 0;
  for (const workspaceId of workspaceIds ?? (await listWorkspaces(db)).map((w) => w.id)) {
    const { usageRetentionDays } = await loadCsModel(db, workspaceId);
    if (usageRetentionDays === null) continue;
    workspaces += 1;
    deleted += await deleteExpiredUsageEvents(db, {
      workspaceId,
      retentionDays: usageRetentionDays,
      ...options,
    });
  }
  return { workspaces, deleted };
};
