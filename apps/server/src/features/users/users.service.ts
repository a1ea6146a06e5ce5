import { randomBytes } from "node:crypto";
import { AppError, coded, isWorkspaceRole, type WorkspaceRole } from "@michi/core";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users, workspaceMembers } from "../../db/schema";
import type { Actor } from "../../lib/hono-env";
import { assertCan } from "../../lib/route";
import { iso } from "../../lib/sql";
import { clearAccountOwner } from "../accounts/accounts.queries";
import type { Auth } from "../auth/auth";
import { forgetSessionActors } from "../auth/session-actors";
import {
  deleteMembership,
  findMembership,
  listMembers,
  lockAdminMemberships,
  updateMembershipRole,
} from "../workspaces/workspaces.queries";
import type { MemberDto, MemberInput } from "./users.schemas";

/** 16 random bytes, 22 URL-safe characters: shown once, so it need not be memorable. */
export const generatePassword = (): string => randomBytes(16).toString("base64url");

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
      [
        {
          pointer: "/password",
          message: `must be at least ${minLength} characters`,
          ...coded("too_small", { minimum: minLength, origin: "string" }),
        },
      ],
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
    forgetSessionActors(db);
    return;
  }
  await db.insert(workspaceMembers).values({ id: crypto.randomUUID(), ...params });
};

type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

const toMemberDto = (row: MemberRow): MemberDto => ({
  userId: row.userId,
  name: row.name,
  email: row.email,
  // A role outside the four (written by hand in the database) reads as the least.
  role: isWorkspaceRole(row.role) ? row.role : "viewer",
  memberSince: iso(row.memberSince),
});

const noSuchMember = () => new AppError("not-found", "There is no such user in this workspace.");

const findMember = async (db: Db, params: { workspaceId: string; userId: string }) =>
  (await listMembers(db, params))[0];

/** Everyone may read the members: the owner picker needs them. */
export const listWorkspaceUsers = async (db: Db, actor: Actor) => {
  const rows = await listMembers(db, { workspaceId: actor.workspaceId });
  return { data: rows.map(toMemberDto) };
};

/** A manager may manage users, but only an admin makes or unmakes an admin. */
const assertMayTouchAdminRole = (actor: Actor) => {
  if (actor.role !== "admin") {
    throw new AppError("forbidden", "Only an admin can give or take away the admin role.");
  }
};

/**
 * Creates the user, or adds an existing user (by email) to this workspace.
 * An existing user keeps their name and password. Without a password Michi
 * generates one and answers it this once. Only for the instance's operator
 * (the CLI): over HTTP people join by invitation, with their consent.
 */
export const addWorkspaceUser = async (
  deps: { db: Db; auth: Auth },
  actor: Actor,
  input: MemberInput,
) => {
  if (actor.kind !== "system") {
    throw new AppError("forbidden", "Users join a workspace by invitation.");
  }
  assertCan(actor, "manage-users");
  if (input.role === "admin") assertMayTouchAdminRole(actor);
  const { db, auth } = deps;
  const workspaceId = actor.workspaceId;
  const existing = await findUserByEmail(db, input.email);
  let userId: string;
  let generatedPassword: string | undefined;
  if (existing) {
    userId = existing.id;
    if (await findMembership(db, { workspaceId, userId })) {
      throw new AppError("conflict", `${existing.email} is already a member of this workspace.`, [
        {
          pointer: "/email",
          message: "is already a member; change the role instead",
          ...coded("already-member"),
        },
      ]);
    }
  } else {
    generatedPassword = input.password ? undefined : generatePassword();
    const created = await createUserWithPassword(auth, {
      email: input.email,
      name: input.name,
      password: input.password ?? generatedPassword ?? "",
    });
    userId = created.id;
  }
  await addWorkspaceMember(db, { workspaceId, userId, role: input.role });
  const member = await findMember(db, { workspaceId, userId });
  if (!member) throw new Error("membership missing after insert");
  return { ...toMemberDto(member), ...(generatedPassword ? { generatedPassword } : {}) };
};

const lastAdmin = () =>
  new AppError(
    "conflict",
    "This is the workspace's last admin; make someone else an admin first.",
    [
      {
        pointer: "/role",
        message: "the workspace needs at least one admin",
        ...coded("last-admin"),
      },
    ],
  );

export const changeWorkspaceUserRole = async (
  db: Db,
  actor: Actor,
  params: { userId: string; role: WorkspaceRole },
) => {
  const workspaceId = actor.workspaceId;
  const member = await findMembership(db, { workspaceId, userId: params.userId });
  if (!member) throw noSuchMember();
  if (member.role === params.role) return toMemberDtoOf(db, workspaceId, params.userId);
  if (member.role === "admin" || params.role === "admin") assertMayTouchAdminRole(actor);
  await db.transaction(async (tx) => {
    if (member.role === "admin") {
      const admins = await lockAdminMemberships(tx, { workspaceId });
      if (admins.every((a) => a.userId === params.userId)) throw lastAdmin();
    }
    await updateMembershipRole(tx, { workspaceId, ...params });
  });
  forgetSessionActors(db);
  return toMemberDtoOf(db, workspaceId, params.userId);
};

const toMemberDtoOf = async (db: Db, workspaceId: string, userId: string) => {
  const member = await findMember(db, { workspaceId, userId });
  if (!member) throw noSuchMember();
  return toMemberDto(member);
};

/** Removes the membership (the user stays, for their other workspaces). */
export const removeWorkspaceUser = async (db: Db, actor: Actor, userId: string) => {
  const workspaceId = actor.workspaceId;
  const member = await findMembership(db, { workspaceId, userId });
  if (!member) throw noSuchMember();
  if (member.role === "admin") assertMayTouchAdminRole(actor);
  await db.transaction(async (tx) => {
    if (member.role === "admin") {
      const admins = await lockAdminMemberships(tx, { workspaceId });
      if (admins.every((a) => a.userId === userId)) throw lastAdmin();
    }
    await clearAccountOwner(tx, { workspaceId, userId });
    await deleteMembership(tx, { workspaceId, userId });
  });
  forgetSessionActors(db);
};
