import type { Scorecard } from "@michi/core";
import { and, eq, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../../db/client";
import { scorecardDrafts } from "../../db/schema";

/** The workspace's most frequent event names over the days, with their count and accounts. */
export const findTopEvents = async (
  db: DbOrTx,
  params: { workspaceId: string; from: string; to: string; limit: number },
) =>
  (
    await rowsOf<{ event: string; count: string | number; accounts: number }>(
      db,
      sql`select e.key as event, sum(e.value::bigint) as count,
          count(distinct r.account_id)::int as accounts
        from usage_daily_rollups r cross join lateral jsonb_each_text(r.event_counts) e
        where r.workspace_id = ${params.workspaceId}
          and r.day >= ${params.from}::date and r.day <= ${params.to}::date
        group by e.key order by count desc, e.key limit ${params.limit}`,
    )
  ).map((row) => ({ ...row, count: Number(row.count) }));

export const insertScorecardDraft = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    scorecard: Scorecard;
    report: Record<string, unknown>;
    createdByUserId: string | null;
  },
) => {
  const [row] = await db.insert(scorecardDrafts).values(params).returning();
  if (!row) throw new Error("the draft was not stored");
  return row;
};

export const findScorecardDraft = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string },
) => {
  const [row] = await db
    .select()
    .from(scorecardDrafts)
    .where(
      and(eq(scorecardDrafts.workspaceId, params.workspaceId), eq(scorecardDrafts.id, params.id)),
    );
  return row;
};

export const acceptScorecardDraft = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string },
) => {
  await db
    .update(scorecardDrafts)
    .set({ status: "accepted", acceptedAt: new Date() })
    .where(
      and(
        eq(scorecardDrafts.workspaceId, params.workspaceId),
        eq(scorecardDrafts.id, params.id),
        eq(scorecardDrafts.status, "draft"),
      ),
    );
};
