import { z } from "@hono/zod-openapi";
import { type CsvEntity, csvEntities, csvLanguages, csvMatchKinds } from "@michi/core";
import { problemCodeSchema, problemParamsSchema } from "../../lib/openapi";
import { csvFileEncodings } from "./csv-file";

export const csvEntityParam = z.object({
  entity: z.enum(csvEntities).openapi({ param: { name: "entity", in: "path" } }),
});

export const csvImportQuerySchema = z.object({
  dryRun: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "true: check and preview only, store nothing. Default false." }),
  columns: z
    .string()
    .max(20_000)
    .optional()
    .transform((text) => text?.split(",").map((column) => column.trim() || null))
    .openapi({
      description: [
        "The column mapping: one column name per header cell of the file, in order,",
        "comma-separated; an empty entry ignores that column (e.g. `externalId,name,,industry`).",
        "Without it the header is read as the preview proposes. A real run remembers it for the",
        "next file of the same kind. A mapping that does not fit the file is 422 (csv-invalid-mapping).",
      ].join(" "),
      example: "externalId,name,,industry",
    }),
  matchBy: z
    .enum(csvMatchKinds)
    .optional()
    .openapi({
      description: [
        "How a row without an externalId is matched to a stored one: accounts by `name` (exact),",
        "contacts by `email` (any case), contracts by `product` (same account, product and start date).",
        "A row that matches none is created without an externalId; one that matches two is refused.",
        "Default `externalId`: every row must have one.",
      ].join(" "),
    }),
});

export const csvColumnPreviewSchema = z
  .object({
    entity: z.enum(csvEntities),
    encoding: z
      .string()
      .openapi({ description: "What the file was read as.", example: "shift_jis" }),
    columns: z.array(
      z.object({
        header: z.string().openapi({ description: "The header cell, trimmed." }),
        column: z
          .string()
          .nullable()
          .openapi({ description: "The column proposed for it; null: none (ignored)." }),
        source: z.enum(["remembered", "label", "none"]).openapi({
          description:
            "remembered: as the workspace mapped this header last; label: a column's name or label; none: no match.",
        }),
      }),
    ),
    missing: z
      .array(z.string())
      .openapi({ description: "Required columns no header is proposed for." }),
    duplicates: z
      .array(z.string())
      .openapi({ description: "Columns more than one header is proposed for." }),
    matchOptions: z.array(z.enum(csvMatchKinds)).openapi({
      description: "The ways this kind of file may match rows without an externalId (matchBy).",
    }),
    totalRows: z.number().int().openapi({ description: "Data rows that are not blank." }),
    rows: z
      .array(z.array(z.string()))
      .openapi({ description: "The first data rows, cells as written." }),
  })
  .openapi("CsvColumnPreview");

export type CsvColumnPreview = z.infer<typeof csvColumnPreviewSchema>;

/** The export's path names the file, so a browser saves it with a .csv extension. */
const csvExportFiles = ["accounts.csv", "contacts.csv", "contracts.csv"] as const;
export const csvEntityOfFile: Record<(typeof csvExportFiles)[number], CsvEntity> = {
  "accounts.csv": "accounts",
  "contacts.csv": "contacts",
  "contracts.csv": "contracts",
};

export const csvExportParam = z.object({
  file: z.enum(csvExportFiles).openapi({ param: { name: "file", in: "path" } }),
});

const encodingQuery = z.enum(csvFileEncodings).default("utf-8-bom").openapi({
  description:
    "utf-8-bom (default): UTF-8 with a BOM, which Excel opens as UTF-8. shift_jis: Shift_JIS (CP932), as Japanese Excel saves a plain CSV.",
});

export const csvExportQuerySchema = z.object({ encoding: encodingQuery });

export const csvTemplateQuerySchema = z.object({
  lang: z
    .enum(csvLanguages)
    .default("ja")
    .openapi({ description: "The language of the header row and of the example row." }),
  encoding: encodingQuery,
});

export const csvProblemSchema = z
  .object({
    row: z.number().int().openapi({ description: "Spreadsheet row: the header is row 1." }),
    field: z
      .string()
      .nullable()
      .openapi({ description: "The column; null for a problem with the whole row or file." }),
    message: z.string().openapi({ description: "In English; word `code` for a UI." }),
    code: problemCodeSchema,
    params: problemParamsSchema.optional(),
  })
  .openapi("CsvProblem");

export const csvImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    entity: z.enum(csvEntities),
    encoding: z.string().openapi({
      description:
        "What the file was read as: utf-8, shift_jis (CP932), or the charset the request named.",
      example: "shift_jis",
    }),
    /** Data rows that are not blank, valid or not. */
    totalRows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    errors: z.array(csvProblemSchema),
    /** The rows that are (or would be) written, in file order. */
    rows: z.array(
      z.object({
        row: z.number().int(),
        action: z.enum(["create", "update"]),
        externalId: z.string().nullable().openapi({
          description: "The file's, or the matched row's; null for a row matched without one.",
        }),
        name: z.string().openapi({ description: "The name, or a contract's product." }),
      }),
    ),
  })
  .openapi("CsvImportResult");

export type CsvImportResult = z.infer<typeof csvImportResultSchema>;
