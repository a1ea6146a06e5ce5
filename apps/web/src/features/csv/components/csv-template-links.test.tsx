import { fireEvent, screen } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it } from "vitest";
import { renderWithProviders } from "../../../test/render";
import { CsvTemplateLinks } from "./csv-template-links";

const hrefOf = (name: string) => screen.getByRole("link", { name }).getAttribute("href");

describe("CsvTemplateLinks", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("links the chosen file's template in each language, in the encoding chosen", () => {
    renderWithProviders(<CsvTemplateLinks entity="contracts" />);
    expect(hrefOf("契約のテンプレート（日本語の列名）")).toBe(
      "/api/v1/import-templates/contracts.csv?lang=ja&encoding=utf-8-bom",
    );
    expect(hrefOf("契約のテンプレート（英語の列名）")).toBe(
      "/api/v1/import-templates/contracts.csv?lang=en&encoding=utf-8-bom",
    );
    fireEvent.click(screen.getByRole("radio", { name: "Shift_JIS" }));
    expect(hrefOf("契約のテンプレート（日本語の列名）")).toBe(
      "/api/v1/import-templates/contracts.csv?lang=ja&encoding=shift_jis",
    );
    expect(screen.getByRole("link", { name: "契約のテンプレート（日本語の列名）" })).toHaveProperty(
      "download",
    );
  });

  it("speaks English in the English UI", async () => {
    await i18n.changeLanguage("en");
    renderWithProviders(<CsvTemplateLinks entity="accounts" />);
    expect(hrefOf("Accounts template (Japanese column names)")).toContain("lang=ja");
    expect(screen.getByRole("radio", { name: "UTF-8 (with BOM)" })).toHaveProperty("checked", true);
  });
});
