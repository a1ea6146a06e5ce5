import {
  type AccountPicklistField,
  AppError,
  accountPicklistFields,
  buildCsvTemplate,
  type CsvColumn,
  type CsvEntity,
  type CsvLanguage,
  type CsvMappingProblem,
  type CsvMatchBy,
  type CsvProblem,
  checkCsvColumnMapping,
  coded,
  csvColumns,
  csvFileNoun,
  csvMatchOptions,
  DEFAULT_CURRENCY,
  type FieldProblem,
  formatMajorAmount,
  proposeCsvColumnMapping,
  readCsvTable,
  rememberedCsvMapping,
  resolveContractCsvRow,
  resolvePicklistValue,
} from "@michi/core";
import Papa from "papaparse";
import type { Db, DbOrTx } from "../../db/client";
import { utcDay } from "../../lib/days";
import type { Actor } from "../../lib/hono-env";
import { storableText, textFieldProblemOf } from "../../lib/input-guard";
import { readCsModel } from "../../recompute";
import { findAccountsByExternalIds, type NewAccount } from "../accounts/accounts.queries";
import { refreshContractChurn } from "../accounts/churn.queries";
import type { NewContact } from "../contacts/contacts.queries";
import type { NewContract } from "../contracts/contracts.queries";
import { listMembers } from "../workspaces/workspaces.queries";
import {
  type AccountUpsertField,
  type ContactUpsertField,
  type ContractUpsertField,
  findAccountsForExport,
  findContactRefs,
  findContactsForExport,
  findContractRefs,
  findContractsForExport,
  findCsvColumnMappings,
  saveCsvColumnMapping,
  upsertAccounts,
  upsertContacts,
  upsertContracts,
} from "./csv.queries";
import type { CsvColumnPreview, CsvImportResult } from "./csv.schemas";
import { type CsvFileEncoding, decodeCsvBytes, writeCsvFile } from "./csv-file";
import { type CsvWriteRow, matchCsvRows, type StoredRow } from "./csv-match";

export type { CsvColumnPreview, CsvImportResult } from "./csv.schemas";

/** Import bodies may be this large; the app's 1 MB JSON limit does not apply to them. */
export const CSV_BODY_LIMIT = 10 * 1024 * 1024;

/**
 * Content types a CSV upload arrives with: browsers label .csv files
 * application/vnd.ms-excel on Windows, and text/plain is fetch's default.
 */
const csvMediaTypes = [
  "text/csv",
  "application/csv",
  "text/plain",
  "application/octet-stream",
  "application/vnd.ms-excel",
];

/**
 * An upload's bytes as text: UTF-8 (a BOM is dropped) or Shift_JIS (CP932),
 * as decodeCsvBytes tells them apart, or the charset the content type names;
 * anything undecodable is refused (415), never stored garbled.
 */
export const decodeCsvBody = (
  bytes: Uint8Array,
  contentType: string | undefined,
): { text: string; encoding: string } => {
  const [mediaType = "", ...params] = (contentType ?? "").split(";").map((s) => s.trim());
  if (mediaType && !csvMediaTypes.includes(mediaType.toLowerCase())) {
    throw new AppError(
      "unsupported-media-type",
      `Send the file as text/csv (or application/octet-stream), not ${mediaType}.`,
    );
  }
  const charset = params
    .find((p) => p.toLowerCase().startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/"/g, "");
  const decoded = decodeCsvBytes(bytes, charset || undefined);
  if (!decoded.ok) throw new AppError("unsupported-media-type", decoded.message);
  return { text: decoded.text, encoding: decoded.encoding };
};

/** Parses CSV text into records; quoting problems become row problems. */
const parseCsv = (csv: string) => {
  // U+FFFD is what a decoder leaves where it could not read: text garbled
  // before it reached us (the CLI passes text too). Refused, not stored.
  if (csv.includes("\uFFFD")) {
    throw new AppError(
      "unsupported-media-type",
      "The file contains U+FFFD (�), the mark of text garbled by an earlier conversion. Export it again from its source as UTF-8 or Shift_JIS.",
    );
  }
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), {
    delimiter: ",",
    skipEmptyLines: false,
  });
  const problems: CsvProblem[] = parsed.errors.map((error) => ({
    row: (error.row ?? 0) + 1,
    field: null,
    message: error.message,
    ...coded("csv-malformed", { reason: error.code }),
  }));
  // The one text rule (lib/input-guard.ts): a cell the database cannot store
  // is a row problem naming its column, and is emptied of what the database
  // refuses so that not even a dry run's lookups send it there.
  const header = (parsed.data[0] ?? []).map(storableText);
  const records = parsed.data.map((cells, index) =>
    cells.map((cell, column) => {
      const problem = textFieldProblemOf(cell);
      if (!problem) return cell;
      problems.push({ row: index + 1, field: header[column] || null, ...problem });
      return storableText(cell);
    }),
  );
  return { records, problems };
};

type Plan = {
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
): F[] =>
  columns.flatMap((column) => {
    const field = map[column];
    return field ? [field] : [];
  });

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

/** Contacts and contracts name their account by its externalId, in this workspace only. */
const findAccountIds = async (db: DbOrTx, workspaceId: string, externalIds: string[]) => {
  const found = await findAccountsByExternalIds(db, {
    workspaceId,
    externalIds: [...new Set(externalIds)],
  });
  return new Map(found.map((a) => [a.externalId, a.id]));
};

const noSuchAccount = (row: number): CsvProblem => ({
  row,
  field: "accountExternalId",
  message: "is not the externalId of an account in this workspace",
  ...coded("csv-unknown-account"),
});

const planContacts: Planner<"contacts"> = async (db, workspaceId, table) => {
  const accountIds = await findAccountIds(
    db,
    workspaceId,
    table.rows.map((r) => r.values.accountExternalId),
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
    const accountId = accountIds.get(v.accountExternalId);
    if (!accountId) {
      problems.push(noSuchAccount(row));
      continue;
    }
    const { accountExternalId: _a, ...rest } = v;
    const item = { ...(match ? { id: match.id } : {}), ...rest, workspaceId, accountId };
    values.push({ item, byId: match !== null });
    rows.push({ row, ...identityOf(v.externalId, match, known), name: v.name });
  }
  const fields = fieldsFor<ContactUpsertField>(table.columns, {
    accountExternalId: "accountId",
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
  const accountIds = await findAccountIds(
    db,
    workspaceId,
    table.rows.map((r) => r.values.accountExternalId),
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
    const accountId = accountIds.get(v.accountExternalId);
    if (!accountId) problems.push(noSuchAccount(row));
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
    const { accountExternalId: _a, ...rest } = resolved.values;
    const item = { ...(match ? { id: match.id } : {}), ...rest, workspaceId, accountId };
    values.push({ item, byId: match !== null });
    rows.push({ row, ...identityOf(v.externalId, match, known), name: v.product });
  }
  const fields = fieldsFor<ContractUpsertField>(table.columns, {
    accountExternalId: "accountId",
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

const planners: { [E in CsvEntity]: Planner<E> } = {
  accounts: planAccounts,
  contacts: planContacts,
  contracts: planContracts,
};

/** How a file is read: as a person mapped it, and how rows without an externalId are found. */
export type CsvImportOptions = {
  /** One column per header cell, in order; null or "" ignores that column. None: as proposed. */
  columns?: readonly (string | null)[] | undefined;
  /** Rows without an externalId are matched by this (csvMatchOptions); default: externalId only. */
  matchBy?: CsvMatchBy | undefined;
};

/** A mapping the caller sent that cannot be used: 422 before anything is read. */
const invalidMapping = (problems: readonly CsvMappingProblem[]) =>
  new AppError(
    "validation-failed",
    "The column mapping does not fit the file; nothing was imported.",
    {
      errors: problems.map(({ field, ...problem }) => ({
        pointer: "/columns",
        ...(field ? { field } : {}),
        ...problem,
      })),
      problem: coded("csv-invalid-mapping", { count: problems.length }),
    },
  );

const checkMatchBy = (entity: CsvEntity, matchBy: CsvMatchBy) => {
  const options = csvMatchOptions(entity);
  if (options.includes(matchBy)) return;
  throw new AppError(
    "validation-failed",
    `${csvFileNoun(entity)} cannot match rows by ${matchBy}.`,
    [
      {
        pointer: "/matchBy",
        message: `must be one of ${options.join(", ")}`,
        ...coded("invalid_enum", { options }),
      },
    ],
  );
};

const plan = async <E extends CsvEntity>(
  db: DbOrTx,
  workspaceId: string,
  entity: E,
  csv: string,
  options: CsvImportOptions,
) => {
  const matchBy = options.matchBy ?? "externalId";
  checkMatchBy(entity, matchBy);
  const parsed = parseCsv(csv);
  const headers = parsed.records[0] ?? [];
  let columnAt: (CsvColumn<E> | null)[] | undefined;
  if (options.columns) {
    const checked = checkCsvColumnMapping({ entity, headers, targets: options.columns, matchBy });
    if (!checked.ok) throw invalidMapping(checked.problems);
    columnAt = checked.columnAt;
  }
  // Without a mapping, the header is read as the mapping step would propose it.
  const remembered = columnAt
    ? undefined
    : (await findCsvColumnMappings(db, { workspaceId }))[entity];
  const table = readCsvTable(entity, parsed.records, { columnAt, remembered, matchBy });
  const matched = await matchCsvRows(db, { workspaceId, entity, matchBy, table });
  const planned = await planners[entity](db, workspaceId, {
    columns: table.columns,
    rows: matched.rows,
  });
  const problems = [
    ...parsed.problems,
    ...table.problems,
    ...matched.problems,
    ...planned.problems,
  ].sort((a, b) => a.row - b.row);
  // A row the parser choked on (e.g. an unclosed quote) is not shown as importable.
  const unparsable = new Set(parsed.problems.map((p) => p.row));
  const rows = planned.rows.filter((r) => !unparsable.has(r.row));
  const mapping = columnAt ? rememberedCsvMapping(headers, columnAt) : null;
  return { totalRows: table.totalRows, ...planned, rows, problems, mapping };
};

/** A JSON pointer segment: "~" and "/" escaped (RFC 6901). */
const pointerSegment = (text: string) => text.replaceAll("~", "~0").replaceAll("/", "~1");

const toFieldProblem = ({ row, field, ...problem }: CsvProblem): FieldProblem => ({
  row,
  ...(field ? { field } : {}),
  pointer: field ? `/rows/${row}/${pointerSegment(field)}` : `/rows/${row}`,
  ...problem,
});

/**
 * Imports one CSV file of accounts, contacts or contracts, upserting by
 * externalId (or, for rows without one, by options.matchBy), its columns read
 * by options.columns or as proposed (decision 0025). A dry run reports what would happen and stores nothing. A real
 * run is one transaction: with any problem it throws validation-failed (422)
 * listing every problem, and nothing is stored.
 */
export const importCsv = async (
  db: Db,
  actor: Actor,
  params: { entity: CsvEntity; csv: string; dryRun: boolean; encoding?: string } & CsvImportOptions,
): Promise<CsvImportResult> => {
  const { entity, csv, dryRun, encoding = "utf-8", ...options } = params;
  const toResult = (planned: Awaited<ReturnType<typeof plan>>): CsvImportResult => ({
    dryRun,
    entity,
    encoding,
    totalRows: planned.totalRows,
    created: planned.rows.filter((r) => r.action === "create").length,
    updated: planned.rows.filter((r) => r.action === "update").length,
    errors: planned.problems,
    rows: planned.rows,
  });
  if (dryRun) return toResult(await plan(db, actor.workspaceId, entity, csv, options));

  return db.transaction(async (tx) => {
    const planned = await plan(tx, actor.workspaceId, entity, csv, options);
    if (planned.problems.length > 0) {
      const count = planned.problems.length;
      throw new AppError(
        "validation-failed",
        `The file has ${count} problem${count === 1 ? "" : "s"}; nothing was imported.`,
        {
          errors: planned.problems.map(toFieldProblem),
          problem: coded("csv-file-has-problems", { count }),
        },
      );
    }
    await planned.write(tx);
    // The next file of this kind is proposed the mapping a person chose for this one.
    if (planned.mapping) {
      await saveCsvColumnMapping(tx, {
        workspaceId: actor.workspaceId,
        entity,
        mapping: planned.mapping,
      });
    }
    // Contracts in: whether their accounts have churned may have changed.
    if (entity === "contracts") {
      await refreshContractChurn(tx, { workspaceId: actor.workspaceId, today: utcDay(new Date()) });
    }
    return toResult(planned);
  });
};

/** Rows the mapping step shows of a file. */
const PREVIEW_ROWS = 5;

/**
 * The mapping step's view of a file: its headers with the column proposed for
 * each (what the workspace mapped last, else the labels), what is missing or
 * named twice, and its first rows as written. Nothing is checked or stored.
 */
export const previewCsvColumns = async (
  db: Db,
  actor: Actor,
  params: { entity: CsvEntity; csv: string; encoding?: string },
): Promise<CsvColumnPreview> => {
  const { entity, csv, encoding = "utf-8" } = params;
  const [headers = [], ...data] = parseCsv(csv).records;
  const remembered = (await findCsvColumnMappings(db, { workspaceId: actor.workspaceId }))[entity];
  const proposal = proposeCsvColumnMapping({ entity, headers, remembered });
  const rows = data.filter((cells) => cells.some((cell) => cell.trim() !== ""));
  return {
    entity,
    encoding,
    ...proposal,
    matchOptions: csvMatchOptions(entity),
    totalRows: rows.length,
    rows: rows.slice(0, PREVIEW_ROWS),
  };
};

type Cell = string | null;

const exporters: { [E in CsvEntity]: (db: DbOrTx, workspaceId: string) => Promise<Cell[][]> } = {
  accounts: async (db, workspaceId) =>
    (await findAccountsForExport(db, { workspaceId })).map(({ account: a, ownerEmail }) => [
      a.externalId,
      a.name,
      a.industry,
      a.segment,
      ownerEmail,
      a.touchModel,
      a.profile.persona ?? null,
      a.profile.challenges ?? null,
      a.profile.successFactors ?? null,
      a.nameKana,
    ]),
  contacts: async (db, workspaceId) =>
    (await findContactsForExport(db, { workspaceId })).map(({ contact: c, accountExternalId }) => [
      c.externalId,
      accountExternalId,
      c.name,
      c.email,
      c.title,
      c.department,
      c.notes,
    ]),
  contracts: async (db, workspaceId) =>
    (await findContractsForExport(db, { workspaceId })).map(
      ({ contract: k, accountExternalId }) => [
        k.externalId,
        accountExternalId,
        k.product,
        formatMajorAmount(k.mrrMinor, k.currency),
        k.currency,
        k.startDate,
        k.endDate,
        k.status,
        k.seats === null ? null : String(k.seats),
      ],
    ),
};

/** A file to download: its bytes and content type. */
export type CsvDownload = { bytes: Uint8Array<ArrayBuffer>; contentType: string };

/**
 * The workspace's rows as a CSV file with the import's columns, so an export
 * imports back unchanged; in UTF-8 with a BOM, or in Shift_JIS, which is
 * refused (422, each cell named) when a cell has a character Shift_JIS cannot
 * hold: see writeCsvFile.
 */
export const exportCsv = async (
  db: Db,
  actor: Actor,
  params: { entity: CsvEntity; encoding: CsvFileEncoding },
): Promise<CsvDownload> => {
  const { entity, encoding } = params;
  const rows = await exporters[entity](db, actor.workspaceId);
  const written = writeCsvFile({ fields: csvColumns[entity], rows }, encoding);
  if (!written.ok) {
    const { total } = written;
    throw new AppError(
      "validation-failed",
      `${total} cell${total === 1 ? "" : "s"} cannot be written in Shift_JIS, so nothing was exported${
        total > written.problems.length ? ` (the first ${written.problems.length} are listed)` : ""
      }. Export as UTF-8 (with BOM), which Excel also opens, or change those cells.`,
      written.problems.map(toFieldProblem),
    );
  }
  return { bytes: written.bytes, contentType: written.contentType };
};

/** A template for a file: the header in the language asked for and one example row. */
export const csvTemplateFile = (params: {
  entity: CsvEntity;
  lang: CsvLanguage;
  encoding: CsvFileEncoding;
}): CsvDownload => {
  const template = buildCsvTemplate(params.entity, params.lang);
  const written = writeCsvFile({ fields: template.header, rows: template.rows }, params.encoding);
  // The templates are ours and hold only what Shift_JIS can (csv-file.test.ts checks it).
  if (!written.ok) throw new Error(`The ${params.entity} template cannot be written`);
  return { bytes: written.bytes, contentType: written.contentType };
};
