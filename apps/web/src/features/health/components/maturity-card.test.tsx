import { screen, within } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it } from "vitest";
import { renderWithProviders } from "../../../test/render";
import type { AccountMaturity } from "../health.queries";
import { MaturityCard } from "./maturity-card";

const maturity: AccountMaturity = {
  accountId: "a1",
  asOf: "2026-11-23",
  products: [
    {
      product: "default",
      name: "Michi",
      level: 1,
      levelName: "使い始め",
      since: "2026-11-01T00:00:00.000Z",
      levels: [
        {
          level: 1,
          name: "使い始め",
          description: null,
          rule: "30日間のアクティブユーザー数 ≥ 1",
          holds: true,
          parts: [
            {
              metric: "activeUsers:30d",
              label: "30日間のアクティブユーザー数",
              op: ">=",
              value: 1,
              actual: 2,
              holds: true,
            },
          ],
        },
        {
          level: 2,
          name: "定着",
          description: null,
          rule: "30日間のアクティブユーザー数 ≥ 5 かつ 30日間の利用日数 ≥ 10日",
          holds: false,
          parts: [
            {
              metric: "activeUsers:30d",
              label: "30日間のアクティブユーザー数",
              op: ">=",
              value: 5,
              actual: 2,
              holds: false,
            },
            {
              metric: "activeDays:30d",
              label: "30日間の利用日数",
              op: ">=",
              value: 10,
              actual: 12,
              holds: true,
            },
          ],
        },
      ],
      next: {
        level: 2,
        name: "定着",
        unmet: [
          {
            metric: "activeUsers:30d",
            label: "30日間のアクティブユーザー数",
            op: ">=",
            value: 5,
            actual: 2,
            holds: false,
          },
        ],
      },
      history: [{ level: 1, since: "2026-11-01T00:00:00.000Z", until: null }],
    },
  ],
};

describe("MaturityCard", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("shows each level's rule and what the next level lacks in words, never metric keys", () => {
    renderWithProviders(<MaturityCard maturity={maturity} />);
    const product = screen.getByTestId("maturity-default");
    expect(product.textContent).toContain("Michi");
    expect(product.textContent).toContain("レベル 1");
    expect(product.textContent).toContain("使い始め");
    expect(
      within(product).getByText("レベル 2（定着）に必要な残りの条件:").nextElementSibling
        ?.textContent,
    ).toBe("30日間のアクティブユーザー数 ≥ 5 （現在 2）");
    const levels = within(product).getByRole("list", { name: "Michiの成熟度レベル" });
    expect(within(levels).getByText("30日間のアクティブユーザー数 ≥ 1")).toBeTruthy();
    expect(
      within(levels).getByText("30日間のアクティブユーザー数 ≥ 5 かつ 30日間の利用日数 ≥ 10日"),
    ).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/activeUsers|activeDays|:30d/);
  });
});
