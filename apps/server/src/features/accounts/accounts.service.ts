import {
  AppError,
  accountPicklistFields,
  coded,
  type FieldProblem,
  resolvePicklistValue,
} from "@michi/core";
import type { Db } from "../../db/client";
import { badCursorError, decodeCursor } from "../../lib/cursor";
import { utcDay } from "../../lib/days";
import type { Actor } from "../../lib/hono-env";
import { iso, isUniqueViolation } from "../../lib/sql";
import { findMainCurrency, readCsModel } from "../../recompute";
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

/** Field by field: a rest-and-spread copy was a third of a 50-account page's own time. */
export const toAccountDto = (row: AccountRow) => ({
  id: row.id,
  name: row.name,
  nameKana: row.nameKana,
  externalId: row.externalId,
  industry: row.industry,
  segment: row.segment,
  ownerUserId: row.ownerUserId,
  touchModel: row.touchModel,
  profile: row.profile,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
  churn:
    row.churnedOn === null || row.churnSource === null
      ? null
      : {
          churnedOn: row.churnedOn,
          source: row.churnSource,
          reason: row.churnReason,
          note: row.churnNote,
        },
});

/** What a cursor's sort value looks like when it is cast in SQL (name is compared as text). */
const cursorValueShapes = {
  healthScore: /^-?\d{1,10}$/,
  mrr: /^-?\d{1,20}(\.\d{1,20})?(e[+-]?\d{1,3})?$/,
  renewalOn: /^\d{4}-\d{2}-\d{2}$/,
  // PostgreSQL's text form of a timestamptz, as the page gave it out.
  createdAt: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)?$/,
};

export const listAccounts = async (db: Db, actor: Actor, query: AccountListQuery) => {
  const { cursor: rawCursor, ...rest } = query;
  const cursor = rawCursor ? decodeCursor(rawCursor) : undefined;
  // The value is cast in SQL (int, timestamptz): a tampered one is a 400, not a database error.
  const valueShape =
    cursorValueShapes[rest.sort.replace(/^-/, "") as keyof typeof cursorValueShapes];
  if (cursor && valueShape && !valueShape.test(cursor.v)) throw badCursorError();
  const workspaceId = actor.workspaceId;
  // Only the MRR sort needs the main currency (it reads every contract of the workspace).
  const mainCurrency = rest.sort.endsWith("mrr") ? await findMainCurrency(db, workspaceId) : null;
  const [page, model] = await Promise.all([
    findAccounts(db, {
      ...rest,
      workspaceId,
      today: utcDay(),
      mainCurrency,
      ...(cursor ? { cursor } : {}),
    }),
    readCsModel(db, workspaceId),
  ]);
  const phases = model.phases;
  const firstPhase = phases[0]!.key;
  return {
    data: page.data.map(({ account, health, phase, mrr, renewalOn, planProgress }) => ({
      ...toAccountDto(account),
      health,
      mrr,
      renewalOn,
      planProgress,
      // No stay rows: the first phase since the account was created (lifecycle's
      // findPhaseStays). A stored key no longer among the phases reads as the first
      // phase, as on the account's page (lifecycle's knownPhaseKey).
      phase: phase
        ? {
            key: phases.some((p) => p.key === phase.key) ? phase.key : firstPhase,
            since: iso(phase.since),
          }
        : { key: firstPhase, since: iso(account.createdAt) },
    })),
    nextCursor: page.nextCursor,
  };
};

export const getAccount = async (db: Db, actor: Actor, id: string) => {
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
  new AppError("conflict", `Another account already has the external id "${externalId}".`, {
    errors: [
      {
        pointer: "/externalId",
        message: "is already used by another account",
        ...coded("already-used"),
      },
    ],
    problem: coded("account-external-id-taken", { externalId: externalId ?? "" }),
  });

/**
 * Industry and segment as stored: the workspace's option a value or label
 * names, or 422 naming the options; free text while a list is empty.
 */
const withPicklistValues = async <T extends { industry?: string | null; segment?: string | null }>(
  db: Db,
  workspaceId: string,
  input: T,
): Promise<T> => {
  const { accountPicklists } = await readCsModel(db, workspaceId);
  const resolved = { ...input };
  const problems: FieldProblem[] = [];
  for (const field of accountPicklistFields) {
    const text = input[field];
    if (text === null || text === undefined) continue;
    const result = resolvePicklistValue(accountPicklists[field], text);
    if ("error" in result) {
      problems.push({
        pointer: `/${field}`,
        message: result.error,
        ...coded("invalid_enum", { options: result.options }),
      });
    } else resolved[field] = result.value;
  }
  if (problems.length > 0) {
    throw new AppError("validation-failed", "The account is not valid.", problems);
  }
  return resolved;
};

export const createAccount = async (db: Db, actor: Actor, body: AccountInput) => {
  await assertOwnerInWorkspace(db, actor.workspaceId, body.ownerUserId);
  const input = await withPicklistValues(db, actor.workspaceId, body);
  try {
    return await insertAccount(db, { ...input, workspaceId: actor.workspaceId });
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken(input.externalId);
    throw error;
  }
};

export const patchAccount = async (db: Db, actor: Actor, id: string, body: AccountPatch) => {
  await assertOwnerInWorkspace(db, actor.workspaceId, body.ownerUserId);
  const patch = await withPicklistValues(db, actor.workspaceId, body);
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
  const deleted = await deleteAccount(db, { workspaceId: actor.workspaceId, id });
  if (!deleted) throw new AppError("not-found", "There is no such account in this workspace.");
};
