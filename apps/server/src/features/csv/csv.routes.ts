import { z } from "@hono/zod-openapi";
import { errorResponses, jsonContent, problemSchema } from "../../lib/openapi";
import { defineRoute, limitBody } from "../../lib/route";
import { createRouter } from "../../lib/router";
import {
  csvEntityOfFile,
  csvEntityParam,
  csvExportParam,
  csvImportQuerySchema,
  csvImportResultSchema,
} from "./csv.schemas";
import { CSV_BODY_LIMIT, decodeCsvBody, exportCsv, importCsv } from "./csv.service";

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
    "The body is the file itself, UTF-8 with or without a BOM, the header on the first line.",
    "Rows are upserted by externalId. Columns: see the export of the same entity.",
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
    415: problem("Not a CSV content type, or not UTF-8"),
  },
});

const exportRoute = defineRoute({
  method: "get",
  path: "/export/{file}",
  permission: "read",
  tags,
  summary: "Export accounts, contacts or contracts as CSV",
  description:
    "UTF-8 with a BOM (so Excel reads Japanese text), CRLF line ends, the import's columns.",
  request: { params: csvExportParam },
  responses: {
    200: { description: "The CSV file", content: { "text/csv": { schema: z.string() } } },
    ...errorResponses,
  },
});

export const csvRouter = createRouter()
  .openapi(importRoute, async (c) => {
    const { entity } = c.req.valid("param");
    const csv = decodeCsvBody(
      new Uint8Array(await c.req.arrayBuffer()),
      c.req.header("content-type"),
    );
    const result = await importCsv(c.var.deps.db, c.var.actor, {
      entity,
      csv,
      dryRun: c.req.valid("query").dryRun === "true",
    });
    return c.json(result, 200);
  })
  .openapi(exportRoute, async (c) => {
    const { file } = c.req.valid("param");
    const entity = csvEntityOfFile[file];
    const csv = await exportCsv(c.var.deps.db, c.var.actor, entity);
    const day = new Date().toISOString().slice(0, 10);
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="michi-${entity}-${day}.csv"`,
    });
  });
