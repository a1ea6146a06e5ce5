import {
  AppError,
  coded,
  invitationExpiryOf,
  invitationStateOf,
  isWorkspaceRole,
  mayGrantRole,
  type WorkspaceRole,
} from "@michi/core";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invitations, sessions, users } from "../../db/schema";
import type { Actor, AppDeps } from "../../lib/hono-env";
import { logger } from "../../lib/logger";
import { iso } from "../../lib/sql";
import type { Auth } from "../auth/auth";
import { forgetSessionActors } from "../auth/session-actors";
import {
  addWorkspaceMember,
  createUserWithPassword,
  findUserByEmail,
} from "../users/users.service";
import { findMembership, findWorkspace } from "../workspaces/workspaces.queries";
import { invitationMail } from "./invitation-mail";
import {
  claimInvitation,
  findInvitation,
  findInvitationByToken,
  generateInvitationToken,
  hashInvitationToken,
  insertInvitation,
  listPendingInvitations,
  revokePendingInvitations,
} from "./invitations.queries";
import type { AcceptInvitationInput, InvitationDto, InvitationInput } from "./invitations.schemas";

type ListedRow = Awaited<ReturnType<typeof listPendingInvitations>>[number];

const toInvitationDto = (row: ListedRow, now: Date): InvitationDto => ({
  id: row.id,
  email: row.email,
  role: isWorkspaceRole(row.role) ? row.role : "viewer",
  state: invitationStateOf(row, now) === "expired" ? "expired" : "pending",
  invitedBy: row.invitedBy,
  createdAt: iso(row.createdAt),
  expiresAt: iso(row.expiresAt),
});

/** The same rule as for API keys: nobody hands out a role above their own. */
const assertMayInviteAs = (actor: Actor, role: WorkspaceRole) => {
  if (!mayGrantRole(actor.role, role)) {
    throw new AppError(
      "forbidden",
      `Your role (${actor.role}) may not invite someone as ${role}: an invitation gives at most your own role.`,
      [
        {
          pointer: "/role",
          message: `is above your own role (${actor.role})`,
          ...coded("role-above-own", { role: actor.role }),
        },
      ],
    );
  }
};

/** The page of the web app that opens a link; its origin is the configured base URL, never the request's Host. */
export const invitationLinkOf = (baseUrl: string, token: string) =>
  `${baseUrl.replace(/\/+$/, "")}/invite/${token}`;

export const listWorkspaceInvitations = async (db: Db, actor: Actor, now = new Date()) => {
  const rows = await listPendingInvitations(db, { workspaceId: actor.workspaceId });
  return { data: rows.map((row) => toInvitationDto(row, now)) };
};

/**
 * Invites an address with a role. The answer is the same whether or not the
 * address has an account elsewhere: nobody joins without opening the link.
 * A new invitation to the same address replaces a pending one.
 */
export const inviteToWorkspace = async (
  deps: Pick<AppDeps, "db" | "auth" | "mailer">,
  actor: Actor,
  input: InvitationInput,
  now = new Date(),
) => {
  assertMayInviteAs(actor, input.role);
  if (actor.kind !== "user") {
    throw new AppError("forbidden", "Invitations are sent by a person: log in to invite.");
  }
  const { db, auth, mailer } = deps;
  const workspaceId = actor.workspaceId;
  const email = input.email.trim().toLowerCase();
  // Membership here is no secret: the inviter sees the member list.
  const existing = await findUserByEmail(db, email);
  if (existing && (await findMembership(db, { workspaceId, userId: existing.id }))) {
    throw new AppError("conflict", `${email} is already a member of this workspace.`, [
      {
        pointer: "/email",
        message: "is already a member; change the role instead",
        ...coded("already-member"),
      },
    ]);
  }
  const token = generateInvitationToken();
  const row = await db.transaction(async (tx) => {
    await revokePendingInvitations(tx, { workspaceId, email });
    return insertInvitation(tx, {
      workspaceId,
      email,
      role: input.role,
      inviterId: actor.userId,
      tokenHash: hashInvitationToken(token),
      createdAt: now,
      expiresAt: invitationExpiryOf(now),
    });
  });
  const [inviter] = await db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, actor.userId));
  const workspace = await findWorkspace(db, workspaceId);
  const link = invitationLinkOf(String(auth.options.baseURL), token);
  let emailSent = false;
  if (mailer) {
    const result = await mailer.send(
      invitationMail({
        to: email,
        workspaceName: workspace?.name ?? "",
        inviterName: inviter?.name ?? "",
        role: input.role,
        link,
        expiresAt: row.expiresAt,
      }),
    );
    emailSent = result.status === "sent";
    if (result.status === "failed") {
      // The inviter still has the link to pass on; the answer says it was not mailed.
      logger.warn(
        { err: result.error, code: result.code },
        "the invitation email could not be sent",
      );
    }
  }
  return {
    invitation: toInvitationDto({ ...row, invitedBy: inviter?.name ?? "" }, now),
    link,
    emailSent,
  };
};

export const revokeWorkspaceInvitation = async (db: Db, actor: Actor, id: string) => {
  const workspaceId = actor.workspaceId;
  const invitation = await findInvitation(db, { workspaceId, id });
  if (!invitation || invitation.status === "revoked") {
    throw new AppError("not-found", "There is no such pending invitation in this workspace.");
  }
  if (invitation.status === "accepted") {
    throw new AppError(
      "conflict",
      "This invitation was already accepted; remove the user instead.",
    );
  }
  if (isWorkspaceRole(invitation.role)) assertMayInviteAs(actor, invitation.role);
  await revokePendingInvitations(db, { workspaceId, id });
};

const unusable = {
  accepted: "This invitation link was already used.",
  revoked: "This invitation was revoked.",
  expired: "This invitation link has expired.",
} as const;

/** The invitation a link names, if it can still be used; else 404 or 409 saying why. */
const usableInvitation = async (db: Db, token: string, now: Date) => {
  const found = await findInvitationByToken(db, token);
  if (!found) throw new AppError("not-found", "This invitation link is not valid.");
  const state = invitationStateOf(found.invitation, now);
  if (state !== "pending") {
    throw new AppError("conflict", `${unusable[state]} Ask for a new invitation.`, [
      { pointer: "/token", message: state },
    ]);
  }
  const role = found.invitation.role;
  if (!isWorkspaceRole(role)) throw new AppError("conflict", "This invitation has no valid role.");
  return { ...found.invitation, role, workspaceName: found.workspaceName };
};

export const readInvitationLink = async (db: Db, token: string, now = new Date()) => {
  const invitation = await usableInvitation(db, token, now);
  return {
    workspaceName: invitation.workspaceName,
    email: invitation.email,
    role: invitation.role,
    expiresAt: iso(invitation.expiresAt),
  };
};

const alreadyUsed = () =>
  new AppError("conflict", `${unusable.accepted} Ask for a new invitation.`, [
    { pointer: "/token", message: "accepted" },
  ]);

/**
 * Accepts an invitation: as the logged-in user whose email was invited, or by
 * creating the account (name and password) when the address has none. The
 * link works once (claimInvitation). A new account answers its session cookie.
 */
export const acceptInvitation = async (
  deps: { db: Db; auth: Auth },
  params: {
    token: string;
    input: AcceptInvitationInput;
    session: { userId: string; sessionId: string; email: string } | null;
    headers: Headers;
    now?: Date;
  },
) => {
  const { db, auth } = deps;
  const now = params.now ?? new Date();
  const invitation = await usableInvitation(db, params.token, now);
  const joined = {
    workspace: { id: invitation.workspaceId, name: invitation.workspaceName },
    role: invitation.role,
  };
  const { name, password } = params.input;

  if (name !== undefined || password !== undefined) {
    if (!name || !password) {
      throw new AppError("validation-failed", "A new account needs a name and a password.", [
        ...(name ? [] : [{ pointer: "/name", message: "is required", ...coded("required") }]),
        ...(password
          ? []
          : [{ pointer: "/password", message: "is required", ...coded("required") }]),
      ]);
    }
    if (await findUserByEmail(db, invitation.email)) {
      throw new AppError(
        "conflict",
        "An account with this email already exists: log in with it to accept.",
      );
    }
    const minLength = (await auth.$context).password.config.minPasswordLength;
    if (password.length < minLength) {
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
    if (!(await claimInvitation(db, { id: invitation.id, now }))) throw alreadyUsed();
    try {
      const user = await createUserWithPassword(auth, { email: invitation.email, name, password });
      await addWorkspaceMember(db, {
        workspaceId: invitation.workspaceId,
        userId: user.id,
        role: invitation.role,
      });
    } catch (error) {
      // The account could not be made (e.g. made at the same moment): the link stays usable.
      await db
        .update(invitations)
        .set({ status: "pending" })
        .where(eq(invitations.id, invitation.id));
      throw error;
    }
    const signedIn = await auth.api.signInEmail({
      body: { email: invitation.email, password },
      headers: params.headers,
      returnHeaders: true,
    });
    return { ...joined, setCookie: signedIn.headers.getSetCookie() };
  }

  if (!params.session) {
    throw new AppError(
      "unauthenticated",
      "Log in with the invited email address to accept, or choose a name and password.",
    );
  }
  if (params.session.email.toLowerCase() !== invitation.email) {
    throw new AppError(
      "forbidden",
      "This invitation is for another email address: log in with the invited address.",
    );
  }
  if (!(await claimInvitation(db, { id: invitation.id, now }))) throw alreadyUsed();
  const member = await findMembership(db, {
    workspaceId: invitation.workspaceId,
    userId: params.session.userId,
  });
  // Already a member (joined another way meanwhile): the role they have stays.
  if (!member) {
    await addWorkspaceMember(db, {
      workspaceId: invitation.workspaceId,
      userId: params.session.userId,
      role: invitation.role,
    });
  }
  // Land in the workspace just joined.
  await db
    .update(sessions)
    .set({ activeWorkspaceId: invitation.workspaceId, updatedAt: now })
    .where(eq(sessions.id, params.session.sessionId));
  forgetSessionActors(db);
  return {
    ...joined,
    role: isWorkspaceRole(member?.role) ? member.role : invitation.role,
    setCookie: [],
  };
};
