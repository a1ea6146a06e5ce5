import type { CsvEntity } from "@michi/core";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../lib/api-client";

export type CsvImportResult = InferResponseType<(typeof api.import)[":entity"]["$post"], 200>;

/** Sends the file itself as the body; a dry run checks and previews, storing nothing. */
export const runCsvImport = ({
  entity,
  file,
  dryRun,
}: {
  entity: CsvEntity;
  file: File;
  dryRun: boolean;
}) =>
  readJson(
    api.import[":entity"].$post(
      { param: { entity }, query: { dryRun: dryRun ? "true" : "false" } },
      // Windows reports .csv files as application/vnd.ms-excel; the server wants text/csv.
      { init: { body: file, headers: { "content-type": "text/csv; charset=utf-8" } } },
    ),
  );

/** A plain link: the browser downloads the file with the session cookie. */
export const csvExportUrl = (entity: CsvEntity) =>
  api.export[":file"].$path({ param: { file: `${entity}.csv` } });
