import { screen } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, describe, expect, it } from "vitest";
import { renderWithProviders } from "../../../test/render";
import { PlanStatusBadge } from "./plan-status-badge";

describe("PlanStatusBadge", () => {
  afterEach(async () => {
    await i18n.changeLanguage("en");
  });

  it("says the status once, and explains it with whether the plan is the account's current one", async () => {
    await i18n.changeLanguage("ja");
    renderWithProviders(<PlanStatusBadge status="active" current />);
    const badge = screen.getByText("実行中");
    expect(badge.closest("[aria-label]")?.getAttribute("aria-label")).toBe(
      "実行中: 顧客と合意したプランを進めています。 この顧客の現行プランです(顧客ごとに1つ)。",
    );
    expect(screen.queryByText("アクティブ")).toBeNull();
  });
});
