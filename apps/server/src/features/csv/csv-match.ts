import {
  type CsvEntity,
  type CsvMatchBy,
  type CsvProblem,
  type CsvRowValues,
  type CsvTable,
  coded,
  csvMatchColumnsOf,
  csvMatchKey,
} from "@michi/core";
import type { DbOrTx } from "../../db/client";
import { findAccountsByNames, findContactsByEmails, findContractsOfAccounts } from "./csv.queries";

/** A stored row a file's row was matched to by another column than externalId. */
export type StoredRow = {
  id: string;
  externalId: string | null;
  /** Contracts: what an mrr without a currency converts in, and the stored period's end. */
  currency?: string;
  endDate?: string | null;
};

/**
 * A row to write: upserted by its externalId; or, matched by another column,
 * the `stored` row it updates (found by id, its externalId kept); or, with
 * neither, a new row without an externalId, found again next time the same way.
 */
export type CsvWriteRow<E extends CsvEntity> = {
  row: number;
  values: Omit<CsvRowValues<E>, "externalId"> & { externalId: string | null };
  stored: StoredRow | null;
};

type Candidate = StoredRow & { key: string | null };
type Unidentified<E extends CsvEntity> = CsvTable<E>["unidentified"];

/** The stored rows that may match the file's rows, each with its match key (csvMatchKey). */
const candidatesOf: {
  [E in CsvEntity]: (
    db: DbOrTx,
    params: { workspaceId: string; matchBy: CsvMatchBy; rows: Unidentified<E> },
  ) => Promise<Candidate[]>;
} = {
  accounts: async (db, { workspaceId, matchBy, rows }) =>
    (await findAccountsByNames(db, { workspaceId, names: rows.map((r) => r.values.name) })).map(
      (a) => ({ id: a.id, externalId: a.externalId, key: csvMatchKey("accounts", matchBy, a) }),
    ),
  contacts: async (db, { workspaceId, matchBy, rows }) => {
    const emails = rows.flatMap((r) => (r.values.email ? [r.values.email.toLowerCase()] : []));
    return (await findContactsByEmails(db, { workspaceId, emails })).map((c) => ({
      id: c.id,
      externalId: c.externalId,
      key: csvMatchKey("contacts", matchBy, c),
    }));
  },
  contracts: async (db, { workspaceId, matchBy, rows }) => {
    // Matched by product, a row names its account by external ID (a match column, no stand-in).
    const accountExternalIds = [
      ...new Set(
        rows.flatMap((r) => (r.values.accountExternalId ? [r.values.accountExternalId] : [])),
      ),
    ];
    return (await findContractsOfAccounts(db, { workspaceId, accountExternalIds })).map((k) => ({
      id: k.id,
      externalId: k.externalId,
      currency: k.currency,
      endDate: k.endDate,
      key: csvMatchKey("contracts", matchBy, k),
    }));
  },
};

const withoutKey = ({ key: _, ...stored }: Candidate): StoredRow => stored;

/**
 * Matches the rows without an externalId to stored rows by the chosen
 * column(s). A row that matches two stored rows is refused (which one is
 * meant cannot be told); one whose stored row is also named by externalId
 * elsewhere in the file is a repeat. Rows come back in file order.
 */
export const matchCsvRows = async <E extends CsvEntity>(
  db: DbOrTx,
  params: { workspaceId: string; entity: E; matchBy: CsvMatchBy; table: CsvTable<E> },
): Promise<{ rows: CsvWriteRow<E>[]; problems: CsvProblem[] }> => {
  const { workspaceId, entity, matchBy, table } = params;
  const rows: CsvWriteRow<E>[] = table.rows.map((r) => ({ ...r, stored: null }));
  if (table.unidentified.length === 0) return { rows, problems: [] };

  const findCandidates = candidatesOf[entity] as unknown as (
    db: DbOrTx,
    params: { workspaceId: string; matchBy: CsvMatchBy; rows: Unidentified<E> },
  ) => Promise<Candidate[]>;
  const candidates = await findCandidates(db, { workspaceId, matchBy, rows: table.unidentified });
  const byKey = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    if (candidate.key === null) continue;
    byKey.set(candidate.key, [...(byKey.get(candidate.key) ?? []), candidate]);
  }
  const rowOfExternalId = new Map(table.rows.map((r) => [r.values.externalId, r.row]));
  const field = csvMatchColumnsOf(entity, matchBy).at(-1) ?? null;
  const problems: CsvProblem[] = [];
  for (const { row, key, values } of table.unidentified) {
    const found = byKey.get(key) ?? [];
    if (found.length > 1) {
      problems.push({
        row,
        field,
        message: `matches ${found.length} stored rows; give this row an externalId`,
        ...coded("csv-ambiguous-match", { count: found.length }),
      });
      continue;
    }
    const storedRow = found[0] ? withoutKey(found[0]) : null;
    const named = storedRow?.externalId ? rowOfExternalId.get(storedRow.externalId) : undefined;
    if (named !== undefined) {
      problems.push({
        row,
        field,
        message: `is the same row as row ${named}`,
        ...coded("csv-duplicate-row", { firstRow: named }),
      });
      continue;
    }
    rows.push({ row, values: { ...values, externalId: null }, stored: storedRow });
  }
  rows.sort((a, b) => a.row - b.row);
  return { rows, problems };
};
