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

export const listMembers = (db: DbOrTx, params: { workspaceId: string }) =>
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
    .where(eq(workspaceMembers.workspaceId, params.workspaceId))
    .orderBy(asc(users.name));
