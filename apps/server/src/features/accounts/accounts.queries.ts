import { and, asc, desc, eq, ilike, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accounts } from "../../db/schema";
import { type Cursor, encodeCursor } from "../../lib/cursor";
import { likeContains } from "../../lib/sql";
import type { AccountListQuery } from "./accounts.schemas";

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;

const sortColumns = { name: accounts.name, createdAt: accounts.createdAt } as const;

export const findAccounts = async (
  db: DbOrTx,
  params: Omit<AccountListQuery, "cursor"> & { workspaceId: string; cursor?: Cursor },
) => {
  const descending = params.sort.startsWith("-");
  const key = params.sort.replace("-", "") as keyof typeof sortColumns;
  const column = sortColumns[key];
  // Timestamps compare as text in the cursor at full precision (JS Dates keep only ms).
  const sortValue = key === "createdAt" ? sql<string>`${column}::text` : sql<string>`${column}`;
  const cast = key === "createdAt" ? sql`::timestamptz` : sql``;

  const where: (SQL | undefined)[] = [eq(accounts.workspaceId, params.workspaceId)];
  if (params.q) where.push(ilike(accounts.name, likeContains(params.q)));
  if (params.externalId) where.push(eq(accounts.externalId, params.externalId));
  if (params.ownerUserId) where.push(eq(accounts.ownerUserId, params.ownerUserId));
  if (params.segment) where.push(eq(accounts.segment, params.segment));
  if (params.touchModel) where.push(eq(accounts.touchModel, params.touchModel));
  if (params.cursor) {
    const op = descending ? sql`<` : sql`>`;
    where.push(
      sql`(${column}, ${accounts.id}) ${op} (${params.cursor.v}${cast}, ${params.cursor.id}::uuid)`,
    );
  }
  const order = descending ? desc : asc;
  const rows = await db
    .select({ account: accounts, sortValue })
    .from(accounts)
    .where(and(...where))
    .orderBy(order(column), order(accounts.id))
    .limit(params.limit + 1);

  const page = rows.slice(0, params.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > params.limit && last
      ? encodeCursor({ v: String(last.sortValue), id: last.account.id })
      : null;
  return { data: page.map((r) => r.account), nextCursor };
};

export const findAccount = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, params.workspaceId), eq(accounts.id, params.id)))
    .limit(1);
  return row;
};

export const findAccountsByExternalIds = (
  db: DbOrTx,
  params: { workspaceId: string; externalIds: string[] },
) =>
  params.externalIds.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(accounts)
        .where(
          and(
            eq(accounts.workspaceId, params.workspaceId),
            // sql.param: one array parameter (a bare array would expand to one per item).
            sql`${accounts.externalId} = any(${sql.param(params.externalIds)}::text[])`,
          ),
        );

export const insertAccount = async (db: DbOrTx, values: NewAccount) => {
  const [row] = await db.insert(accounts).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

export const updateAccount = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string; values: Partial<NewAccount> },
) => {
  const [row] = await db
    .update(accounts)
    .set({ ...params.values, updatedAt: new Date() })
    .where(and(eq(accounts.workspaceId, params.workspaceId), eq(accounts.id, params.id)))
    .returning();
  return row;
};

export const deleteAccount = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const rows = await db
    .delete(accounts)
    .where(and(eq(accounts.workspaceId, params.workspaceId), eq(accounts.id, params.id)))
    .returning({ id: accounts.id });
  return rows.length > 0;
};

/** When someone leaves a workspace, their accounts there have no owner until reassigned. */
export const clearAccountOwner = (db: DbOrTx, params: { workspaceId: string; userId: string }) =>
  db
    .update(accounts)
    .set({ ownerUserId: null, updatedAt: new Date() })
    .where(
      and(eq(accounts.workspaceId, params.workspaceId), eq(accounts.ownerUserId, params.userId)),
    );
