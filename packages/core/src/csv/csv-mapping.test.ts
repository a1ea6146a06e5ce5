import { describe, expect, it } from "vitest";
import {
  checkCsvColumnMapping,
  csvColumnMappingsSchema,
  csvMatchOptions,
  proposeCsvColumnMapping,
  rememberedCsvMapping,
  requiredCsvColumnsFor,
} from "./csv-mapping";
import { readCsvTable } from "./csv-rows";

describe("proposeCsvColumnMapping", () => {
  it("maps canonical names and labels in both languages, whatever the width, case and spaces", () => {
    const proposal = proposeCsvColumnMapping({
      entity: "accounts",
      headers: ["\uFEFF外部ＩＤ", " Account Name ", "INDUSTRY", "セグメント", "社内メモ", ""],
    });
    expect(proposal.columns).toEqual([
      { header: "外部ＩＤ", column: "externalId", source: "label" },
      { header: "Account Name", column: "name", source: "label" },
      { header: "INDUSTRY", column: "industry", source: "label" },
      { header: "セグメント", column: "segment", source: "label" },
      { header: "社内メモ", column: null, source: "none" },
      { header: "", column: null, source: "none" },
    ]);
    expect(proposal.missing).toEqual([]);
    expect(proposal.duplicates).toEqual([]);
  });

  it("lets a remembered mapping win over the labels, an ignored header included", () => {
    const proposal = proposeCsvColumnMapping({
      entity: "accounts",
      headers: ["取引先ID", "取引先名", "業種", "社内メモ"],
      remembered: {
        "取引先 ＩＤ": "externalId",
        取引先名: "name",
        業種: null,
        社内メモ: "persona",
      },
    });
    expect(proposal.columns.map((c) => [c.column, c.source])).toEqual([
      ["externalId", "remembered"],
      ["name", "remembered"],
      [null, "remembered"],
      ["persona", "remembered"],
    ]);
  });

  it("forgets a remembered column that is not a column of the kind", () => {
    const proposal = proposeCsvColumnMapping({
      entity: "contacts",
      headers: ["外部ID", "顧客の外部ID", "氏名", "MRR"],
      remembered: { MRR: "mrr" },
    });
    expect(proposal.columns[3]).toEqual({ header: "MRR", column: null, source: "none" });
  });

  it("reports required columns no header maps to, and columns named twice", () => {
    const proposal = proposeCsvColumnMapping({
      entity: "accounts",
      headers: ["顧客名", "会社名", "業種"],
    });
    expect(proposal.missing).toEqual(["externalId"]);
    expect(proposal.duplicates).toEqual(["name"]);
  });

  it("asks for the match's columns instead of externalId when rows are matched otherwise", () => {
    const proposal = proposeCsvColumnMapping({
      entity: "contacts",
      headers: ["顧客の外部ID", "氏名"],
      matchBy: "email",
    });
    expect(proposal.missing).toEqual(["email"]);
    expect(requiredCsvColumnsFor("contracts", "product")).toEqual([
      "accountExternalId",
      "product",
      "mrr",
      "startDate",
    ]);
    expect(csvMatchOptions("accounts")).toEqual(["externalId", "name"]);
  });
});

describe("checkCsvColumnMapping", () => {
  const headers = ["取引先ID", "取引先名", "社内メモ"];

  it("accepts one target per header, null ignoring a column", () => {
    expect(
      checkCsvColumnMapping({ entity: "accounts", headers, targets: ["externalId", "name", null] }),
    ).toEqual({ ok: true, columnAt: ["externalId", "name", null] });
  });

  it("refuses a mapping of another length, an unknown or repeated target, a missing column", () => {
    expect(
      checkCsvColumnMapping({ entity: "accounts", headers, targets: ["externalId", "name"] }),
    ).toMatchObject({
      ok: false,
      problems: [{ code: "csv-mapping-length", params: { expected: 3, got: 2 } }],
    });
    const checked = checkCsvColumnMapping({
      entity: "accounts",
      headers,
      targets: ["name", "name", "mrr"],
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => [p.code, p.field])).toEqual([
      ["csv-unknown-column", "社内メモ"],
      ["csv-duplicate-column", "name"],
      ["csv-missing-column", "externalId"],
    ]);
  });

  it("does not require externalId when rows are matched by name", () => {
    expect(
      checkCsvColumnMapping({
        entity: "accounts",
        headers,
        targets: [null, "name", null],
        matchBy: "name",
      }).ok,
    ).toBe(true);
  });
});

describe("remembering a mapping", () => {
  it("keeps each named header once, and reads back through the schema", () => {
    const mapping = rememberedCsvMapping(
      ["\uFEFF取引先名", "", "取引先名", "メモ"],
      ["name", null, "persona", null],
    );
    expect(mapping).toEqual({ 取引先名: "name", メモ: null });
    expect(csvColumnMappingsSchema.parse({ accounts: mapping })).toEqual({ accounts: mapping });
  });

  it("refuses a column of another kind", () => {
    expect(csvColumnMappingsSchema.safeParse({ contacts: { 月額: "mrr" } }).success).toBe(false);
  });
});

describe("readCsvTable with a mapping", () => {
  it("reads the columns a person chose and skips the ignored ones", () => {
    const table = readCsvTable(
      "accounts",
      [
        ["取引先ID", "取引先名", "社内メモ"],
        ["a-1", "北斗精機", "内緒"],
      ],
      { columnAt: ["externalId", "name", null] },
    );
    expect(table.problems).toEqual([]);
    expect(table.rows).toEqual([{ row: 2, values: { externalId: "a-1", name: "北斗精機" } }]);
  });

  it("sets rows without an externalId apart by their match key, refusing repeats", () => {
    const table = readCsvTable(
      "contacts",
      [
        ["外部ID", "顧客の外部ID", "氏名", "メール"],
        ["", "a-1", "佐藤", "Sato@Example.jp"],
        ["c-9", "a-1", "鈴木", "suzuki@example.jp"],
        ["", "a-1", "佐藤 花子", "sato@example.jp"],
        ["", "a-1", "高橋", ""],
      ],
      { matchBy: "email" },
    );
    expect(table.rows.map((r) => r.row)).toEqual([3]);
    expect(table.unidentified).toEqual([
      {
        row: 2,
        key: JSON.stringify(["sato@example.jp"]),
        values: { accountExternalId: "a-1", name: "佐藤", email: "Sato@Example.jp" },
      },
    ]);
    expect(table.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [4, "email", "csv-duplicate-row"],
      [5, "email", "required"],
    ]);
  });

  it("still requires externalId when rows are matched by it", () => {
    const table = readCsvTable("accounts", [
      ["外部ID", "顧客名"],
      ["", "北斗精機"],
    ]);
    expect(table.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [2, "externalId", "required"],
    ]);
  });
});
