import { AppError, isWorkspaceRole } from "@michi/core";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { sessions, users, workspaceMembers, workspaces } from "../../db/schema";
import type { Actor } from "../../lib/hono-env";
import { isUniqueViolation } from "../../lib/sql";
import { forgetSessionActors } from "../auth/session-actors";
import {
  findFirstWorkspace,
  findMembership,
  findWorkspace,
  findWorkspaceBySlug,
  listWorkspaces,
  listWorkspacesOfUser,
} from "./workspaces.queries";
import type { Me } from "./workspaces.schemas";

export const workspaceSlugSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/,
    "must be 1–50 lowercase letters, digits or dashes",
  );

/** A workspace and its first admin, in one transaction. */
export const createWorkspace = async (
  db: Db,
  params: { name: string; slug: string; adminUserId?: string },
) => {
  const slug = workspaceSlugSchema.safeParse(params.slug);
  if (!slug.success) {
    throw new AppError("validation-failed", `The slug "${params.slug}" is not valid.`, [
      { pointer: "/slug", message: slug.error.issues[0]?.message ?? "is not valid" },
    ]);
  }
  if (!params.name.trim()) {
    throw new AppError("validation-failed", "A workspace needs a name.", [
      { pointer: "/name", message: "is required" },
    ]);
  }
  try {
    return await db.transaction(async (tx) => {
      const [workspace] = await tx
        .insert(workspaces)
        .values({ id: crypto.randomUUID(), name: params.name.trim(), slug: slug.data })
        .returning();
      if (!workspace) throw new Error("insert returned no row");
      if (params.adminUserId) {
        await tx.insert(workspaceMembers).values({
          id: crypto.randomUUID(),
          workspaceId: workspace.id,
          userId: params.adminUserId,
          role: "admin",
        });
      }
      return workspace;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A workspace with the slug "${slug.data}" already exists.`);
    }
    throw error;
  }
};

/** Who the caller is, where they are, and which workspaces they can switch to. */
export const getMe = async (db: Db, actor: Actor): Promise<Me> => {
  const workspace = await findWorkspace(db, actor.workspaceId);
  if (!workspace) throw new AppError("not-found", "The workspace no longer exists.");
  const here = { id: workspace.id, name: workspace.name, slug: workspace.slug };
  if (actor.kind !== "user") {
    return {
      user: null,
      workspace: here,
      role: actor.role,
      workspaces: [{ ...here, role: actor.role }],
    };
  }
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, actor.userId))
    .limit(1);
  if (!user) throw new AppError("unauthenticated", "The user no longer exists.");
  const memberships = await listWorkspacesOfUser(db, actor.userId);
  return {
    user,
    workspace: here,
    role: actor.role,
    workspaces: memberships.flatMap(({ role, ...w }) =>
      isWorkspaceRole(role) ? [{ ...w, role }] : [],
    ),
  };
};

/** Points the caller's session at another of their workspaces. */
export const switchActiveWorkspace = async (
  db: Db,
  actor: Actor,
  params: { sessionId: string | undefined; workspaceId: string },
) => {
  if (actor.kind !== "user" || !params.sessionId) {
    throw new AppError("bad-request", "Only a logged-in user has an active workspace to switch.");
  }
  const membership = await findMembership(db, {
    workspaceId: params.workspaceId,
    userId: actor.userId,
  });
  if (!membership || !isWorkspaceRole(membership.role)) {
    throw new AppError("forbidden", "You are not a member of that workspace.", [
      { pointer: "/workspaceId", message: "is not a workspace of yours" },
    ]);
  }
  await db
    .update(sessions)
    .set({ activeWorkspaceId: params.workspaceId, updatedAt: new Date() })
    .where(and(eq(sessions.id, params.sessionId), eq(sessions.userId, actor.userId)));
  forgetSessionActors(db);
  return getMe(db, { ...actor, workspaceId: params.workspaceId, role: membership.role });
};

/** The workspace a CLI command acts in: the one named, or the first one. */
export const resolveWorkspace = async (db: Db, slug: string | undefined) => {
  if (slug) {
    const workspace = await findWorkspaceBySlug(db, slug);
    if (workspace) return workspace;
    const known = (await listWorkspaces(db)).map((w) => w.slug);
    throw new AppError(
      "not-found",
      `There is no workspace with the slug "${slug}". ${
        known.length > 0 ? `Known: ${known.join(", ")}.` : "There are no workspaces yet."
      }`,
    );
  }
  const first = await findFirstWorkspace(db);
  if (!first) {
    throw new AppError(
      "not-found",
      "There are no workspaces yet: start Michi once, or run `workspace create`.",
    );
  }
  return first;
};
