import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../../test/render";
import { CsvExportPanel } from "./csv-export-panel";

const renderPanel = () =>
  renderWithProviders(
    <QueryClientProvider client={new QueryClient()}>
      <CsvExportPanel />
    </QueryClientProvider>,
  );

describe("CsvExportPanel", () => {
  let saved: { href: string; download: string }[];

  beforeEach(async () => {
    await i18n.changeLanguage("ja");
    saved = [];
    // jsdom has no object URLs; these stay, harmless, for a revoke that comes late.
    URL.createObjectURL = () => "blob:michi/1";
    URL.revokeObjectURL = () => {};
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ href: this.href, download: this.download });
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("downloads in the encoding chosen, under the server's file name", async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(new Uint8Array([0x61, 0x2c, 0x62]), {
          status: 200,
          headers: {
            "content-type": "text/csv; charset=shift_jis",
            "content-disposition": 'attachment; filename="michi-contracts-2026-05-01.csv"',
          },
        }),
    );
    vi.stubGlobal("fetch", fetchMock);
    renderPanel();
    expect(screen.getByRole("radio", { name: "UTF-8（BOM付き）" })).toHaveProperty("checked", true);
    fireEvent.click(screen.getByRole("radio", { name: "Shift_JIS" }));
    expect(screen.getByText(/Shift_JISにない文字を含むデータはエクスポートできず/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "契約をダウンロード（CSV）" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const [url] = fetchMock.mock.calls[0] as unknown as [string];
    expect(String(url)).toMatch(/\/api\/v1\/export\/contracts\.csv\?encoding=shift_jis$/);
    expect(saved[0]).toEqual({ href: "blob:michi/1", download: "michi-contracts-2026-05-01.csv" });
  });

  it("shows why the server refused, cell by cell, and saves nothing", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              type: "https://michi.dev/problems/validation-failed",
              title: "Validation failed",
              status: 422,
              detail: "1 cell cannot be written in Shift_JIS, so nothing was exported.",
              errors: [
                {
                  row: 3,
                  field: "name",
                  pointer: "/rows/3/name",
                  message: "has “𠮷” (U+20BB7), which Shift_JIS cannot hold (externalId a-1)",
                },
              ],
            }),
            { status: 422, headers: { "content-type": "application/problem+json" } },
          ),
      ),
    );
    renderPanel();
    fireEvent.click(screen.getByRole("radio", { name: "Shift_JIS" }));
    fireEvent.click(screen.getByRole("button", { name: "顧客をダウンロード（CSV）" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("1 cell cannot be written in Shift_JIS");
    expect(alert.textContent).toContain("/rows/3/name: has “𠮷” (U+20BB7)");
    expect(saved).toEqual([]);
  });
});
