import { z } from "@hono/zod-openapi";
import { errorResponses, jsonContent, problemSchema } from "../../lib/openapi";
import { defineRoute, limitBody } from "../../lib/route";
import { createRouter } from "../../lib/router";
import {
  csvColumnPreviewSchema,
  csvEntityOfFile,
  csvEntityParam,
  csvExportParam,
  csvExportQuerySchema,
  csvImportQuerySchema,
  csvImportResultSchema,
  csvTemplateQuerySchema,
} from "./csv.schemas";
import {
  CSV_BODY_LIMIT,
  csvTemplateFile,
  decodeCsvBody,
  exportCsv,
  importCsv,
  previewCsvColumns,
} from "./csv.service";

const tags = ["Import and export"];

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

// A CSV file may be larger than the API's 1 MB JSON limit.
const importBodyLimit = limitBody(
  CSV_BODY_LIMIT,
  `The file is larger than ${CSV_BODY_LIMIT} bytes (10 MB).`,
);

const csvFile = { schema: z.string().openapi({ format: "binary" }) };

const importRoute = defineRoute({
  method: "post",
  path: "/import/{entity}",
  permission: "write",
  tags,
  summary: "Import a CSV file of accounts, contacts or contracts",
  description: [
    "The body is the file itself, the header on the first line.",
    "UTF-8 (with or without a BOM) and Shift_JIS (CP932, what Japanese Excel saves) are told apart by their bytes;",
    "a charset in the content type other than utf-8 is used as given.",
    "Rows are upserted by externalId, or matched by `matchBy` when they have none.",
    "Columns: see the export of the same entity; a header may also name a column by its",
    "Japanese or English label (see the templates), or `columns` maps each header (see the preview).",
    "Row numbers are those a spreadsheet shows (the header is row 1).",
    "A real run is one transaction: with any problem it answers 422 and stores nothing.",
  ].join(" "),
  bodyLimit: importBodyLimit,
  request: {
    params: csvEntityParam,
    query: csvImportQuerySchema,
    body: {
      required: true,
      content: { "text/csv": csvFile, "application/octet-stream": csvFile },
    },
  },
  responses: {
    200: jsonContent(csvImportResultSchema, "What was (or, in a dry run, would be) imported"),
    ...errorResponses,
    413: problem("The file is larger than 10 MB"),
    415: problem("Not a CSV content type, or neither UTF-8 nor Shift_JIS"),
  },
});

const previewRoute = defineRoute({
  method: "post",
  path: "/import/{entity}/preview",
  permission: "write",
  tags,
  summary: "Read a CSV file's header for the column mapping step",
  description: [
    "The body is the file, sent as to the import. Answers its headers with the column proposed",
    "for each (as the workspace mapped that header last, else by a column's name or its Japanese",
    "or English label), the required columns missing, the columns named twice, and the first rows.",
    "Nothing is checked or stored; send the mapping to the import as `columns`.",
  ].join(" "),
  bodyLimit: importBodyLimit,
  request: {
    params: csvEntityParam,
    body: {
      required: true,
      content: { "text/csv": csvFile, "application/octet-stream": csvFile },
    },
  },
  responses: {
    200: jsonContent(csvColumnPreviewSchema, "The file's columns and the proposed mapping"),
    ...errorResponses,
    413: problem("The file is larger than 10 MB"),
    415: problem("Not a CSV content type, or neither UTF-8 nor Shift_JIS"),
  },
});

const exportRoute = defineRoute({
  method: "get",
  path: "/export/{file}",
  permission: "read",
  tags,
  summary: "Export accounts, contacts or contracts as CSV",
  description: [
    "CRLF line ends, the import's columns. UTF-8 with a BOM (so Excel reads Japanese text),",
    "or with encoding=shift_jis Shift_JIS (CP932); a cell with a character Shift_JIS cannot hold",
    "is not replaced: the export answers 422 naming each such cell (row and column).",
  ].join(" "),
  request: { params: csvExportParam, query: csvExportQuerySchema },
  responses: {
    200: { description: "The CSV file", content: { "text/csv": { schema: z.string() } } },
    ...errorResponses,
  },
});

const templateRoute = defineRoute({
  method: "get",
  path: "/import-templates/{file}",
  permission: "read",
  tags,
  summary: "A template CSV file to fill in and import",
  description:
    "The header row in Japanese or English and one example row; it imports as it is (accounts, then contacts and contracts).",
  request: { params: csvExportParam, query: csvTemplateQuerySchema },
  responses: {
    200: { description: "The CSV file", content: { "text/csv": { schema: z.string() } } },
    ...errorResponses,
  },
});

/** The headers of a downloaded file; the path names it, so a browser keeps the .csv. */
const attachment = (contentType: string, filename: string) => ({
  "content-type": contentType,
  "content-disposition": `attachment; filename="${filename}"`,
});

export const csvRouter = createRouter()
  .openapi(importRoute, async (c) => {
    const { entity } = c.req.valid("param");
    const file = decodeCsvBody(
      new Uint8Array(await c.req.arrayBuffer()),
      c.req.header("content-type"),
    );
    const { dryRun, columns, matchBy } = c.req.valid("query");
    const result = await importCsv(c.var.deps.db, c.var.actor, {
      entity,
      csv: file.text,
      encoding: file.encoding,
      dryRun: dryRun === "true",
      columns,
      matchBy,
    });
    return c.json(result, 200);
  })
  .openapi(previewRoute, async (c) => {
    const { entity } = c.req.valid("param");
    const file = decodeCsvBody(
      new Uint8Array(await c.req.arrayBuffer()),
      c.req.header("content-type"),
    );
    const preview = await previewCsvColumns(c.var.deps.db, c.var.actor, {
      entity,
      csv: file.text,
      encoding: file.encoding,
    });
    return c.json(preview, 200);
  })
  .openapi(exportRoute, async (c) => {
    const entity = csvEntityOfFile[c.req.valid("param").file];
    const { encoding } = c.req.valid("query");
    const csv = await exportCsv(c.var.deps.db, c.var.actor, { entity, encoding });
    const day = new Date().toISOString().slice(0, 10);
    return c.body(csv.bytes, 200, attachment(csv.contentType, `michi-${entity}-${day}.csv`));
  })
  .openapi(templateRoute, (c) => {
    const entity = csvEntityOfFile[c.req.valid("param").file];
    const { lang, encoding } = c.req.valid("query");
    const csv = csvTemplateFile({ entity, lang, encoding });
    return c.body(
      csv.bytes,
      200,
      attachment(csv.contentType, `michi-${entity}-template-${lang}.csv`),
    );
  });
