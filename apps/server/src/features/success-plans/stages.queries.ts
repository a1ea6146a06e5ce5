import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { planStages } from "../../db/schema";

export type StageRow = typeof planStages.$inferSelect;
export type NewStage = typeof planStages.$inferInsert;

const ofPlan = (params: { workspaceId: string; planId: string }) =>
  and(eq(planStages.workspaceId, params.workspaceId), eq(planStages.planId, params.planId));

/** Closed stages without their snapshots, oldest first. */
export const findStages = (db: DbOrTx, params: { workspaceId: string; planId: string }) =>
  db
    .select({
      number: planStages.number,
      openedAt: planStages.openedAt,
      closedAt: planStages.closedAt,
      closedByKind: planStages.closedByKind,
      closedByName: planStages.closedByName,
      retrospective: planStages.retrospective,
    })
    .from(planStages)
    .where(ofPlan(params))
    .orderBy(asc(planStages.number));

export const findStage = async (
  db: DbOrTx,
  params: { workspaceId: string; planId: string; number: number },
) => {
  const [row] = await db
    .select()
    .from(planStages)
    .where(and(ofPlan(params), eq(planStages.number, params.number)))
    .limit(1);
  return row;
};

export const findLastClosedAt = async (
  db: DbOrTx,
  params: { workspaceId: string; planId: string },
) => {
  const [row] = await db
    .select({ closedAt: planStages.closedAt })
    .from(planStages)
    .where(ofPlan(params))
    .orderBy(desc(planStages.number))
    .limit(1);
  return row?.closedAt;
};

export const insertStage = async (db: DbOrTx, values: NewStage) => {
  const [row] = await db.insert(planStages).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};
