import {
  type CsvColumnMapping,
  type CsvColumnMappings,
  type CsvEntity,
  csvColumnMappingsSchema,
} from "@michi/core";
import { and, asc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client";
import {
  accounts,
  contacts,
  contracts,
  users,
  workspaceCsSettings,
  workspaceMembers,
} from "../../db/schema";
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

/**
 * A row is upserted by (workspace, externalId), or by (workspace, id) when
 * it was matched by another column: its stored externalId, if any, is kept.
 */
export type UpsertBy = "externalId" | "id";

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
  params: {
    values: NewAccount[];
    fields: AccountUpsertField[];
    profileKeys: string[];
    /** What a row is found by: externalId, or its id (a row matched by another column). */
    by?: UpsertBy;
  },
) => {
  const set = setFromExcluded(accounts, params.fields);
  if (params.profileKeys.length > 0) {
    set.profile = sql`(${accounts.profile} - ${sql.param(params.profileKeys)}::text[]) || excluded.profile`;
  }
  for (const values of chunks(params.values)) {
    await db
      .insert(accounts)
      .values(values)
      .onConflictDoUpdate({
        target: [accounts.workspaceId, accounts[params.by ?? "externalId"]],
        set,
      });
  }
};

export type ContactUpsertField = "accountId" | "name" | "email" | "title" | "department" | "notes";

export const upsertContacts = async (
  db: DbOrTx,
  params: { values: NewContact[]; fields: ContactUpsertField[]; by?: UpsertBy },
) => {
  const set = setFromExcluded(contacts, params.fields);
  for (const values of chunks(params.values)) {
    await db
      .insert(contacts)
      .values(values)
      .onConflictDoUpdate({
        target: [contacts.workspaceId, contacts[params.by ?? "externalId"]],
        set,
      });
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
  params: { values: NewContract[]; fields: ContractUpsertField[]; by?: UpsertBy },
) => {
  const set = setFromExcluded(contracts, params.fields);
  for (const values of chunks(params.values)) {
    await db
      .insert(contracts)
      .values(values)
      .onConflictDoUpdate({
        target: [contracts.workspaceId, contracts[params.by ?? "externalId"]],
        set,
      });
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
    .select({
      contact: contacts,
      accountExternalId: accounts.externalId,
      accountName: accounts.name,
    })
    .from(contacts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contacts.workspaceId), eq(accounts.id, contacts.accountId)),
    )
    .where(eq(contacts.workspaceId, params.workspaceId))
    .orderBy(asc(accounts.name), asc(contacts.name), asc(contacts.id));

export const findContractsForExport = (db: DbOrTx, params: { workspaceId: string }) =>
  db
    .select({
      contract: contracts,
      accountExternalId: accounts.externalId,
      accountName: accounts.name,
    })
    .from(contracts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contracts.workspaceId), eq(accounts.id, contracts.accountId)),
    )
    .where(eq(contracts.workspaceId, params.workspaceId))
    .orderBy(asc(accounts.name), asc(contracts.startDate), asc(contracts.id));

/** Accounts whose name is exactly one of these (names are not unique: a name may find two). */
export const findAccountsByNames = (db: DbOrTx, params: { workspaceId: string; names: string[] }) =>
  db
    .select({ id: accounts.id, externalId: accounts.externalId, name: accounts.name })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, params.workspaceId),
        sql`${accounts.name} = ${anyOf(params.names)}`,
      ),
    );

/** Contacts whose email is one of these (given in lower case), whatever the stored case. */
export const findContactsByEmails = (
  db: DbOrTx,
  params: { workspaceId: string; emails: string[] },
) =>
  db
    .select({ id: contacts.id, externalId: contacts.externalId, email: contacts.email })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, params.workspaceId),
        sql`lower(${contacts.email}) = ${anyOf(params.emails)}`,
      ),
    );

/** The contracts of the accounts with these externalIds, with what identifies them. */
export const findContractsOfAccounts = (
  db: DbOrTx,
  params: { workspaceId: string; accountExternalIds: string[] },
) =>
  db
    .select({
      id: contracts.id,
      externalId: contracts.externalId,
      accountExternalId: accounts.externalId,
      product: contracts.product,
      startDate: contracts.startDate,
      currency: contracts.currency,
      endDate: contracts.endDate,
    })
    .from(contracts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contracts.workspaceId), eq(accounts.id, contracts.accountId)),
    )
    .where(
      and(
        eq(contracts.workspaceId, params.workspaceId),
        sql`${accounts.externalId} = ${anyOf(params.accountExternalIds)}`,
      ),
    );

/**
 * The column mappings the workspace remembers, per kind of file. A stored
 * value that no longer reads (a column renamed since) is forgotten rather
 * than failing an import: the mapping step proposes again.
 */
export const findCsvColumnMappings = async (
  db: DbOrTx,
  params: { workspaceId: string },
): Promise<CsvColumnMappings> => {
  const [row] = await db
    .select({ mappings: workspaceCsSettings.csvColumnMappings })
    .from(workspaceCsSettings)
    .where(eq(workspaceCsSettings.workspaceId, params.workspaceId));
  const parsed = csvColumnMappingsSchema.safeParse(row?.mappings ?? {});
  return parsed.success ? parsed.data : {};
};

/**
 * Remembers the mapping of one kind of file (already checked), replacing
 * that kind's only: `||` merges the kinds in one statement, so two imports
 * of different kinds at once keep both.
 */
export const saveCsvColumnMapping = async (
  db: DbOrTx,
  params: { workspaceId: string; entity: CsvEntity; mapping: CsvColumnMapping },
) => {
  const value = { [params.entity]: params.mapping };
  await db
    .insert(workspaceCsSettings)
    .values({ workspaceId: params.workspaceId, csvColumnMappings: value })
    .onConflictDoUpdate({
      target: workspaceCsSettings.workspaceId,
      set: {
        csvColumnMappings: sql`coalesce(${workspaceCsSettings.csvColumnMappings}, '{}'::jsonb) || excluded.csv_column_mappings`,
        updatedAt: new Date(),
      },
    });
};
