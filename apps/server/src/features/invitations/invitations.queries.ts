import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { invitations, users, workspaces } from "../../db/schema";

/** 256 random bits, as API keys: a fast hash suffices, no password stretching needed. */
export const hashInvitationToken = (token: string): string =>
  createHash("sha256").update(token).digest("hex");

export const generateInvitationToken = (): string => randomBytes(32).toString("base64url");

export const insertInvitation = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    email: string;
    role: string;
    inviterId: string;
    tokenHash: string;
    createdAt: Date;
    expiresAt: Date;
  },
) => {
  const [row] = await db
    .insert(invitations)
    .values({ id: crypto.randomUUID(), status: "pending", ...params })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

/** Pending invitations of the workspace (expired ones too), with who invited. */
export const listPendingInvitations = (db: DbOrTx, params: { workspaceId: string }) =>
  db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      status: invitations.status,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      invitedBy: users.name,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.inviterId))
    .where(and(eq(invitations.workspaceId, params.workspaceId), eq(invitations.status, "pending")))
    .orderBy(asc(invitations.createdAt));

export const findInvitation = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.workspaceId, params.workspaceId), eq(invitations.id, params.id)))
    .limit(1);
  return row;
};

/** The invitation a link's token names, with its workspace's name: no workspace filter, the token is the key. */
export const findInvitationByToken = async (db: DbOrTx, token: string) => {
  const [row] = await db
    .select({
      invitation: invitations,
      workspaceName: workspaces.name,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)))
    .limit(1);
  return row;
};

/** Revokes the pending invitations to an address (a new invitation replaces them). */
export const revokePendingInvitations = (
  db: DbOrTx,
  params: { workspaceId: string; email?: string; id?: string },
) =>
  db
    .update(invitations)
    .set({ status: "revoked" })
    .where(
      and(
        eq(invitations.workspaceId, params.workspaceId),
        eq(invitations.status, "pending"),
        params.email ? eq(invitations.email, params.email) : undefined,
        params.id ? eq(invitations.id, params.id) : undefined,
      ),
    )
    .returning({ id: invitations.id });

/**
 * Marks a pending, unexpired invitation accepted, in one statement, so a link
 * used twice at once is accepted once. Answers the row, or none.
 */
export const claimInvitation = async (db: DbOrTx, params: { id: string; now: Date }) => {
  const [row] = await db
    .update(invitations)
    .set({ status: "accepted" })
    .where(
      and(
        eq(invitations.id, params.id),
        eq(invitations.status, "pending"),
        gt(invitations.expiresAt, params.now),
      ),
    )
    .returning();
  return row;
};
