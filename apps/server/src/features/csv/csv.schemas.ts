import { z } from "@hono/zod-openapi";
import { type CsvEntity, csvEntities, csvLanguages } from "@michi/core";
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
});

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
        externalId: z.string(),
        name: z.string().openapi({ description: "The name, or a contract's product." }),
      }),
    ),
  })
  .openapi("CsvImportResult");

export type CsvImportResult = z.infer<typeof csvImportResultSchema>;
