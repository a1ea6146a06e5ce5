import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { planTemplates } from "../../db/schema";

export type TemplateRow = typeof planTemplates.$inferSelect;
export type NewTemplate = typeof planTemplates.$inferInsert;

const templateWhere = (params: { workspaceId: string; id: string }) =>
  and(eq(planTemplates.workspaceId, params.workspaceId), eq(planTemplates.id, params.id));

export const findTemplates = (db: DbOrTx, params: { workspaceId: string }) =>
  db
    .select()
    .from(planTemplates)
    .where(eq(planTemplates.workspaceId, params.workspaceId))
    .orderBy(asc(planTemplates.name), asc(planTemplates.id));

export const findTemplate = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const [row] = await db.select().from(planTemplates).where(templateWhere(params)).limit(1);
  return row;
};

export const insertTemplate = async (db: DbOrTx, values: NewTemplate) => {
  const [row] = await db.insert(planTemplates).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

export const deleteTemplate = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const rows = await db
    .delete(planTemplates)
    .where(templateWhere(params))
    .returning({ id: planTemplates.id });
  return rows.length > 0;
};
