import { screen, within } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it } from "vitest";
import { renderWithProviders } from "../../../test/render";
import type { AccountHealthChange } from "../health.queries";
import { HealthChangeView } from "./health-change";

const change: AccountHealthChange = {
  from: { day: "2026-10-24", score: 48, band: "red" },
  to: { day: "2026-11-23", score: 62, band: "yellow" },
  scoreChange: 14,
  measures: [
    {
      measure: "active-users",
      name: { ja: "アクティブユーザー数(30日)", en: "Active users (30 days)" },
      kind: "metric",
      metric: "activeUsers:30d",
      valueBefore: 1,
      valueAfter: 4,
      pointsBefore: 20,
      pointsAfter: 70,
      contributionBefore: 4,
      contributionAfter: 20,
      contributionChange: 16,
    },
    {
      measure: "last-seen",
      name: { ja: "最終利用からの日数", en: "Days since last seen" },
      kind: "metric",
      metric: "daysSinceLastSeen",
      valueBefore: 0,
      valueAfter: 3,
      pointsBefore: 100,
      pointsAfter: 90,
      contributionBefore: 30,
      contributionAfter: 28,
      contributionChange: -2,
    },
    {
      measure: "promotion",
      name: "社内推進度",
      kind: "rating",
      metric: null,
      valueBefore: null,
      valueAfter: 4,
      pointsBefore: null,
      pointsAfter: 75,
      contributionBefore: 0,
      contributionAfter: 2,
      contributionChange: 2,
    },
    {
      measure: "nps",
      name: "NPS",
      kind: "metric",
      metric: "lastNps",
      valueBefore: null,
      valueAfter: null,
      pointsBefore: null,
      pointsAfter: null,
      contributionBefore: 0,
      contributionAfter: 0,
      contributionChange: 0,
    },
  ],
};

describe("HealthChangeView", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("explains the score's change by the measures whose contribution moved", () => {
    renderWithProviders(<HealthChangeView change={change} />);
    const summary = screen.getByTestId("health-change-summary");
    expect(summary.textContent).toMatch(/48・赤.*→.*62・黄\+14 ポイント/);
    const rows = screen.getAllByRole("row").slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ["アクティブユーザー数(30日)", "1 → 4", "4 → 20", "+16"],
      // Days in their unit, a fall with a real minus sign.
      ["最終利用からの日数", "0日 → 3日", "30 → 28", "−2"],
      // A rating given since: not rated before, out of 5 after.
      ["社内推進度", "未評価 → 4 / 5", "0 → 2", "+2"],
    ]);
  });

  it("reads a day without a score as insufficient data, never 0 or red", () => {
    renderWithProviders(
      <HealthChangeView
        change={{
          ...change,
          from: { day: "2026-10-24", score: null, band: null },
          scoreChange: null,
        }}
      />,
    );
    const summary = screen.getByTestId("health-change-summary");
    expect(summary.textContent).toMatch(/^2026\/10\/24データ不足→/);
    expect(summary.textContent).not.toContain("赤");
  });

  it("says when there was no score before the first day", () => {
    renderWithProviders(<HealthChangeView change={{ ...change, from: null, scoreChange: null }} />);
    expect(screen.getByText("この日以前のスコアはありません")).toBeTruthy();
  });
});
