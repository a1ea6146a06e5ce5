import { describe, expect, it } from "vitest";
import { readCsvTable, resolveContractCsvRow } from "./csv-rows";

describe("readCsvTable: header", () => {
  it("matches column names whatever their case and ignores a BOM", () => {
    const table = readCsvTable("contacts", [
      ["\uFEFFexternalid", "AccountExternalId", " name "],
      ["c-1", "a-1", "山田 太郎"],
    ]);
    expect(table.problems).toEqual([]);
    expect(table.columns).toEqual(["externalId", "accountExternalId", "name"]);
    expect(table.rows).toEqual([
      { row: 2, values: { externalId: "c-1", accountExternalId: "a-1", name: "山田 太郎" } },
    ]);
  });

  it("names unknown, repeated and missing required columns, and reads no rows then", () => {
    const table = readCsvTable("contacts", [
      ["externalId", "name", "phone", "Name", "fax"],
      ["c-1", "山田", "03", "x", ""],
    ]);
    expect(table.rows).toEqual([]);
    expect(table.totalRows).toBe(1);
    expect(table.problems).toEqual([
      {
        row: 1,
        field: "phone",
        message: expect.stringContaining("is not a column of a contacts"),
        code: "csv-unknown-column",
        params: { name: "phone", columns: expect.stringContaining("externalId (外部ID)") },
      },
      {
        row: 1,
        field: "name",
        message: "appears more than once in the header",
        code: "csv-duplicate-column",
      },
      {
        row: 1,
        field: "fax",
        message: expect.stringContaining("externalId (外部ID), accountExternalId (顧客の外部ID)"),
        code: "csv-unknown-column",
        params: expect.objectContaining({ name: "fax" }),
      },
      {
        row: 1,
        field: "accountExternalId",
        message: "is a required column and is missing",
        code: "csv-missing-column",
      },
    ]);
  });

  it("says which file an unknown column is not part of, with the right article", () => {
    const messages = (["accounts", "contacts", "contracts"] as const).map(
      (entity) => readCsvTable(entity, [["phone"]]).problems[0]?.message,
    );
    expect(messages.map((m) => m?.split(";")[0])).toEqual([
      "is not a column of an accounts file",
      "is not a column of a contacts file",
      "is not a column of a contracts file",
    ]);
  });

  it("reads Japanese and English labels and aliases as the canonical columns", () => {
    const table = readCsvTable("contracts", [
      ["外部ＩＤ", "顧客ID", "製品", "MRR（月額）", "契約開始日", "終了日", "Licensed seats"],
      ["k-1", "a-1", "Michi Cloud", "120,000", "2026/4/1", "2027/3/31", "50"],
    ]);
    expect(table.problems).toEqual([]);
    expect(table.columns).toEqual([
      "externalId",
      "accountExternalId",
      "product",
      "mrr",
      "startDate",
      "endDate",
      "seats",
    ]);
    expect(table.rows[0]?.values).toEqual({
      externalId: "k-1",
      accountExternalId: "a-1",
      product: "Michi Cloud",
      mrr: "120,000",
      startDate: "2026-04-01",
      endDate: "2027-03-31",
      seats: 50,
    });
  });

  it("counts a column named twice, once by its label and once by its name", () => {
    const table = readCsvTable("accounts", [
      ["外部ID", "顧客名", "externalId"],
      ["a-1", "X", "a-1"],
    ]);
    expect(table.problems).toEqual([
      {
        row: 1,
        field: "externalId",
        message: "appears more than once in the header",
        code: "csv-duplicate-column",
      },
    ]);
  });

  it("reports an empty file on row 1", () => {
    expect(readCsvTable("accounts", []).problems).toEqual([
      {
        row: 1,
        field: null,
        message: expect.stringContaining("externalId (外部ID), name (顧客名)"),
        code: "csv-no-header",
        params: { columns: expect.stringContaining("externalId (外部ID), name (顧客名)") },
      },
    ]);
    expect(readCsvTable("accounts", [[""]]).problems).toHaveLength(1);
  });
});

describe("readCsvTable: rows", () => {
  it("skips blank lines but keeps the row numbers a spreadsheet shows", () => {
    const table = readCsvTable("accounts", [
      ["externalId", "name"],
      ["a-1", "株式会社サンプル"],
      [""],
      ["", ""],
      ["a-2", "Beta"],
      [""],
    ]);
    expect(table.totalRows).toBe(2);
    expect(table.rows.map((r) => r.row)).toEqual([2, 5]);
  });

  it("reads empty cells as null and leaves absent columns out", () => {
    const table = readCsvTable("accounts", [
      ["externalId", "name", "segment", "touchModel"],
      ["a-1", "Alpha", "", "HIGH"],
    ]);
    expect(table.rows[0]?.values).toEqual({
      externalId: "a-1",
      name: "Alpha",
      segment: null,
      touchModel: "high",
    });
  });

  it("reports each bad cell with its row and column", () => {
    const table = readCsvTable("contacts", [
      ["externalId", "accountExternalId", "name", "email"],
      ["c-1", "a-1", "Good", "good@example.com"],
      ["c-2", "a-1", "", "not-an-email"],
      ["c-3", "", "No account", ""],
    ]);
    expect(table.rows.map((r) => r.row)).toEqual([2]);
    expect(table.problems).toEqual([
      { row: 3, field: "name", message: "is required", code: "required" },
      {
        row: 3,
        field: "email",
        message: "is not a valid email address",
        code: "invalid_format",
        params: { format: "email" },
      },
      {
        row: 4,
        field: "accountExternalId",
        message: "is required: the account's external ID or its name",
        code: "required",
      },
    ]);
  });

  it("takes a contact's account by its name when the file has no account external ID", () => {
    const table = readCsvTable("contacts", [
      ["externalId", "顧客名", "name"],
      ["c-1", "北斗精機株式会社", "佐藤"],
      ["c-2", "", "鈴木"],
    ]);
    expect(table.columns).toEqual(["externalId", "accountName", "name"]);
    expect(table.rows.map((r) => r.values)).toEqual([
      expect.objectContaining({ externalId: "c-1", accountName: "北斗精機株式会社", name: "佐藤" }),
    ]);
    expect(table.problems).toEqual([
      expect.objectContaining({ row: 3, field: "accountName", code: "required" }),
    ]);
    // Neither column: the account is missing.
    const neither = readCsvTable("contacts", [
      ["externalId", "name"],
      ["c-1", "佐藤"],
    ]);
    expect(neither.problems).toEqual([
      expect.objectContaining({ row: 1, field: "accountExternalId", code: "csv-missing-column" }),
    ]);
  });

  it("reports a repeated externalId on the later row", () => {
    const table = readCsvTable("accounts", [
      ["externalId", "name"],
      ["a-1", "One"],
      ["a-2", "Two"],
      ["a-1", "One again"],
    ]);
    expect(table.problems).toEqual([
      {
        row: 4,
        field: "externalId",
        message: "is also on row 2",
        code: "csv-duplicate-row",
        params: { firstRow: 2 },
      },
    ]);
    expect(table.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it("refuses a value under a column without a name, but reads short rows", () => {
    const table = readCsvTable("accounts", [
      ["externalId", "name", "segment", ""],
      ["a-1", "One", "smb", "stray"],
      ["a-2", "Two"],
    ]);
    expect(table.problems).toEqual([
      {
        row: 2,
        field: null,
        message: expect.stringContaining("column 4"),
        code: "csv-unnamed-column",
        params: { column: 4 },
      },
    ]);
    expect(table.rows).toEqual([
      { row: 3, values: { externalId: "a-2", name: "Two", segment: null } },
    ]);
  });

  it("validates contract cells: dates, status, currency and mrr", () => {
    const header = ["externalId", "accountExternalId", "product", "mrr", "currency", "startDate"];
    const table = readCsvTable("contracts", [
      [...header, "endDate", "status", "seats"],
      ["k-1", "a-1", "Michi Cloud", "120,000", "jpy", "2026/4/1", "2027/3/31", "Active", "1,200"],
      ["k-2", "a-1", "Michi Cloud", "abc", "yen", "2026-02-30", "", "cancelled", "-5"],
      ["k-3", "a-1", "Michi Cloud", "1000", "", "2026-04-01", "", "", ""],
      ["k-4", "a-1", "Michi Cloud", "1000", "", "2026-04-01", "", "", "12.5"],
    ]);
    expect(table.rows[0]?.values).toEqual({
      externalId: "k-1",
      accountExternalId: "a-1",
      product: "Michi Cloud",
      mrr: "120,000",
      currency: "JPY",
      startDate: "2026-04-01",
      endDate: "2027-03-31",
      status: "active",
      seats: 1200,
    });
    // An empty seats cell: the contract does not count seats.
    expect(table.rows[1]?.values).toMatchObject({ externalId: "k-3", seats: null });
    expect(table.problems.map((p) => [p.row, p.field, p.message, p.code])).toEqual([
      [3, "mrr", expect.any(String), "invalid-amount"],
      [3, "currency", expect.any(String), "invalid-currency"],
      [3, "startDate", expect.any(String), "invalid_format"],
      [3, "status", expect.any(String), "invalid_enum"],
      [3, "seats", "must be a whole number of seats such as 50", "whole-number-of-seats"],
      [5, "seats", "must be a whole number of seats such as 50", "whole-number-of-seats"],
    ]);
    expect(table.problems[3]?.params).toEqual({
      options: ["active", "pending", "churned", "expired"],
    });
  });
});

describe("resolveContractCsvRow", () => {
  const row = {
    externalId: "k-1",
    accountExternalId: "a-1",
    product: "Michi Cloud",
    mrr: "99.50",
    startDate: "2026-04-01",
  };

  it("converts mrr with the row's currency, else the stored one, else JPY", () => {
    expect(resolveContractCsvRow({ ...row, currency: "USD" })).toMatchObject({
      ok: true,
      values: { mrrMinor: 9950, currency: "USD" },
    });
    const kept = resolveContractCsvRow(row, { currency: "USD", endDate: null });
    expect(kept).toMatchObject({ ok: true, values: { mrrMinor: 9950 } });
    expect(kept.ok && "currency" in kept.values).toBe(false);
    expect(resolveContractCsvRow(row)).toEqual({
      ok: false,
      problems: [
        {
          field: "mrr",
          message: "JPY has no minor units; write a whole number",
          code: "no-minor-units",
          params: { currency: "JPY" },
        },
      ],
    });
    expect(resolveContractCsvRow({ ...row, mrr: "5000", currency: null })).toMatchObject({
      ok: true,
      values: { mrrMinor: 5000, currency: "JPY" },
    });
  });

  it("fills an empty status with active and leaves an absent one alone", () => {
    const withUsd = { ...row, currency: "USD" };
    expect(resolveContractCsvRow({ ...withUsd, status: null })).toMatchObject({
      values: { status: "active" },
    });
    const absent = resolveContractCsvRow(withUsd);
    expect(absent.ok && "status" in absent.values).toBe(false);
  });

  it("refuses an end before the start, also against the stored end date", () => {
    const usd = { ...row, currency: "USD" };
    expect(resolveContractCsvRow({ ...usd, endDate: "2026-03-31" })).toEqual({
      ok: false,
      problems: [
        { field: "endDate", message: "must not be before startDate", code: "end-before-start" },
      ],
    });
    expect(resolveContractCsvRow({ ...usd, endDate: "2026-04-01" }).ok).toBe(true);
    expect(resolveContractCsvRow(usd, { currency: "USD", endDate: "2026-01-01" })).toEqual({
      ok: false,
      problems: [
        {
          field: "startDate",
          message: "must not be after the stored endDate 2026-01-01",
          code: "after-stored-end-date",
          params: { endDate: "2026-01-01" },
        },
      ],
    });
    expect(
      resolveContractCsvRow({ ...usd, endDate: null }, { currency: "USD", endDate: "2026-01-01" })
        .ok,
    ).toBe(true);
  });
});
