import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { users, workspaceMembers, workspaces } from "../../db/schema";

export const findWorkspaceBySlug = async (db: DbOrTx, slug: string) => {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  return row;
};

export const findFirstWorkspace = async (db: DbOrTx) => {
  const [row] = await db.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
  return row;
};

export const listWorkspacesOfUser = (db: DbOrTx, userId: string) =>
  db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      role: workspaceMembers.role,
    })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(asc(workspaceMembers.createdAt));

export const findMembership = async (
  db: DbOrTx,
  params: { workspaceId: string; userId: string },
) => {
  const [row] = await db
    .select()
    .from(workspaceMembers)
    .where(
      and(
        eq(workspaceMembers.workspaceId, params.workspaceId),
        eq(workspaceMembers.userId, params.userId),
      ),
    )
    .limit(1);
  return row;
};

/** The members of a workspace with their names, or the one member with `userId`. */
export const listMembers = (db: DbOrTx, params: { workspaceId: string; userId?: string }) =>
  db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: workspaceMembers.role,
      memberSince: workspaceMembers.createdAt,
    })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(
      and(
        eq(workspaceMembers.workspaceId, params.workspaceId),
        params.userId ? eq(workspaceMembers.userId, params.userId) : undefined,
      ),
    )
    .orderBy(asc(users.name));

/**
 * The workspace's admin memberships, locked until the transaction ends, so two
 * concurrent demotions cannot both pass the "last admin" check.
 */
export const lockAdminMemberships = (tx: DbOrTx, params: { workspaceId: string }) =>
  tx
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(
      and(eq(workspaceMembers.workspaceId, params.workspaceId), eq(workspaceMembers.role, "admin")),
    )
    .for("update");

export const updateMembershipRole = (
  db: DbOrTx,
  params: { workspaceId: string; userId: string; role: string },
) =>
  db
    .update(workspaceMembers)
    .set({ role: params.role })
    .where(
      and(
        eq(workspaceMembers.workspaceId, params.workspaceId),
        eq(workspaceMembers.userId, params.userId),
      ),
    );

export const deleteMembership = (db: DbOrTx, params: { workspaceId: string; userId: string }) =>
  db
    .delete(workspaceMembers)
    .where(
      and(
        eq(workspaceMembers.workspaceId, params.workspaceId),
        eq(workspaceMembers.userId, params.userId),
      ),
    );

export const findWorkspace = async (db: DbOrTx, id: string) => {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id)).limit(1);
  return row;
};

export const listWorkspaces = (db: DbOrTx) =>
  db.select().from(workspaces).orderBy(asc(workspaces.createdAt));
