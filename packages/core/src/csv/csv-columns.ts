import type { LocalizedText } from "../success-plan/plan-check-codes";

/** What a CSV file can hold; one entity per file. */
export const csvEntities = ["accounts", "contacts", "contracts"] as const;
export type CsvEntity = (typeof csvEntities)[number];

/** The languages a file's header can be written in. */
export type CsvLanguage = keyof LocalizedText;
export const csvLanguages = ["ja", "en"] as const satisfies readonly CsvLanguage[];

/**
 * A column's header in each language, and other headers people write for it
 * (all matched as csvHeaderKey compares them).
 */
export type CsvColumnLabel = LocalizedText & { aliases?: readonly string[] };

/**
 * The one table of each file's columns: the canonical name (what the API,
 * exports and row problems use) → its header in Japanese and in English, and
 * other headers a file may have. Its order is the order an export and a
 * template write. Header aliases (readCsvTable), the templates and the import
 * screen's column list all read it, so a label is changed here only.
 * The words are the UI's (locales/*.json): a CS person sees the same names.
 */
export const csvColumnLabels = {
  accounts: {
    externalId: { ja: "外部ID", en: "External ID", aliases: ["顧客ID"] },
    name: { ja: "顧客名", en: "Account name", aliases: ["会社名", "企業名"] },
    industry: { ja: "業種", en: "Industry" },
    segment: { ja: "セグメント", en: "Segment" },
    // 担当者 is what a Japanese account list calls the person in charge (the
    // portfolio screen says so too); the cell is that member's email.
    ownerEmail: {
      ja: "担当者メールアドレス",
      en: "Owner email",
      aliases: ["担当者", "担当者メール", "オーナー", "Owner"],
    },
    touchModel: { ja: "タッチモデル", en: "Touch model" },
    persona: { ja: "ペルソナ", en: "Persona" },
    challenges: { ja: "課題", en: "Challenges" },
    successFactors: { ja: "成功要因", en: "Success factors" },
    // Last: added after the others, so files written before keep their positions.
    nameKana: {
      ja: "フリガナ",
      en: "Name reading",
      aliases: ["顧客名（カナ）", "顧客名カナ", "会社名カナ", "ふりがな", "カナ", "Furigana"],
    },
  },
  contacts: {
    externalId: { ja: "外部ID", en: "External ID", aliases: ["担当者ID"] },
    accountExternalId: { ja: "顧客の外部ID", en: "Account external ID", aliases: ["顧客ID"] },
    name: { ja: "氏名", en: "Name", aliases: ["担当者名", "名前"] },
    email: { ja: "メールアドレス", en: "Email", aliases: ["メール", "E-mail"] },
    title: { ja: "役職", en: "Job title" },
    department: { ja: "部署", en: "Department", aliases: ["部署名"] },
    notes: { ja: "メモ", en: "Notes", aliases: ["備考"] },
    // Last (files written before keep their positions): the account by its name, for a CRM
    // export without IDs; the external ID wins when a row has both.
    accountName: { ja: "顧客名", en: "Account name", aliases: ["会社名", "取引先名"] },
  },
  contracts: {
    externalId: { ja: "外部ID", en: "External ID", aliases: ["契約ID"] },
    accountExternalId: { ja: "顧客の外部ID", en: "Account external ID", aliases: ["顧客ID"] },
    product: { ja: "製品", en: "Product", aliases: ["製品名", "商品名"] },
    mrr: { ja: "MRR（月額）", en: "MRR", aliases: ["月額"] },
    currency: { ja: "通貨", en: "Currency" },
    startDate: { ja: "契約開始日", en: "Start date", aliases: ["開始日"] },
    endDate: {
      ja: "契約終了日（更新日）",
      en: "End date (renewal)",
      aliases: ["契約終了日", "終了日", "更新日"],
    },
    status: { ja: "ステータス", en: "Status", aliases: ["状態"] },
    seats: { ja: "ライセンス数", en: "Licensed seats", aliases: ["契約ライセンス数"] },
    accountName: { ja: "顧客名", en: "Account name", aliases: ["会社名", "取引先名"] },
  },
} as const satisfies { [E in CsvEntity]: Record<string, CsvColumnLabel> };

export type CsvColumn<E extends CsvEntity> = keyof (typeof csvColumnLabels)[E] & string;

const columnsOf = <E extends CsvEntity>(entity: E) =>
  Object.keys(csvColumnLabels[entity]) as CsvColumn<E>[];

/** The columns of each file, in the order an export writes them. */
export const csvColumns: { readonly [E in CsvEntity]: readonly CsvColumn<E>[] } = {
  accounts: columnsOf("accounts"),
  contacts: columnsOf("contacts"),
  contracts: columnsOf("contracts"),
};

const labelsOf = (entity: CsvEntity): Readonly<Record<string, CsvColumnLabel>> =>
  csvColumnLabels[entity];

/** A column's header in a language. */
export const csvColumnLabel = <E extends CsvEntity>(
  entity: E,
  column: CsvColumn<E>,
  lang: CsvLanguage,
): string => labelsOf(entity)[column]![lang];

/**
 * The header of a column named by text (a problem's field, a screen's state),
 * or undefined when the file has no such column.
 */
export const findCsvColumnLabel = (
  entity: CsvEntity,
  column: string,
  lang: CsvLanguage,
): string | undefined => {
  const labels = labelsOf(entity);
  return Object.hasOwn(labels, column) ? labels[column]![lang] : undefined;
};

/**
 * How header cells are compared: NFKC (so full-width "ＩＤ" and "（" read as
 * "ID" and "("), any case, and spaces, "_", "-" and "・" ignored, so
 * "External ID", "external_id" and "externalId" are one header.
 */
export const csvHeaderKey = (text: string): string =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-・]/g, "");

/** Every header a file's columns may have, by csvHeaderKey; built once, at load. */
const buildHeaderIndex = <E extends CsvEntity>(entity: E): ReadonlyMap<string, CsvColumn<E>> => {
  const index = new Map<string, CsvColumn<E>>();
  for (const column of csvColumns[entity]) {
    const label = labelsOf(entity)[column]!;
    for (const name of [column, label.ja, label.en, ...(label.aliases ?? [])]) {
      const key = csvHeaderKey(name);
      const taken = index.get(key);
      // A header that could mean two columns would import into the wrong one.
      if (taken !== undefined && taken !== column) {
        throw new Error(`CSV header "${name}" names both ${taken} and ${column} (${entity})`);
      }
      index.set(key, column);
    }
  }
  return index;
};

const headerIndexes: { readonly [E in CsvEntity]: ReadonlyMap<string, CsvColumn<E>> } = {
  accounts: buildHeaderIndex("accounts"),
  contacts: buildHeaderIndex("contacts"),
  contracts: buildHeaderIndex("contracts"),
};

/** The column a header cell names, in either language or an alias; undefined if none. */
export const findCsvColumn = <E extends CsvEntity>(
  entity: E,
  header: string,
): CsvColumn<E> | undefined =>
  (headerIndexes[entity] as ReadonlyMap<string, CsvColumn<E>>).get(csvHeaderKey(header));

/** "an accounts file", "a contacts file": for messages. */
export const csvFileNoun = (entity: CsvEntity): string =>
  `${/^[aeiou]/.test(entity) ? "an" : "a"} ${entity} file`;

/**
 * Columns a file must have: those without which a row cannot be created. Any
 * other column may be left out, and is then left as it is on update.
 */
export const requiredCsvColumns: { readonly [E in CsvEntity]: readonly CsvColumn<E>[] } = {
  accounts: ["externalId", "name"],
  contacts: ["externalId", "accountExternalId", "name"],
  contracts: ["externalId", "accountExternalId", "product", "mrr", "startDate"],
};

/**
 * A required column another may stand in for: a contact or contract names its
 * account by the account's external ID or, in a CRM export without IDs, by its name.
 */
export const csvColumnStandIns: {
  readonly [E in CsvEntity]: Partial<Record<CsvColumn<E>, CsvColumn<E>>>;
} = {
  accounts: {},
  contacts: { accountExternalId: "accountName" },
  contracts: { accountExternalId: "accountName" },
};

/**
 * Cells that a spreadsheet would run as a formula (CSV injection). Exports
 * prefix them with an apostrophe; imports take that apostrophe off again.
 * Papaparse's own default pattern misses a formula followed by a line break.
 */
export const CSV_FORMULA_TRIGGER = /^[=+\-@\t\r]/;
