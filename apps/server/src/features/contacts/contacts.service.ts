import { AppError, coded } from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { iso, isUniqueViolation } from "../../lib/sql";
import { getAccount } from "../accounts/accounts.service";
import {
  type ContactRow,
  deleteContact,
  findContact,
  findContactsOfAccount,
  insertContact,
  updateContact,
} from "./contacts.queries";
import type { ContactInput, ContactPatch } from "./contacts.schemas";

export const toContactDto = ({ workspaceId: _w, ...row }: ContactRow) => ({
  ...row,
  unsubscribedAt: row.unsubscribedAt ? iso(row.unsubscribedAt) : null,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const notFound = () => new AppError("not-found", "There is no such contact in this workspace.");

const externalIdTaken = (externalId: string | null | undefined) =>
  new AppError("conflict", `Another contact already has the external id "${externalId}".`, {
    errors: [
      {
        pointer: "/externalId",
        message: "is already used by another contact",
        ...coded("already-used"),
      },
    ],
    problem: coded("contact-external-id-taken", { externalId: externalId ?? "" }),
  });

export const listContacts = async (db: Db, actor: Actor, accountId: string) => {
  // Another workspace's account answers 404, the same as one that does not exist.
  await getAccount(db, actor, accountId);
  const rows = await findContactsOfAccount(db, { workspaceId: actor.workspaceId, accountId });
  return { data: rows.map(toContactDto) };
};

export const getContact = async (db: Db, actor: Actor, id: string) => {
  const row = await findContact(db, { workspaceId: actor.workspaceId, id });
  if (!row) throw notFound();
  return row;
};

export const createContact = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; input: ContactInput },
) => {
  await getAccount(db, actor, params.accountId);
  try {
    return await insertContact(db, {
      ...params.input,
      accountId: params.accountId,
      workspaceId: actor.workspaceId,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken(params.input.externalId);
    throw error;
  }
};

export const patchContact = async (db: Db, actor: Actor, id: string, patch: ContactPatch) => {
  try {
    const row = await updateContact(db, { workspaceId: actor.workspaceId, id, values: patch });
    if (!row) throw notFound();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken(patch.externalId);
    throw error;
  }
};

export const removeContact = async (db: Db, actor: Actor, id: string) => {
  const deleted = await deleteContact(db, { workspaceId: actor.workspaceId, id });
  if (!deleted) throw notFound();
};
