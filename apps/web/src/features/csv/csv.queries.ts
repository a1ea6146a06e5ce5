import type { CsvEntity, CsvLanguage } from "@michi/core";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, parseApiError, readJson } from "../../lib/api-client";
import { saveResponseAsFile } from "../../lib/save-download";

export type CsvImportResult = InferResponseType<(typeof api.import)[":entity"]["$post"], 200>;

/** What a download is written in: UTF-8 with a BOM (the default) or Shift_JIS. */
export type CsvFileEncoding = NonNullable<
  InferRequestType<(typeof api.export)[":file"]["$get"]>["query"]["encoding"]
>;
export const csvFileEncodings = ["utf-8-bom", "shift_jis"] as const satisfies CsvFileEncoding[];

export type CsvColumnPreview = InferResponseType<
  (typeof api.import)[":entity"]["preview"]["$post"],
  200
>;
export type CsvMatchBy = CsvColumnPreview["matchOptions"][number];

// Windows reports .csv files as application/vnd.ms-excel; the server wants text/csv.
const csvBody = (file: File) => ({
  init: { body: file, headers: { "content-type": "text/csv" } },
});

/** The file's headers with the column proposed for each, and its first rows (stores nothing). */
export const previewCsvColumns = ({ entity, file }: { entity: CsvEntity; file: File }) =>
  readJson(api.import[":entity"].preview.$post({ param: { entity } }, csvBody(file)));

/**
 * Sends the file itself as the body, with the mapping chosen in the mapping
 * step (one column or null per header cell) and how rows without an
 * externalId are matched; a dry run checks and previews, storing nothing. No
 * charset is named: the server tells UTF-8 from Shift_JIS by the bytes, which
 * the browser does not know.
 */
export const runCsvImport = ({
  entity,
  file,
  dryRun,
  columns,
  matchBy,
}: {
  entity: CsvEntity;
  file: File;
  dryRun: boolean;
  columns: readonly (string | null)[];
  matchBy: CsvMatchBy;
}) =>
  readJson(
    api.import[":entity"].$post(
      {
        param: { entity },
        query: {
          dryRun: dryRun ? "true" : "false",
          columns: columns.map((column) => column ?? "").join(","),
          matchBy,
        },
      },
      csvBody(file),
    ),
  );

/**
 * Fetches an export and saves it. Fetched, not linked: a Shift_JIS export
 * with a character Shift_JIS cannot hold is refused (422, each cell named),
 * and that is thrown as an ApiError for the page to show.
 */
export const downloadCsvExport = async ({
  entity,
  encoding,
}: {
  entity: CsvEntity;
  encoding: CsvFileEncoding;
}) => {
  const response = await api.export[":file"].$get({
    param: { file: `${entity}.csv` },
    query: { encoding },
  });
  if (!response.ok) throw await parseApiError(response as unknown as Response);
  await saveResponseAsFile(response as unknown as Response, `michi-${entity}.csv`);
};

/** A plain link to a template: it never fails, and the browser downloads it with the cookie. */
export const csvTemplateUrl = ({
  entity,
  lang,
  encoding,
}: {
  entity: CsvEntity;
  lang: CsvLanguage;
  encoding: CsvFileEncoding;
}) =>
  api["import-templates"][":file"].$path({
    param: { file: `${entity}.csv` },
    query: { lang, encoding },
  });
