import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { contacts } from "../../db/schema";

export type ContactRow = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;

export const findContactsOfAccount = (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string },
) =>
  db
    .select()
    .from(contacts)
    .where(
      and(eq(contacts.workspaceId, params.workspaceId), eq(contacts.accountId, params.accountId)),
    )
    .orderBy(asc(contacts.name), asc(contacts.id));

export const findContact = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, params.workspaceId), eq(contacts.id, params.id)))
    .limit(1);
  return row;
};

export const insertContact = async (db: DbOrTx, values: NewContact) => {
  const [row] = await db.insert(contacts).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

export const updateContact = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string; values: Partial<NewContact> },
) => {
  const [row] = await db
    .update(contacts)
    .set({ ...params.values, updatedAt: new Date() })
    .where(and(eq(contacts.workspaceId, params.workspaceId), eq(contacts.id, params.id)))
    .returning();
  return row;
};

export const deleteContact = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const rows = await db
    .delete(contacts)
    .where(and(eq(contacts.workspaceId, params.workspaceId), eq(contacts.id, params.id)))
    .returning({ id: contacts.id });
  return rows.length > 0;
};
