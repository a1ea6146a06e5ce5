import { AppError } from "@michi/core";
import type { Db } from "../../db/client";
import { decodeCursor } from "../../lib/cursor";
import type { Actor } from "../../lib/hono-env";
import { iso, isUniqueViolation } from "../../lib/sql";
import { assertCan } from "../auth/actor.middleware";
import { findMembership } from "../workspaces/workspaces.queries";
import {
  type AccountRow,
  deleteAccount,
  findAccount,
  findAccounts,
  insertAccount,
  updateAccount,
} from "./accounts.queries";
import type { AccountInput, AccountListQuery, AccountPatch } from "./accounts.schemas";

export const toAccountDto = ({ workspaceId: _w, ...row }: AccountRow) => ({
  ...row,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

export const listAccounts = async (db: Db, actor: Actor, query: AccountListQuery) => {
  assertCan(actor, "read");
  const { cursor, ...rest } = query;
  const page = await findAccounts(db, {
    ...rest,
    workspaceId: actor.workspaceId,
    ...(cursor ? { cursor: decodeCursor(cursor) } : {}),
  });
  return { data: page.data.map(toAccountDto), nextCursor: page.nextCursor };
};

export const getAccount = async (db: Db, actor: Actor, id: string) => {
  assertCan(actor, "read");
  const row = await findAccount(db, { workspaceId: actor.workspaceId, id });
  if (!row) throw new AppError("not-found", "There is no such account in this workspace.");
  return row;
};

/** An owner must be a member of the workspace; anything else is a field error. */
export const assertOwnerInWorkspace = async (
  db: Db,
  workspaceId: string,
  ownerUserId: string | null | undefined,
) => {
  if (!ownerUserId) return;
  const member = await findMembership(db, { workspaceId, userId: ownerUserId });
  if (!member) {
    throw new AppError("validation-failed", "The owner is not a member of this workspace.", [
      { pointer: "/ownerUserId", message: "is not a member of this workspace" },
    ]);
  }
};

const externalIdTaken = (externalId: string | null | undefined) =>
  new AppError("conflict", `Another account already has the external id "${externalId}".`, [
    { pointer: "/externalId", message: "is already used by another account" },
  ]);

export const createAccount = async (db: Db, actor: Actor, input: AccountInput) => {
  assertCan(actor, "write");
  await assertOwnerInWorkspace(db, actor.workspaceId, input.ownerUserId);
  try {
    return await insertAccount(db, { ...input, workspaceId: actor.workspaceId });
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken(input.externalId);
    throw error;
  }
};

export const patchAccount = async (db: Db, actor: Actor, id: string, patch: AccountPatch) => {
  assertCan(actor, "write");
  await assertOwnerInWorkspace(db, actor.workspaceId, patch.ownerUserId);
  try {
    const row = await updateAccount(db, { workspaceId: actor.workspaceId, id, values: patch });
    if (!row) throw new AppError("not-found", "There is no such account in this workspace.");
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken(patch.externalId);
    throw error;
  }
};

export const removeAccount = async (db: Db, actor: Actor, id: string) => {
  assertCan(actor, "write");
  const deleted = await deleteAccount(db, { workspaceId: actor.workspaceId, id });
  if (!deleted) throw new AppError("not-found", "There is no such account in this workspace.");
};
