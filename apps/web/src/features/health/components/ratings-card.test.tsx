import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { screen, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../../test/render";
import type { AccountRatings } from "../health.queries";
import { RatingsCard } from "./ratings-card";

const ratings: AccountRatings = {
  accountId: "a1",
  scorecard: { key: "default", name: "標準ヘルススコア" },
  measures: [
    {
      key: "internal-promotion",
      name: "社内推進度",
      description: null,
      scale: [
        "推進者がいない",
        "推進者はいるが動けていない",
        "一部の部門で推進されている",
        "全社的に推進されている",
        "経営層が自ら推進している",
      ],
      latest: {
        rating: 3,
        comment: "営業部だけで利用",
        ratedBy: { id: "u1", name: "田中 美咲" },
        ratedAt: "2026-11-20T02:00:00.000Z",
      },
    },
    {
      key: "owner-relationship",
      name: "契約者と現場担当の関係性",
      description: null,
      scale: null,
      latest: null,
    },
  ],
  history: [
    {
      measure: "internal-promotion",
      rating: 3,
      comment: "営業部だけで利用",
      ratedBy: { id: "u1", name: "田中 美咲" },
      ratedAt: "2026-11-20T02:00:00.000Z",
    },
    {
      measure: "internal-promotion",
      rating: 1,
      comment: "",
      ratedBy: null,
      ratedAt: "2026-10-01T02:00:00.000Z",
    },
  ],
};

const renderCard = (canWrite: boolean) => {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => Response.json(ratings, { status: 200 })),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  renderWithProviders(
    <QueryClientProvider client={client}>
      <RatingsCard accountId="a1" canWrite={canWrite} />
    </QueryClientProvider>,
  );
};

describe("RatingsCard", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the latest rating of each measure with its words, comment, who and the history", async () => {
    renderCard(true);
    const promotion = (await screen.findByText("社内推進度")).closest("div[class*=Paper]");
    expect(promotion?.textContent).toContain("3 / 5");
    expect(promotion?.textContent).toContain("一部の部門で推進されている");
    expect(promotion?.textContent).toContain("営業部だけで利用");
    expect(promotion?.textContent).toContain("田中 美咲");
    // The other measure has no rating yet: said so, not a 0 or a 1.
    expect(screen.getByTestId("not-rated").textContent).toBe("未評価");
    const history = screen.getByRole("list", { name: "評価の履歴（新しい順）" });
    expect(
      within(history)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual([
      expect.stringMatching(/^社内推進度: 3 \/ 5営業部だけで利用田中 美咲/),
      expect.stringMatching(/^社内推進度: 1 \/ 5不明なユーザー/),
    ]);
    expect(screen.getAllByRole("button", { name: /を評価する$/ })).toHaveLength(2);
  });

  it("gives a viewer no way to rate", async () => {
    renderCard(false);
    await screen.findByText("社内推進度");
    expect(screen.queryByRole("button")).toBeNull();
  });
});
