import { describe, expect, it } from "vitest";
import {
  type CsvEntity,
  csvColumnLabel,
  csvColumnLabels,
  csvColumns,
  csvEntities,
  csvHeaderKey,
  findCsvColumn,
  findCsvColumnLabel,
  requiredCsvColumns,
} from "./csv-columns";

describe("csvColumnLabels", () => {
  it("gives every column of every file a Japanese and an English header", () => {
    const check = <E extends CsvEntity>(entity: E) => {
      expect(csvColumns[entity].length).toBeGreaterThan(0);
      for (const column of csvColumns[entity]) {
        expect(csvColumnLabel(entity, column, "ja")).toMatch(/\S/);
        expect(csvColumnLabel(entity, column, "en")).toMatch(/\S/);
      }
      for (const column of requiredCsvColumns[entity]) {
        expect(csvColumns[entity]).toContain(column);
      }
    };
    for (const entity of csvEntities) check(entity);
  });

  it("keeps the columns in the order exports have always written them", () => {
    expect(csvColumns.accounts).toEqual([
      "externalId",
      "name",
      "industry",
      "segment",
      "ownerEmail",
      "touchModel",
      "persona",
      "challenges",
      "successFactors",
      // Added later, at the end: files written before keep their positions.
      "nameKana",
    ]);
    expect(csvColumns.contacts).toEqual([
      "externalId",
      "accountExternalId",
      "name",
      "email",
      "title",
      "department",
      "notes",
      // Added later, at the end: the account by its name, for a CRM export without IDs.
      "accountName",
    ]);
    expect(Object.keys(csvColumnLabels.contracts)).toEqual(csvColumns.contracts);
  });
});

describe("findCsvColumn", () => {
  it("finds a column by its name, either label or an alias, whatever the case and width", () => {
    expect(findCsvColumn("accounts", "externalId")).toBe("externalId");
    expect(findCsvColumn("accounts", "EXTERNAL_ID")).toBe("externalId");
    expect(findCsvColumn("accounts", "外部ID")).toBe("externalId");
    expect(findCsvColumn("accounts", "外部ＩＤ")).toBe("externalId");
    expect(findCsvColumn("accounts", "顧客名")).toBe("name");
    expect(findCsvColumn("accounts", "業種")).toBe("industry");
    expect(findCsvColumn("accounts", "セグメント")).toBe("segment");
    expect(findCsvColumn("accounts", "担当者")).toBe("ownerEmail");
    expect(findCsvColumn("accounts", "Owner email")).toBe("ownerEmail");
    expect(findCsvColumn("contacts", "担当者名")).toBe("name");
    expect(findCsvColumn("contacts", "e-mail")).toBe("email");
    expect(findCsvColumn("contracts", "契約開始日")).toBe("startDate");
    expect(findCsvColumn("contracts", "MRR")).toBe("mrr");
    expect(findCsvColumn("contracts", "MRR(月額)")).toBe("mrr");
  });

  it("finds nothing for a header of another file or none at all", () => {
    expect(findCsvColumn("accounts", "製品")).toBeUndefined();
    expect(findCsvColumn("contacts", "担当者")).toBeUndefined();
    expect(findCsvColumn("accounts", "")).toBeUndefined();
    expect(findCsvColumn("accounts", "phone")).toBeUndefined();
  });

  it("reads every label back as its own column (no header names two columns)", () => {
    const check = <E extends CsvEntity>(entity: E) => {
      for (const column of csvColumns[entity]) {
        for (const lang of ["ja", "en"] as const) {
          expect(findCsvColumn(entity, csvColumnLabel(entity, column, lang))).toBe(column);
        }
      }
    };
    for (const entity of csvEntities) check(entity);
  });
});

describe("findCsvColumnLabel", () => {
  it("labels a column named by text, and nothing else", () => {
    expect(findCsvColumnLabel("contracts", "startDate", "ja")).toBe("契約開始日");
    expect(findCsvColumnLabel("contracts", "startDate", "en")).toBe("Start date");
    expect(findCsvColumnLabel("accounts", "startDate", "ja")).toBeUndefined();
    expect(findCsvColumnLabel("accounts", "constructor", "ja")).toBeUndefined();
  });
});

describe("csvHeaderKey", () => {
  it("folds width, case, spaces, underscores and dashes", () => {
    expect(csvHeaderKey("  Ｅｘｔｅｒｎａｌ　ＩＤ ")).toBe("externalid");
    expect(csvHeaderKey("account_external-id")).toBe("accountexternalid");
    expect(csvHeaderKey("MRR（月額）")).toBe("mrr(月額)");
  });
});
