import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { iso } from "../../lib/sql";
import type { HistorySummary } from "./history-summary";
import { findHistory } from "./plans.queries";
import { getPlanRow } from "./plans.service";

export const listPlanHistory = async (db: Db, actor: Actor, planId: string) => {
  await getPlanRow(db, actor, planId);
  const rows = await findHistory(db, { workspaceId: actor.workspaceId, planId, limit: 500 });
  return {
    data: rows.map((row) => ({
      at: iso(row.at),
      version: row.version,
      action: row.action,
      actor: { kind: row.actorKind, name: row.actorName },
      summary: (row.summary ?? null) as HistorySummary | { stage: number } | null,
    })),
  };
};
