import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { contracts } from "../../db/schema";

export type ContractRow = typeof contracts.$inferSelect;
export type NewContract = typeof contracts.$inferInsert;

export const findContractsOfAccount = (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string },
) =>
  db
    .select()
    .from(contracts)
    .where(
      and(eq(contracts.workspaceId, params.workspaceId), eq(contracts.accountId, params.accountId)),
    )
    .orderBy(asc(contracts.startDate), asc(contracts.product), asc(contracts.id));

export const findContract = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string; forUpdate?: boolean },
) => {
  const query = db
    .select()
    .from(contracts)
    .where(and(eq(contracts.workspaceId, params.workspaceId), eq(contracts.id, params.id)))
    .limit(1);
  const [row] = params.forUpdate ? await query.for("update") : await query;
  return row;
};

export const insertContract = async (db: DbOrTx, values: NewContract) => {
  const [row] = await db.insert(contracts).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

export const updateContract = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string; values: Partial<NewContract> },
) => {
  const [row] = await db
    .update(contracts)
    .set({ ...params.values, updatedAt: new Date() })
    .where(and(eq(contracts.workspaceId, params.workspaceId), eq(contracts.id, params.id)))
    .returning();
  return row;
};

export const deleteContract = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const rows = await db
    .delete(contracts)
    .where(and(eq(contracts.workspaceId, params.workspaceId), eq(contracts.id, params.id)))
    .returning({ workspaceId: contracts.workspaceId, accountId: contracts.accountId });
  return rows[0] ?? null;
};
