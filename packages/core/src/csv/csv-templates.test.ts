import { describe, expect, it } from "vitest";
import { csvColumns, csvEntities } from "./csv-columns";
import { readCsvTable } from "./csv-rows";
import { buildCsvTemplate } from "./csv-templates";

describe("buildCsvTemplate", () => {
  it("writes the header in the language asked for, one label per column", () => {
    expect(buildCsvTemplate("accounts", "ja").header.slice(0, 5)).toEqual([
      "外部ID",
      "顧客名",
      "業種",
      "セグメント",
      "担当者メールアドレス",
    ]);
    expect(buildCsvTemplate("contracts", "en").header).toEqual([
      "External ID",
      "Account external ID",
      "Product",
      "MRR",
      "Currency",
      "Start date",
      "End date (renewal)",
      "Status",
      "Licensed seats",
      "Account name",
    ]);
  });

  it("reads back through the importer's reader in both languages, every column, no problem", () => {
    for (const entity of csvEntities) {
      for (const lang of ["ja", "en"] as const) {
        const { header, rows } = buildCsvTemplate(entity, lang);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toHaveLength(header.length);
        const table = readCsvTable(entity, [header, ...rows]);
        expect(table.problems, `${entity} ${lang}`).toEqual([]);
        expect(table.columns).toEqual(csvColumns[entity]);
        expect(table.rows).toHaveLength(1);
      }
    }
  });

  it("gives the Japanese example in Japanese", () => {
    const { rows } = buildCsvTemplate("accounts", "ja");
    expect(rows[0]?.[1]).toBe("株式会社サンプル物流");
  });
});
