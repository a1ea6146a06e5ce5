import { z } from "@hono/zod-openapi";
import { errorResponses, jsonContent, problemSchema } from "../../lib/openapi";
import { defineRoute, limitBody } from "../../lib/route";
import { createRouter } from "../../lib/router";
import {
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
    "Rows are upserted by externalId. Columns: see the export of the same entity;",
    "a header may also name a column by its Japanese or English label (see the templates).",
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
    const result = await importCsv(c.var.deps.db, c.var.actor, {
      entity,
      csv: file.text,
      encoding: file.encoding,
      dryRun: c.req.valid("query").dryRun === "true",
    });
    return c.json(result, 200);
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
