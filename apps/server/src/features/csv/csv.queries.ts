import { and, asc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client";
import { accounts, contacts, contracts, users, workspaceMembers } from "../../db/schema";
import type { NewAccount } from "../accounts/accounts.queries";
import type { NewContact } from "../contacts/contacts.queries";
import type { NewContract } from "../contracts/contracts.queries";

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for any of these tables. */
const UPSERT_CHUNK = 1000;

const chunks = <T>(items: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += UPSERT_CHUNK) out.push(items.slice(i, i + UPSERT_CHUNK));
  return out;
};

/** `field = excluded.field` for each field an import updates, and a fresh updated_at. */
const setFromExcluded = <T extends PgTable>(table: T, fields: readonly string[]) => {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const set: Record<string, SQL> = { updatedAt: sql`now()` };
  for (const field of fields) {
    const column = columns[field];
    if (!column) throw new Error(`no column ${field}`);
    set[field] = sql`excluded.${sql.identifier(column.name)}`;
  }
  return set;
};

/**
 * `= any($1::text[])` with the whole list as one parameter. (A bare array in
 * drizzle's sql`` expands into one parameter per item: not an array, and over
 * 65,535 items not even a valid statement.)
 */
const anyOf = (values: string[]) => sql`any(${sql.param(values)}::text[])`;

export const findContactRefs = (
  db: DbOrTx,
  params: { workspaceId: string; externalIds: string[] },
) =>
  db
    .select({ id: contacts.id, externalId: contacts.externalId })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, params.workspaceId),
        sql`${contacts.externalId} = ${anyOf(params.externalIds)}`,
      ),
    );

export const findContractRefs = (
  db: DbOrTx,
  params: { workspaceId: string; externalIds: string[] },
) =>
  db
    .select({
      id: contracts.id,
      externalId: contracts.externalId,
      currency: contracts.currency,
      endDate: contracts.endDate,
    })
    .from(contracts)
    .where(
      and(
        eq(contracts.workspaceId, params.workspaceId),
        sql`${contracts.externalId} = ${anyOf(params.externalIds)}`,
      ),
    );

export type AccountUpsertField =
  | "name"
  | "nameKana"
  | "industry"
  | "segment"
  | "ownerUserId"
  | "touchModel";

/**
 * Inserts or updates accounts by (workspace, externalId). Only `fields` are
 * overwritten on update; of the profile, only `profileKeys` are replaced, so
 * profile entries an import does not know about survive.
 */
export const upsertAccounts = async (
  db: DbOrTx,
  params: { values: NewAccount[]; fields: AccountUpsertField[]; profileKeys: string[] },
) => {
  const set = setFromExcluded(accounts, params.fields);
  if (params.profileKeys.length > 0) {
    set.profile = sql`(${accounts.profile} - ${sql.param(params.profileKeys)}::text[]) || excluded.profile`;
  }
  for (const values of chunks(params.values)) {
    await db
      .insert(accounts)
      .values(values)
      .onConflictDoUpdate({ target: [accounts.workspaceId, accounts.externalId], set });
  }
};

export type ContactUpsertField = "accountId" | "name" | "email" | "title" | "department" | "notes";

export const upsertContacts = async (
  db: DbOrTx,
  params: { values: NewContact[]; fields: ContactUpsertField[] },
) => {
  const set = setFromExcluded(contacts, params.fields);
  for (const values of chunks(params.values)) {
    await db
      .insert(contacts)
      .values(values)
      .onConflictDoUpdate({ target: [contacts.workspaceId, contacts.externalId], set });
  }
};

export type ContractUpsertField =
  | "accountId"
  | "product"
  | "mrrMinor"
  | "currency"
  | "startDate"
  | "endDate"
  | "status"
  | "seats";

export const upsertContracts = async (
  db: DbOrTx,
  params: { values: NewContract[]; fields: ContractUpsertField[] },
) => {
  const set = setFromExcluded(contracts, params.fields);
  for (const values of chunks(params.values)) {
    await db
      .insert(contracts)
      .values(values)
      .onConflictDoUpdate({ target: [contracts.workspaceId, contracts.externalId], set });
  }
};

/** Accounts with their owner's email, only while the owner is still a member. */
export const findAccountsForExport = (db: DbOrTx, params: { workspaceId: string }) =>
  db
    .select({ account: accounts, ownerEmail: users.email })
    .from(accounts)
    .leftJoin(
      workspaceMembers,
      and(
        eq(workspaceMembers.workspaceId, accounts.workspaceId),
        eq(workspaceMembers.userId, accounts.ownerUserId),
      ),
    )
    .leftJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(accounts.workspaceId, params.workspaceId))
    .orderBy(asc(accounts.name), asc(accounts.id));

export const findContactsForExport = (db: DbOrTx, params: { workspaceId: string }) =>
  db
    .select({ contact: contacts, accountExternalId: accounts.externalId })
    .from(contacts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contacts.workspaceId), eq(accounts.id, contacts.accountId)),
    )
    .where(eq(contacts.workspaceId, params.workspaceId))
    .orderBy(asc(accounts.name), asc(contacts.name), asc(contacts.id));

export const findContractsForExport = (db: DbOrTx, params: { workspaceId: string }) =>
  db
    .select({ contract: contracts, accountExternalId: accounts.externalId })
    .from(contracts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contracts.workspaceId), eq(accounts.id, contracts.accountId)),
    )
    .where(eq(contracts.workspaceId, params.workspaceId))
    .orderBy(asc(accounts.name), asc(contracts.startDate), asc(contracts.id));
