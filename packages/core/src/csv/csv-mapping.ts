import { z } from "zod";
import { type CodedProblem, coded } from "../problem-codes";
import {
  type CsvColumn,
  type CsvEntity,
  csvColumnStandIns,
  csvColumns,
  csvHeaderKey,
  findCsvColumn,
  requiredCsvColumns,
} from "./csv-columns";

/*
 * The column mapping step (decision 0025): a file's header cells → the
 * columns of a kind of file, proposed from what the workspace mapped last and
 * from the column table, then edited by a person and sent back with the file.
 */

/**
 * How a row without an externalId is matched to a stored one, per kind: the
 * columns whose values identify it. None of these is unique in the database,
 * so a row that matches two stored rows is refused, not guessed.
 */
export const csvMatchColumns = {
  accounts: { name: ["name"] },
  contacts: { email: ["email"] },
  contracts: { product: ["accountExternalId", "product", "startDate"] },
} as const satisfies { [E in CsvEntity]: Record<string, readonly CsvColumn<E>[]> };

/** Every way of matching a row: by externalId (always), or one of csvMatchColumns. */
export const csvMatchKinds = ["externalId", "name", "email", "product"] as const;
export type CsvMatchBy = (typeof csvMatchKinds)[number];

/** The ways a file of this kind may match its rows; externalId first. */
export const csvMatchOptions = (entity: CsvEntity): CsvMatchBy[] => [
  "externalId",
  ...(Object.keys(csvMatchColumns[entity]) as CsvMatchBy[]),
];

/** The columns that identify a row matched by `matchBy` (externalId: just that). */
export const csvMatchColumnsOf = <E extends CsvEntity>(
  entity: E,
  matchBy: CsvMatchBy,
): readonly CsvColumn<E>[] => {
  const table = csvMatchColumns[entity] as unknown as Record<string, readonly CsvColumn<E>[]>;
  if (matchBy !== "externalId" && Object.hasOwn(table, matchBy)) return table[matchBy]!;
  return ["externalId" as CsvColumn<E>];
};

/**
 * Columns a file must have. Matched by another column than externalId, a row
 * may leave externalId out (it is found, or given one), and the match's
 * columns are required instead.
 */
export const requiredCsvColumnsFor = <E extends CsvEntity>(
  entity: E,
  matchBy: CsvMatchBy = "externalId",
): CsvColumn<E>[] => {
  const required = requiredCsvColumns[entity] as readonly CsvColumn<E>[];
  if (matchBy === "externalId") return [...required];
  const match = csvMatchColumnsOf(entity, matchBy);
  const columns = new Set<CsvColumn<E>>([...required, ...match]);
  columns.delete("externalId" as CsvColumn<E>);
  return [...columns];
};

/** Headers are this long at most in a remembered mapping (like a cell of the name column). */
const MAX_HEADER = 200;
/** A CRM export rarely has more than a few hundred columns; a bound keeps the row small. */
const MAX_HEADERS = 500;

const mappingOf = <E extends CsvEntity>(entity: E) =>
  z
    .record(
      z.string().min(1).max(MAX_HEADER),
      z.enum(csvColumns[entity] as [CsvColumn<E>, ...CsvColumn<E>[]]).nullable(),
    )
    .refine((mapping) => Object.keys(mapping).length <= MAX_HEADERS, {
      message: `must have at most ${MAX_HEADERS} headers`,
    });

/**
 * What a workspace remembers (workspace_cs_settings.csv_column_mappings): per
 * kind of file, each header of the file last imported with a mapping → the
 * column it went to, or null where the person chose to ignore it.
 */
export const csvColumnMappingsSchema = z.object({
  accounts: mappingOf("accounts").optional(),
  contacts: mappingOf("contacts").optional(),
  contracts: mappingOf("contracts").optional(),
});
export type CsvColumnMappings = z.infer<typeof csvColumnMappingsSchema>;
/** One kind's remembered mapping: header as the file had it → column, or null (ignored). */
export type CsvColumnMapping = Readonly<Record<string, string | null>>;

/** Why a header is mapped as proposed: what was remembered, a label of the column, or nothing. */
export type CsvMappingSource = "remembered" | "label" | "none";

export type CsvMappedHeader<E extends CsvEntity> = {
  header: string;
  column: CsvColumn<E> | null;
  source: CsvMappingSource;
};

export type CsvColumnProposal<E extends CsvEntity> = {
  /** One per header cell, in the file's order. */
  columns: CsvMappedHeader<E>[];
  /** Required columns (for the match asked for) that no header maps to. */
  missing: CsvColumn<E>[];
  /** Columns more than one header maps to. */
  duplicates: CsvColumn<E>[];
};

/** A header cell as a person wrote it: without the BOM a decoder may leave, trimmed. */
export const cleanCsvHeader = (cell: string): string => cell.replace(/^\uFEFF/, "").trim();

const isColumnOf = <E extends CsvEntity>(entity: E, name: string): name is CsvColumn<E> =>
  (csvColumns[entity] as readonly string[]).includes(name);

/** Columns named more than once, in the order they first repeat. */
const repeatedColumns = <E extends CsvEntity>(columns: readonly (CsvColumn<E> | null)[]) => {
  const seen = new Set<CsvColumn<E>>();
  const repeated = new Set<CsvColumn<E>>();
  for (const column of columns) {
    if (column === null) continue;
    if (seen.has(column)) repeated.add(column);
    seen.add(column);
  }
  return [...repeated];
};

const missingColumns = <E extends CsvEntity>(
  entity: E,
  columns: readonly (CsvColumn<E> | null)[],
  matchBy: CsvMatchBy,
) => {
  const standIns = csvColumnStandIns[entity] as Partial<Record<CsvColumn<E>, CsvColumn<E>>>;
  // A match's own columns take no stand-in: they are what the row is found by.
  const matchColumns: readonly CsvColumn<E>[] = csvMatchColumnsOf(entity, matchBy);
  return requiredCsvColumnsFor(entity, matchBy).filter((column) => {
    if (columns.includes(column)) return false;
    const standIn = standIns[column];
    return !(standIn && !matchColumns.includes(column) && columns.includes(standIn));
  });
};

/**
 * Proposes a column for each header cell: what the workspace mapped that
 * header to last (compared as csvHeaderKey compares, so width, case and spaces
 * do not matter; an ignored header stays ignored), else the column whose name,
 * Japanese or English label or alias it is, else none.
 */
export const proposeCsvColumnMapping = <E extends CsvEntity>(params: {
  entity: E;
  headers: readonly string[];
  remembered?: CsvColumnMapping | undefined;
  matchBy?: CsvMatchBy;
}): CsvColumnProposal<E> => {
  const { entity, headers, remembered = {}, matchBy = "externalId" } = params;
  const rememberedByKey = new Map<string, CsvColumn<E> | null>();
  for (const [header, column] of Object.entries(remembered)) {
    // A stored column that is no longer one (or of another kind) is not remembered.
    if (column === null || isColumnOf(entity, column)) {
      rememberedByKey.set(csvHeaderKey(header), column);
    }
  }
  const columns = headers.map((cell): CsvMappedHeader<E> => {
    const header = cleanCsvHeader(cell);
    const key = csvHeaderKey(header);
    if (header !== "" && rememberedByKey.has(key)) {
      return { header, column: rememberedByKey.get(key) ?? null, source: "remembered" };
    }
    const column = header === "" ? undefined : findCsvColumn(entity, header);
    return column ? { header, column, source: "label" } : { header, column: null, source: "none" };
  });
  const targets = columns.map((c) => c.column);
  return {
    columns,
    missing: missingColumns(entity, targets, matchBy),
    duplicates: repeatedColumns(targets),
  };
};

/** A problem with a mapping: `field` is the header (or column) it is about. */
export type CsvMappingProblem = { field: string | null; message: string } & CodedProblem;

export type CheckedCsvMapping<E extends CsvEntity> =
  | { ok: true; columnAt: (CsvColumn<E> | null)[] }
  | { ok: false; problems: CsvMappingProblem[] };

/**
 * Checks a mapping a person chose: one target per header cell, in order
 * (null: ignore that column), each a column of the kind, none twice, and every
 * required column (for the match asked for) mapped.
 */
export const checkCsvColumnMapping = <E extends CsvEntity>(params: {
  entity: E;
  headers: readonly string[];
  targets: readonly (string | null)[];
  matchBy?: CsvMatchBy;
}): CheckedCsvMapping<E> => {
  const { entity, headers, targets, matchBy = "externalId" } = params;
  if (targets.length !== headers.length) {
    return {
      ok: false,
      problems: [
        {
          field: null,
          message: `maps ${targets.length} columns, and the file has ${headers.length}`,
          ...coded("csv-mapping-length", { expected: headers.length, got: targets.length }),
        },
      ],
    };
  }
  const problems: CsvMappingProblem[] = [];
  const columnAt = targets.map((target, index): CsvColumn<E> | null => {
    if (target === null || target === "") return null;
    if (isColumnOf(entity, target)) return target;
    const columns = csvColumns[entity].join(", ");
    problems.push({
      field: cleanCsvHeader(headers[index] ?? "") || null,
      message: `maps to ${target}, which is not a column of this file; the columns are ${columns}`,
      ...coded("csv-unknown-column", { name: target, columns }),
    });
    return null;
  });
  for (const column of repeatedColumns(columnAt)) {
    problems.push({
      field: column,
      message: "is mapped from more than one column",
      ...coded("csv-duplicate-column"),
    });
  }
  for (const column of missingColumns(entity, columnAt, matchBy)) {
    problems.push({
      field: column,
      message: "is a required column and no column maps to it",
      ...coded("csv-missing-column"),
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columnAt };
};

/**
 * The mapping to remember after an import: each named header → its column or
 * null. A header the file has twice keeps its first mapping.
 */
export const rememberedCsvMapping = (
  headers: readonly string[],
  columnAt: readonly (string | null)[],
): Record<string, string | null> => {
  const mapping: Record<string, string | null> = {};
  headers.forEach((cell, index) => {
    const header = cleanCsvHeader(cell).slice(0, MAX_HEADER);
    if (header === "" || Object.hasOwn(mapping, header)) return;
    if (Object.keys(mapping).length < MAX_HEADERS) mapping[header] = columnAt[index] ?? null;
  });
  return mapping;
};
