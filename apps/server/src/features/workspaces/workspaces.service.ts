import { AppError } from "@michi/core";
import { z } from "zod";
import type { Db } from "../../db/client";
import { workspaceMembers, workspaces } from "../../db/schema";
import { isUniqueViolation } from "../../lib/sql";

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
