/** What a CSV file can hold; one entity per file. */
export const csvEntities = ["accounts", "contacts", "contracts"] as const;
export type CsvEntity = (typeof csvEntities)[number];

/** The columns of each file, in the order an export writes them. */
export const csvColumns = {
  accounts: [
    "externalId",
    "name",
    "industry",
    "segment",
    "ownerEmail",
    "touchModel",
    "persona",
    "challenges",
    "successFactors",
  ],
  contacts: ["externalId", "accountExternalId", "name", "email", "title", "department", "notes"],
  contracts: [
    "externalId",
    "accountExternalId",
    "product",
    "mrr",
    "currency",
    "startDate",
    "endDate",
    "status",
    "seats",
  ],
} as const satisfies Record<CsvEntity, readonly string[]>;

export type CsvColumn<E extends CsvEntity> = (typeof csvColumns)[E][number];

/**
 * Columns a file must have: those without which a row cannot be created. Any
 * other column may be left out, and is then left as it is on update.
 */
export const requiredCsvColumns = {
  accounts: ["externalId", "name"],
  contacts: ["externalId", "accountExternalId", "name"],
  contracts: ["externalId", "accountExternalId", "product", "mrr", "startDate"],
} as const satisfies { [E in CsvEntity]: readonly CsvColumn<E>[] };

/**
 * Cells that a spreadsheet would run as a formula (CSV injection). Exports
 * prefix them with an apostrophe; imports take that apostrophe off again.
 * Papaparse's own default pattern misses a formula followed by a line break.
 */
export const CSV_FORMULA_TRIGGER = /^[=+\-@\t\r]/;
