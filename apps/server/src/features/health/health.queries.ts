import { and, desc, eq, gt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { healthScores } from "../../db/schema";
import { preparedQuery } from "../../lib/prepared";

/* Reads of the stored daily scores (the recompute writes them: recompute/health-scores.queries.ts). */

/** The account page's read: prepared (lib/prepared.ts). */
const healthScoreOfDay = preparedQuery((db) =>
  db
    .select()
    .from(healthScores)
    .where(
      and(
        eq(healthScores.workspaceId, sql.placeholder("workspaceId")),
        eq(healthScores.accountId, sql.placeholder("accountId")),
        eq(healthScores.day, sql.placeholder("day")),
      ),
    ),
);

export const findHealthScore = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; day: string },
) => {
  const [row] = await healthScoreOfDay(db).execute(params);
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
