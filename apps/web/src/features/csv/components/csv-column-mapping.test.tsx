import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../../test/render";
import type { CsvColumnPreview } from "../csv.queries";
import { CsvImportCard } from "./csv-import-card";

/** What the server proposes for a CRM export: one header it does not know. */
const columnsPreview: CsvColumnPreview = {
  entity: "accounts",
  encoding: "shift_jis",
  columns: [
    { header: "取引先名", column: "name", source: "remembered" },
    { header: "業種", column: "industry", source: "label" },
    { header: "担当営業メモ", column: null, source: "none" },
  ],
  missing: [],
  duplicates: [],
  matchOptions: ["externalId", "name"],
  totalRows: 12,
  rows: [
    ["北斗精機株式会社", "製造", "大口顧客"],
    ["湊運輸株式会社", "物流", ""],
  ],
};

const dryRunResult = {
  dryRun: true,
  entity: "accounts",
  encoding: "shift_jis",
  totalRows: 12,
  created: 12,
  updated: 0,
  errors: [],
  rows: [{ row: 2, action: "create", externalId: null, name: "北斗精機株式会社" }],
};

const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { "content-type": "application/json" },
  });

describe("the mapping step of the CSV import", () => {
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    await i18n.changeLanguage("ja");
    fetchMock = vi.fn(async (input: RequestInfo | URL) =>
      String(input).includes("/preview") ? json(columnsPreview) : json(dryRunResult),
    );
    vi.stubGlobal("fetch", fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const chooseFile = () =>
    fireEvent.change(screen.getByLabelText("CSVファイル"), {
      target: { files: [new File(["x"], "crm.csv", { type: "text/csv" })] },
    });
  const targetOf = (header: string) =>
    screen.getByRole("combobox", { name: `${header} の取り込み先` }) as HTMLSelectElement;

  it("fills the mapping from the proposal, marks required columns, and sends what was chosen", async () => {
    renderWithProviders(<CsvImportCard />);
    chooseFile();

    await screen.findByRole("table", { name: "列の対応" });
    expect(String(fetchMock.mock.calls[0]?.[0])).toMatch(/\/api\/v1\/import\/accounts\/preview$/);
    expect(targetOf("取引先名").value).toBe("name");
    expect(targetOf("業種").value).toBe("industry");
    expect(targetOf("担当営業メモ").value).toBe("");
    expect(screen.getByText("前回の対応")).toBeTruthy();
    // Required columns are marked in the UI language.
    const options = within(targetOf("業種"))
      .getAllByRole("option")
      .map((o) => o.textContent);
    expect(options).toContain("顧客名（必須）");
    expect(options).toContain("取り込まない");
    // The file's first rows, under its own headers.
    const firstRows = screen.getByRole("table", { name: "ファイルの先頭の行" });
    expect(within(firstRows).getByText("湊運輸株式会社")).toBeTruthy();

    // No column is the external ID: rows are matched by name, and by-ID-only cannot be chosen.
    const byName = screen.getByRole("radio", { name: "顧客名が完全に一致する顧客を更新する" });
    expect((byName as HTMLInputElement).checked).toBe(true);
    expect(
      (screen.getByRole("radio", { name: /外部IDでのみ照合する/ }) as HTMLInputElement).disabled,
    ).toBe(true);

    // Mapping two columns to one field is flagged and blocks the preview.
    fireEvent.change(targetOf("担当営業メモ"), { target: { value: "name" } });
    expect(screen.getByText("同じ項目が2つ以上の列に選ばれています：顧客名")).toBeTruthy();
    expect(screen.getByRole("button", { name: "プレビュー" })).toHaveProperty("disabled", true);

    fireEvent.change(targetOf("担当営業メモ"), { target: { value: "persona" } });
    fireEvent.click(screen.getByRole("button", { name: "プレビュー" }));
    await screen.findByRole("table", { name: "インポートされる行" });
    const url = new URL(String(fetchMock.mock.calls[1]?.[0]), "http://michi.test");
    expect(url.pathname).toBe("/api/v1/import/accounts");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      dryRun: "true",
      columns: "name,industry,persona",
      matchBy: "name",
    });
  });

  it("asks for the required columns the file has none for", async () => {
    fetchMock.mockImplementation(async () =>
      json({
        ...columnsPreview,
        columns: columnsPreview.columns.map((c) => ({ ...c, column: null, source: "none" })),
      }),
    );
    renderWithProviders(<CsvImportCard />);
    chooseFile();
    await screen.findByRole("table", { name: "列の対応" });
    await waitFor(() =>
      expect(screen.getByText("必須の項目がどの列にも選ばれていません：顧客名")).toBeTruthy(),
    );
    expect(screen.getByRole("button", { name: "プレビュー" })).toHaveProperty("disabled", true);
  });
});
