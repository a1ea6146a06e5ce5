import { screen, within } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it } from "vitest";
import en from "../../../locales/en.json";
import ja from "../../../locales/ja.json";
import { renderWithProviders } from "../../../test/render";
import { CsvResult, type RowProblem } from "./csv-result";

const result = {
  dryRun: true,
  entity: "accounts" as const,
  encoding: "shift_jis",
  totalRows: 3,
  created: 1,
  updated: 1,
  errors: [
    {
      row: 4,
      field: "touchModel",
      message: "must be one of high, low, tech, community",
      code: "invalid_enum" as const,
      params: { options: ["high", "low", "tech", "community"] },
    },
  ],
  rows: [
    { row: 2, action: "create" as const, externalId: "A-1", name: "北斗精機株式会社" },
    { row: 3, action: "update" as const, externalId: "A-2", name: "湊運輸株式会社" },
  ],
};

describe("CsvResult", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("en");
  });

  it("lists each row error in a named table: row, column, message", () => {
    renderWithProviders(<CsvResult entity="accounts" result={result} problems={result.errors} />);
    const errors = screen.getByRole("table", { name: en.csv.errorsTitle });
    const rows = within(errors).getAllByRole("row");
    expect(rows).toHaveLength(2);
    expect(rows[1]?.textContent).toContain("4");
    // The column as a Japanese or English header would name it, and its name.
    expect(rows[1]?.textContent).toContain("Touch model (touchModel)");
    expect(rows[1]?.textContent).toContain("must be one of");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("words each row error in the UI language from its code, in Japanese too", async () => {
    await i18n.changeLanguage("ja");
    const problems: RowProblem[] = [
      ...result.errors,
      {
        row: 5,
        field: "externalId",
        message: "is also on row 2",
        code: "csv-duplicate-row",
        params: { firstRow: 2 },
      },
      { row: 6, field: null, message: "Some future problem", code: "not-yet-declared" },
    ];
    renderWithProviders(<CsvResult entity="accounts" result={result} problems={problems} />);
    const rows = within(screen.getByRole("table", { name: ja.csv.errorsTitle })).getAllByRole(
      "row",
    );
    expect(rows[1]?.textContent).toContain("タッチモデル (touchModel)");
    expect(rows[1]?.textContent).toContain(
      "次のいずれかを指定してください: high、low、tech、community",
    );
    expect(rows[1]?.textContent).not.toContain("must be one of");
    expect(rows[2]?.textContent).toContain("2 行目と重複しています");
    // A code this build does not know: the server's English words.
    expect(rows[3]?.textContent).toContain("Some future problem");
  });

  it("says the file is ready when there are no errors, and what it was read as", () => {
    renderWithProviders(<CsvResult entity="accounts" result={result} problems={[]} />);
    expect(screen.getByText("Read as Shift_JIS")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe(
      "No errors found. 1 to create and 1 to update.",
    );
    const rows = within(screen.getByRole("table", { name: en.csv.rowsTitle })).getAllByRole("row");
    expect(rows.map((row) => row.textContent)).toEqual([
      "RowActionExternal IDName or product",
      "2CreateA-1北斗精機株式会社",
      "3UpdateA-2湊運輸株式会社",
    ]);
  });
});
