import { z } from "zod";
import { contractStatuses, isoDateSchema, touchModels } from "../accounts/account-fields";
import { normalizeNameReading } from "../accounts/name-reading";
import {
  contractSeatsSchema,
  END_BEFORE_START_MESSAGE,
  endsBeforeStart,
  knownCurrencySchema,
} from "../contracts/contract-fields";
import { type CodedProblem, coded, codeOfZodIssue, withCode } from "../problem-codes";
import {
  type CsvColumn,
  type CsvEntity,
  csvColumnLabel,
  csvColumns,
  csvFileNoun,
} from "./csv-columns";
import {
  type CsvColumnMapping,
  type CsvMatchBy,
  csvMatchColumnsOf,
  proposeCsvColumnMapping,
} from "./csv-mapping";
import {
  normaliseCsvAmount,
  normaliseCsvCell,
  normaliseCsvDate,
  parseMajorAmount,
} from "./csv-values";

/**
 * One problem in a file. `row` is the row number a spreadsheet shows: the
 * header is row 1, the first data row is row 2. `field` is the column, or null
 * when the problem is the whole row or the whole file.
 */
export type CsvProblem = {
  row: number;
  field: string | null;
  /** In English; the UI words `code` with `params` in its own language. */
  message: string;
} & CodedProblem;

/*
 * Row schemas read cells already normalised by normaliseCsvCell: a key is
 * missing when its column is not in the file (leave the stored value alone),
 * and null when the cell is empty (clear it).
 */
const requiredText = (max: number) =>
  z.string({ error: "is required" }).max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).nullable().optional();
const optionalEmail = z
  .email({ error: "is not a valid email address" })
  .max(320, "must be at most 320 characters")
  .nullable()
  .optional();
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .toLowerCase()
    .pipe(z.enum(values, { error: `must be one of ${values.join(", ")}` }));
const csvDate = z.string().transform(normaliseCsvDate).pipe(isoDateSchema);
/** "1,200" as Excel writes it reads as 1200; anything but digits is refused, not rounded. */
const csvSeats = z
  .string()
  .transform((text) => text.replace(/[,\s]/g, ""))
  .refine(
    (text) => /^\d+$/.test(text),
    withCode("whole-number-of-seats", "must be a whole number of seats such as 50"),
  )
  .transform(Number)
  .pipe(contractSeatsSchema);

export const accountCsvRowSchema = z.object({
  externalId: requiredText(200),
  name: requiredText(200),
  // Stored as the API stores it: katakana, whatever kana the file has.
  nameKana: optionalText(200).transform((text) =>
    text ? normalizeNameReading(text) || null : text,
  ),
  industry: optionalText(100),
  segment: optionalText(100),
  ownerEmail: optionalEmail,
  touchModel: oneOf(touchModels).nullable().optional(),
  persona: optionalText(4000),
  challenges: optionalText(4000),
  successFactors: optionalText(4000),
});

export const contactCsvRowSchema = z.object({
  externalId: requiredText(200),
  /** The account: by its external ID, else by accountName (readCsvTable asks for one). */
  accountExternalId: optionalText(200),
  name: requiredText(200),
  email: optionalEmail,
  title: optionalText(200),
  department: optionalText(200),
  notes: optionalText(10_000),
  accountName: optionalText(200),
});

export const contractCsvRowSchema = z.object({
  externalId: requiredText(200),
  accountExternalId: optionalText(200),
  product: requiredText(200),
  /** Major units as written; converted once the currency is known (resolveContractCsvRow). */
  mrr: z
    .string({ error: "is required" })
    .refine(
      (text) => normaliseCsvAmount(text) !== null,
      withCode("invalid-amount", "must be a non-negative number such as 120000 or 99.50"),
    ),
  currency: z.string().toUpperCase().pipe(knownCurrencySchema).nullable().optional(),
  startDate: z.string({ error: "is required" }).pipe(csvDate),
  endDate: csvDate.nullable().optional(),
  status: oneOf(contractStatuses).nullable().optional(),
  /** Empty: the contract does not count seats. */
  seats: csvSeats.nullable().optional(),
  accountName: optionalText(200),
});

export const csvRowSchemas = {
  accounts: accountCsvRowSchema,
  contacts: contactCsvRowSchema,
  contracts: contractCsvRowSchema,
} as const satisfies Record<CsvEntity, z.ZodType>;

export type AccountCsvRow = z.output<typeof accountCsvRowSchema>;
export type ContactCsvRow = z.output<typeof contactCsvRowSchema>;
export type ContractCsvRow = z.output<typeof contractCsvRowSchema>;
export type CsvRowValues<E extends CsvEntity> = z.output<(typeof csvRowSchemas)[E]>;

export type CsvTable<E extends CsvEntity> = {
  /** Columns the file has, in canonical spelling. */
  columns: CsvColumn<E>[];
  /** Data rows that are not blank, valid or not. */
  totalRows: number;
  /** The valid rows with an externalId. */
  rows: { row: number; values: CsvRowValues<E> }[];
  /**
   * Valid rows without an externalId, when the file matches rows by another
   * column (options.matchBy): to be matched to stored rows or given an id.
   * `key` is csvMatchKey's; no two rows of a file share one.
   */
  unidentified: { row: number; key: string; values: CsvUnidentifiedValues<E> }[];
  problems: CsvProblem[];
};

/** A row matched by another column than externalId, before it is matched. */
export type CsvUnidentifiedValues<E extends CsvEntity> = Omit<CsvRowValues<E>, "externalId">;

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === "");

type Header<E extends CsvEntity> = {
  /** Per cell of the header: its column, or null for a column that is not read. */
  columnAt: (CsvColumn<E> | null)[];
  /** Cells of these columns were mapped to nothing on purpose: their values are not read. */
  ignored: ReadonlySet<number>;
  problems: CsvProblem[];
};

/** "externalId (外部ID), name (顧客名), …": the columns, for messages. */
const describeColumns = <E extends CsvEntity>(entity: E): string =>
  csvColumns[entity]
    .map((column) => `${column} (${csvColumnLabel(entity, column, "ja")})`)
    .join(", ");

/** How a file's header is read: by a mapping a person chose, or as proposed. */
export type CsvReadOptions<E extends CsvEntity> = {
  /**
   * A mapping a person chose, already checked (checkCsvColumnMapping): one
   * column or null (ignore it) per header cell.
   */
  columnAt?: readonly (CsvColumn<E> | null)[] | undefined;
  /** What the workspace mapped last: used for the proposal when columnAt is not given. */
  remembered?: CsvColumnMapping | undefined;
  /** How rows without an externalId are matched; default: they are not (externalId required). */
  matchBy?: CsvMatchBy | undefined;
};

/**
 * A header names each column by its canonical name or its Japanese or English
 * label or an alias (csvColumnLabels), whatever the case and width, or as the
 * workspace mapped it last; a BOM the decoder left is ignored. A mapping a
 * person chose is taken as it is.
 */
const readHeader = <E extends CsvEntity>(
  entity: E,
  cells: readonly string[],
  options: CsvReadOptions<E>,
): Header<E> => {
  if (options.columnAt) {
    const columnAt = [...options.columnAt];
    const ignored = new Set(columnAt.flatMap((column, index) => (column ? [] : [index])));
    return { columnAt, ignored, problems: [] };
  }
  const proposal = proposeCsvColumnMapping({
    entity,
    headers: cells,
    remembered: options.remembered,
    matchBy: options.matchBy ?? "externalId",
  });
  const problems: CsvProblem[] = [];
  const ignored = new Set<number>();
  const seen = new Set<CsvColumn<E>>();
  const columnAt = proposal.columns.map(({ header: name, column, source }, index) => {
    if (name === "") return null;
    if (source === "remembered" && column === null) {
      ignored.add(index);
      return null;
    }
    if (!column) {
      const columns = describeColumns(entity);
      problems.push({
        row: 1,
        field: name,
        message: `is not a column of ${csvFileNoun(entity)}; the columns are ${columns}`,
        ...coded("csv-unknown-column", { name, columns }),
      });
      return null;
    }
    if (seen.has(column)) {
      problems.push({
        row: 1,
        field: column,
        message: "appears more than once in the header",
        ...coded("csv-duplicate-column"),
      });
      return null;
    }
    seen.add(column);
    return column;
  });
  for (const column of proposal.missing) {
    problems.push({
      row: 1,
      field: column,
      message: "is a required column and is missing",
      ...coded("csv-missing-column"),
    });
  }
  return { columnAt, ignored, problems };
};

/**
 * What identifies a row matched by `matchBy`, as text to compare: an account's
 * exact name, a contact's email whatever its case, a contract's account,
 * product and start date. Null when a cell of it is empty.
 */
export const csvMatchKey = <E extends CsvEntity>(
  entity: E,
  matchBy: CsvMatchBy,
  values: Readonly<Record<string, unknown>>,
): string | null => {
  const parts: string[] = [];
  for (const column of csvMatchColumnsOf(entity, matchBy)) {
    const value = values[column];
    if (typeof value !== "string" || value === "") return null;
    parts.push(column === "email" ? value.toLowerCase() : value);
  }
  return JSON.stringify(parts);
};

/**
 * Reads a parsed CSV (an array of records, the header first) into valid rows
 * and problems. Blank lines are skipped but still counted, so row numbers are
 * those a spreadsheet shows. A header with problems stops the reading: the
 * rows could not be understood.
 */
export const readCsvTable = <E extends CsvEntity>(
  entity: E,
  records: readonly (readonly string[])[],
  options: CsvReadOptions<E> = {},
): CsvTable<E> => {
  const matchBy = options.matchBy ?? "externalId";
  const [headerCells, ...data] = records;
  const dataRows = data
    .map((cells, index) => ({ cells, row: index + 2 }))
    .filter(({ cells }) => !isBlank(cells));
  if (!headerCells || isBlank(headerCells)) {
    const columns = describeColumns(entity);
    const message = `The first line must name the columns: ${columns}`;
    return {
      columns: [],
      totalRows: dataRows.length,
      rows: [],
      unidentified: [],
      problems: [{ row: 1, field: null, message, ...coded("csv-no-header", { columns }) }],
    };
  }
  const header = readHeader(entity, headerCells, options);
  const columns = header.columnAt.filter((c): c is CsvColumn<E> => c !== null);
  if (header.problems.length > 0) {
    return {
      columns,
      totalRows: dataRows.length,
      rows: [],
      unidentified: [],
      problems: header.problems,
    };
  }

  // Matched by another column, a row may leave its externalId empty.
  const schema: z.ZodType =
    matchBy === "externalId"
      ? csvRowSchemas[entity]
      : (csvRowSchemas[entity] as z.ZodObject).extend({ externalId: optionalText(200) });
  const problems: CsvProblem[] = [];
  const rows: CsvTable<E>["rows"] = [];
  const unidentified: CsvTable<E>["unidentified"] = [];
  const firstRowOf = new Map<string, number>();
  const firstRowOfKey = new Map<string, number>();
  for (const { cells, row } of dataRows) {
    const record: Record<string, string | null> = {};
    let rowIsValid = true;
    for (const [index, cell] of cells.entries()) {
      const column = header.columnAt[index];
      if (column) record[column] = normaliseCsvCell(cell);
      else if (cell.trim() !== "" && rowIsValid && !header.ignored.has(index)) {
        const message = `has a value in column ${index + 1}, which has no name in the header`;
        problems.push({
          row,
          field: null,
          message,
          ...coded("csv-unnamed-column", { column: index + 1 }),
        });
        rowIsValid = false;
      }
    }
    // A short row (trailing cells left off) reads as empty cells.
    for (const column of columns) if (!(column in record)) record[column] = null;

    const externalId = record.externalId;
    if (externalId) {
      const first = firstRowOf.get(externalId);
      if (first === undefined) firstRowOf.set(externalId, row);
      else {
        problems.push({
          row,
          field: "externalId",
          message: `is also on row ${first}`,
          ...coded("csv-duplicate-row", { firstRow: first }),
        });
        rowIsValid = false;
      }
    }

    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          row,
          field: String(issue.path[0] ?? ""),
          message: issue.message,
          ...codeOfZodIssue(issue, record),
        });
      }
      continue;
    }
    if (!rowIsValid) continue;
    const values = parsed.data as Record<string, unknown>;
    // A contact or contract names its account by one of the two (csvColumnStandIns).
    if (
      entity !== "accounts" &&
      !values.accountExternalId &&
      !values.accountName &&
      (columns.includes("accountExternalId" as CsvColumn<E>) ||
        columns.includes("accountName" as CsvColumn<E>))
    ) {
      problems.push({
        row,
        field: columns.includes("accountExternalId" as CsvColumn<E>)
          ? "accountExternalId"
          : "accountName",
        message: "is required: the account's external ID or its name",
        ...coded("required"),
      });
      continue;
    }
    if (values.externalId) {
      rows.push({ row, values: values as CsvRowValues<E> });
      continue;
    }
    // No externalId: the match's columns say which stored row it is.
    const key = csvMatchKey(entity, matchBy, values);
    if (key === null) {
      for (const column of csvMatchColumnsOf(entity, matchBy)) {
        if (!values[column]) {
          problems.push({
            row,
            field: column,
            message: "is required when the row has no externalId",
            ...coded("required"),
          });
        }
      }
      continue;
    }
    const first = firstRowOfKey.get(key);
    if (first !== undefined) {
      const field = csvMatchColumnsOf(entity, matchBy).at(-1) ?? null;
      problems.push({
        row,
        field,
        message: `identifies the same row as row ${first}`,
        ...coded("csv-duplicate-row", { firstRow: first }),
      });
      continue;
    }
    firstRowOfKey.set(key, row);
    const { externalId: _, ...rest } = values;
    unidentified.push({ row, key, values: rest as CsvUnidentifiedValues<E> });
  }
  return { columns, totalRows: dataRows.length, rows, unidentified, problems };
};

export const DEFAULT_CURRENCY = "JPY";

/** A contracts row to resolve; matched by another column, it may have no externalId. */
export type ContractCsvInput = Omit<ContractCsvRow, "externalId"> & { externalId: string | null };

/** A contracts row ready to store; an absent key leaves the stored value alone. */
export type ContractCsvValues = Omit<ContractCsvInput, "mrr" | "currency" | "status"> & {
  mrrMinor: number;
  currency?: string;
  status?: (typeof contractStatuses)[number];
};

export type ResolvedContractRow =
  | { ok: true; values: ContractCsvValues }
  | { ok: false; problems: ({ field: string; message: string } & CodedProblem)[] };

/**
 * Completes a contracts row with what is stored (for an update) or the
 * defaults (for a new contract): the currency decides how mrr converts to
 * minor units, and the period is checked with the dates it will really have.
 */
export const resolveContractCsvRow = (
  row: ContractCsvInput,
  existing?: { currency: string; endDate: string | null },
): ResolvedContractRow => {
  const { mrr, currency, status, ...rest } = row;
  const problems: ({ field: string; message: string } & CodedProblem)[] = [];
  const effectiveCurrency = currency ?? existing?.currency ?? DEFAULT_CURRENCY;
  const amount = parseMajorAmount(mrr, effectiveCurrency);
  if (!amount.ok) {
    const { ok: _, ...problem } = amount;
    problems.push({ field: "mrr", ...problem });
  }

  const endDate = row.endDate === undefined ? (existing?.endDate ?? null) : row.endDate;
  if (endsBeforeStart({ startDate: row.startDate, endDate })) {
    problems.push(
      row.endDate === undefined
        ? {
            field: "startDate",
            message: `must not be after the stored endDate ${endDate}`,
            ...coded("after-stored-end-date", { endDate: endDate ?? "" }),
          }
        : { field: "endDate", message: END_BEFORE_START_MESSAGE, ...coded("end-before-start") },
    );
  }
  if (!amount.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    values: {
      ...rest,
      mrrMinor: amount.minor,
      // An empty cell means the default; a missing column keeps what is stored.
      ...(currency !== undefined ? { currency: currency ?? DEFAULT_CURRENCY } : {}),
      ...(status !== undefined ? { status: status ?? "active" } : {}),
    },
  };
};
