import { AppError, type WorkspaceRole } from "@michi/core";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users, workspaceMembers } from "../../db/schema";
import type { Auth } from "../auth/auth";
import { findMembership } from "../workspaces/workspaces.queries";

/**
 * Creates a user with a password through better-auth's own adapter, so the
 * password is hashed the way its sign-in checks it. Public sign-up is off.
 */
export const createUserWithPassword = async (
  auth: Auth,
  params: { email: string; name: string; password: string },
) => {
  const ctx = await auth.$context;
  const email = params.email.toLowerCase();
  const existing = await ctx.internalAdapter.findUserByEmail(email);
  if (existing) throw new AppError("conflict", `A user with the email ${email} already exists.`);
  const minLength = ctx.password.config.minPasswordLength;
  if (params.password.length < minLength) {
    throw new AppError(
      "validation-failed",
      `The password needs at least ${minLength} characters.`,
      [{ pointer: "/password", message: `must be at least ${minLength} characters` }],
    );
  }
  const user = await ctx.internalAdapter.createUser(
    { email, name: params.name, emailVerified: true },
    { method: "admin" },
  );
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: await ctx.password.hash(params.password),
  });
  return user;
};

export const findUserByEmail = async (db: Db, email: string) => {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
};

export const addWorkspaceMember = async (
  db: Db,
  params: { workspaceId: string; userId: string; role: WorkspaceRole },
) => {
  const existing = await findMembership(db, params);
  if (existing) {
    await db
      .update(workspaceMembers)
      .set({ role: params.role })
      .where(eq(workspaceMembers.id, existing.id));
    return;
  }
  await db.insert(workspaceMembers).values({ id: crypto.randomUUID(), ...params });
};
