import {
  type AccountPicklistField,
  accountPicklistFields,
  type CsvColumn,
  type CsvEntity,
  type CsvProblem,
  coded,
  DEFAULT_CURRENCY,
  resolveContractCsvRow,
  resolvePicklistValue,
} from "@michi/core";
import type { DbOrTx } from "../../db/client";
import { readCsModel } from "../../recompute";
import {
  findAccountsByExternalIds,
  findAccountsByNames,
  type NewAccount,
} from "../accounts/accounts.queries";
import type { NewContact } from "../contacts/contacts.queries";
import type { NewContract } from "../contracts/contracts.queries";
import { listMembers } from "../workspaces/workspaces.queries";
import {
  type AccountUpsertField,
  type ContactUpsertField,
  type ContractUpsertField,
  findContactRefs,
  findContractRefs,
  upsertAccounts,
  upsertContacts,
  upsertContracts,
} from "./csv.queries";
import type { CsvImportResult } from "./csv.schemas";
import type { CsvWriteRow, StoredRow } from "./csv-match";

/*
 * What a file's rows do to the stored ones, per kind: the rows to write,
 * their row problems (an owner who is not a member, an unknown account) and
 * the writes, run by the import in its transaction.
 */
export type Plan = {
  problems: CsvProblem[];
  rows: CsvImportResult["rows"];
  write: (tx: DbOrTx) => Promise<void>;
};

/** The rows to write, each matched (or not) to a stored row. */
type WriteTable<E extends CsvEntity> = { columns: CsvColumn<E>[]; rows: CsvWriteRow<E>[] };

type Planner<E extends CsvEntity> = (
  db: DbOrTx,
  workspaceId: string,
  table: WriteTable<E>,
) => Promise<Plan>;

/** The externalIds a file names (rows matched by another column have none). */
const externalIdsOf = (rows: readonly { values: { externalId: string | null } }[]) =>
  rows.flatMap((r) => (r.values.externalId ? [r.values.externalId] : []));

/** Rows found by externalId (or new) and rows found by their stored id, apart: two upserts. */
const splitByTarget = <T>(items: readonly { item: T; byId: boolean }[]) => ({
  byExternalId: items.filter((i) => !i.byId).map((i) => i.item),
  byId: items.filter((i) => i.byId).map((i) => i.item),
});

/** Fields a file's columns update; a column the file leaves out is not touched. */
const fieldsFor = <F extends string>(
  columns: readonly string[],
  map: Partial<Record<string, F>>,
): F[] => [
  // Once each: two columns may write one field (the account by external ID or by name).
  ...new Set(
    columns.flatMap((column) => {
      const field = map[column];
      return field ? [field] : [];
    }),
  ),
];

const profileKeys = ["persona", "challenges", "successFactors"] as const;

/**
 * What a result row says of a row: updated when it names a stored externalId
 * or was matched to a stored row; the externalId shown is the file's or the
 * matched row's (null: a row without one).
 */
const identityOf = (
  externalId: string | null,
  match: StoredRow | null,
  known: ReadonlySet<string | null>,
): { action: "create" | "update"; externalId: string | null } => ({
  action: match || (externalId !== null && known.has(externalId)) ? "update" : "create",
  externalId: externalId ?? match?.externalId ?? null,
});

const planAccounts: Planner<"accounts"> = async (db, workspaceId, table) => {
  const externalIds = externalIdsOf(table.rows);
  const existing = await findAccountsByExternalIds(db, { workspaceId, externalIds });
  const known = new Set(existing.map((a) => a.externalId));
  const members = table.columns.includes("ownerEmail")
    ? await listMembers(db, { workspaceId })
    : [];
  const userIdByEmail = new Map(members.map((m) => [m.email.toLowerCase(), m.userId]));
  const { accountPicklists } = await readCsModel(db, workspaceId);

  const problems: CsvProblem[] = [];
  const values: { item: NewAccount; byId: boolean }[] = [];
  const rows: Plan["rows"] = [];
  for (const { row, values: v, stored: match } of table.rows) {
    // Industry and segment: a value or a label (either language) of the workspace's options.
    const words: Partial<Record<AccountPicklistField, string>> = {};
    let wordProblem = false;
    for (const field of accountPicklistFields) {
      const text = v[field];
      if (!text) continue;
      const result = resolvePicklistValue(accountPicklists[field], text);
      if ("error" in result) {
        problems.push({
          row,
          field,
          message: result.error,
          ...coded("invalid_enum", { options: result.options }),
        });
        wordProblem = true;
      } else {
        words[field] = result.value;
      }
    }
    if (wordProblem) continue;
    let ownerUserId: string | null = null;
    if (v.ownerEmail) {
      const userId = userIdByEmail.get(v.ownerEmail.toLowerCase());
      if (!userId) {
        problems.push({
          row,
          field: "ownerEmail",
          message: "is not a member of this workspace",
          ...coded("not-a-member"),
        });
        continue;
      }
      ownerUserId = userId;
    }
    const profile = Object.fromEntries(
      profileKeys.flatMap((key) => (v[key] ? [[key, v[key]]] : [])),
    );
    const item: NewAccount = {
      ...(match ? { id: match.id } : {}),
      workspaceId,
      externalId: v.externalId,
      name: v.name,
      nameKana: v.nameKana ?? null,
      industry: words.industry ?? null,
      segment: words.segment ?? null,
      ownerUserId,
      touchModel: v.touchModel ?? null,
      profile,
    };
    values.push({ item, byId: match !== null });
    rows.push({ row, ...identityOf(v.externalId, match, known), name: v.name });
  }
  const fields = fieldsFor<AccountUpsertField>(table.columns, {
    name: "name",
    nameKana: "nameKana",
    industry: "industry",
    segment: "segment",
    ownerEmail: "ownerUserId",
    touchModel: "touchModel",
  });
  const keys = profileKeys.filter((key) => table.columns.includes(key));
  const { byExternalId, byId } = splitByTarget(values);
  return {
    problems,
    rows,
    write: async (tx) => {
      await upsertAccounts(tx, { values: byExternalId, fields, profileKeys: keys });
      await upsertAccounts(tx, { values: byId, fields, profileKeys: keys, by: "id" });
    },
  };
};

type AccountRef = {
  accountExternalId?: string | null | undefined;
  accountName?: string | null | undefined;
};

/**
 * Contacts and contracts name their account by its externalId or, in a CRM
 * export without IDs, by its exact name (in this workspace only); the
 * externalId wins when a row has both. A name two accounts share names none.
 */
const accountResolver = async (db: DbOrTx, workspaceId: string, refs: readonly AccountRef[]) => {
  const externalIds = [
    ...new Set(refs.flatMap((r) => (r.accountExternalId ? [r.accountExternalId] : []))),
  ];
  const names = [
    ...new Set(refs.flatMap((r) => (!r.accountExternalId && r.accountName ? [r.accountName] : []))),
  ];
  const [byExternalId, byName] = await Promise.all([
    findAccountsByExternalIds(db, { workspaceId, externalIds }),
    findAccountsByNames(db, { workspaceId, names }),
  ]);
  const idOfExternalId = new Map(byExternalId.map((a) => [a.externalId, a.id]));
  const idsOfName = new Map<string, string[]>();
  for (const a of byName) idsOfName.set(a.name, [...(idsOfName.get(a.name) ?? []), a.id]);
  return (row: number, ref: AccountRef): { accountId: string } | { problem: CsvProblem } => {
    if (ref.accountExternalId) {
      const accountId = idOfExternalId.get(ref.accountExternalId);
      return accountId ? { accountId } : { problem: noSuchAccount(row) };
    }
    const ids = idsOfName.get(ref.accountName ?? "") ?? [];
    if (ids.length === 1) return { accountId: ids[0]! };
    return {
      problem:
        ids.length === 0
          ? {
              row,
              field: "accountName",
              message: "is not the name of an account in this workspace",
              ...coded("csv-unknown-account"),
            }
          : {
              row,
              field: "accountName",
              message: `is the name of ${ids.length} accounts; give the account's external ID`,
              ...coded("csv-ambiguous-match", { count: ids.length }),
            },
    };
  };
};

const noSuchAccount = (row: number): CsvProblem => ({
  row,
  field: "accountExternalId",
  message: "is not the externalId of an account in this workspace",
  ...coded("csv-unknown-account"),
});

const planContacts: Planner<"contacts"> = async (db, workspaceId, table) => {
  const accountOf = await accountResolver(
    db,
    workspaceId,
    table.rows.map((r) => r.values),
  );
  const existing = await findContactRefs(db, {
    workspaceId,
    externalIds: externalIdsOf(table.rows),
  });
  const known = new Set(existing.map((c) => c.externalId));

  const problems: CsvProblem[] = [];
  const values: { item: NewContact; byId: boolean }[] = [];
  const rows: Plan["rows"] = [];
  for (const { row, values: v, stored: match } of table.rows) {
    const account = accountOf(row, v);
    if ("problem" in account) {
      problems.push(account.problem);
      continue;
    }
    const { accountId } = account;
    const { accountExternalId: _a, accountName: _n, ...rest } = v;
    const item = { ...(match ? { id: match.id } : {}), ...rest, workspaceId, accountId };
    values.push({ item, byId: match !== null });
    rows.push({ row, ...identityOf(v.externalId, match, known), name: v.name });
  }
  const fields = fieldsFor<ContactUpsertField>(table.columns, {
    accountExternalId: "accountId",
    accountName: "accountId",
    name: "name",
    email: "email",
    title: "title",
    department: "department",
    notes: "notes",
  });
  const { byExternalId, byId } = splitByTarget(values);
  return {
    problems,
    rows,
    write: async (tx) => {
      await upsertContacts(tx, { values: byExternalId, fields });
      await upsertContacts(tx, { values: byId, fields, by: "id" });
    },
  };
};

const planContracts: Planner<"contracts"> = async (db, workspaceId, table) => {
  const accountOf = await accountResolver(
    db,
    workspaceId,
    table.rows.map((r) => r.values),
  );
  const existing = await findContractRefs(db, {
    workspaceId,
    externalIds: externalIdsOf(table.rows),
  });
  const stored = new Map(existing.map((c) => [c.externalId, c]));
  const known = new Set(stored.keys());

  const problems: CsvProblem[] = [];
  const values: { item: NewContract; byId: boolean }[] = [];
  const rows: Plan["rows"] = [];
  for (const { row, values: v, stored: match } of table.rows) {
    const account = accountOf(row, v);
    if ("problem" in account) problems.push(account.problem);
    const accountId = "problem" in account ? undefined : account.accountId;
    const current = match
      ? { currency: match.currency ?? DEFAULT_CURRENCY, endDate: match.endDate ?? null }
      : v.externalId
        ? stored.get(v.externalId)
        : undefined;
    const resolved = resolveContractCsvRow(v, current);
    if (!resolved.ok) {
      problems.push(...resolved.problems.map((p) => ({ row, ...p })));
      continue;
    }
    if (!accountId) continue;
    const { accountExternalId: _a, accountName: _n, ...rest } = resolved.values;
    const item = { ...(match ? { id: match.id } : {}), ...rest, workspaceId, accountId };
    values.push({ item, byId: match !== null });
    rows.push({ row, ...identityOf(v.externalId, match, known), name: v.product });
  }
  const fields = fieldsFor<ContractUpsertField>(table.columns, {
    accountExternalId: "accountId",
    accountName: "accountId",
    product: "product",
    mrr: "mrrMinor",
    currency: "currency",
    startDate: "startDate",
    endDate: "endDate",
    status: "status",
    seats: "seats",
  });
  const { byExternalId, byId } = splitByTarget(values);
  return {
    problems,
    rows,
    write: async (tx) => {
      await upsertContracts(tx, { values: byExternalId, fields });
      await upsertContracts(tx, { values: byId, fields, by: "id" });
    },
  };
};

export const planners: { [E in CsvEntity]: Planner<E> } = {
  accounts: planAccounts,
  contacts: planContacts,
  contracts: planContracts,
};
