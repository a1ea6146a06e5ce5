import { fireEvent, screen } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, describe, expect, it } from "vitest";
import { LANGUAGE_STORAGE_KEY } from "../lib/i18n";
import { renderWithProviders } from "../test/render";
import { LanguageSwitch } from "./language-switch";

describe("LanguageSwitch", () => {
  afterEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("is a named radio group that switches and remembers the language", async () => {
    await i18n.changeLanguage("ja");
    renderWithProviders(<LanguageSwitch />);
    const group = screen.getByRole("radiogroup", { name: "Language / 言語" });
    expect(group).toBeTruthy();
    expect(screen.getByRole("radio", { name: "日本語" })).toHaveProperty("checked", true);

    fireEvent.click(screen.getByRole("radio", { name: "English" }));

    expect(i18n.resolvedLanguage).toBe("en");
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("en");
    expect(document.documentElement.lang).toBe("en");
  });
});
