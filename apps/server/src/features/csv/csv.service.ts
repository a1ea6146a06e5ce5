import {
  AppError,
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
  type FieldProblem,
  formatMajorAmount,
  proposeCsvColumnMapping,
  readCsvTable,
  rememberedCsvMapping,
} from "@michi/core";
import Papa from "papaparse";
import type { Db, DbOrTx } from "../../db/client";
import { utcDay } from "../../lib/days";
import type { Actor } from "../../lib/hono-env";
import { storableText, textFieldProblemOf } from "../../lib/input-guard";
import { refreshContractChurn } from "../accounts/churn.queries";
import {
  findAccountsForExport,
  findContactsForExport,
  findContractsForExport,
  findCsvColumnMappings,
  saveCsvColumnMapping,
} from "./csv.queries";
import type { CsvColumnPreview, CsvImportResult } from "./csv.schemas";
import { type CsvFileEncoding, decodeCsvBytes, writeCsvFile } from "./csv-file";
import { matchCsvRows } from "./csv-match";
import { planners } from "./csv-plan";

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

/** How a file is read: as a person mapped it, and how rows without an externalId are found. */
export type CsvImportOptions = {
  /** One column per header cell, in order; null or "" ignores that column. None: by the header's names. */
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
  // Without a mapping (the CLI, scripts), the header is read by its names alone: what someone
  // chose on screen once (an ignored column, say) only proposes, in the preview, never decides
  // for a file nobody looked at.
  const table = readCsvTable(entity, parsed.records, { columnAt, matchBy });
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
    (await findContactsForExport(db, { workspaceId })).map(
      ({ contact: c, accountExternalId, accountName }) => [
        c.externalId,
        accountExternalId,
        c.name,
        c.email,
        c.title,
        c.department,
        c.notes,
        accountName,
      ],
    ),
  contracts: async (db, workspaceId) =>
    (await findContractsForExport(db, { workspaceId })).map(
      ({ contract: k, accountExternalId, accountName }) => [
        k.externalId,
        accountExternalId,
        k.product,
        formatMajorAmount(k.mrrMinor, k.currency),
        k.currency,
        k.startDate,
        k.endDate,
        k.status,
        k.seats === null ? null : String(k.seats),
        accountName,
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
