import { screen, within } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it } from "vitest";
import { renderWithProviders } from "../../../test/render";
import type { AccountHealth, HealthContribution } from "../health.queries";
import { ContributionsTable } from "./contributions-table";
import { HealthScore } from "./health-score";

const contribution = (
  row: Pick<
    HealthContribution,
    "measure" | "name" | "value" | "points" | "weight" | "contribution"
  > &
    Partial<Pick<HealthContribution, "kind" | "metric">>,
): HealthContribution => ({ kind: "metric", metric: null, ...row });

const health: AccountHealth = {
  accountId: "a1",
  day: "2026-11-23",
  churnedOn: null,
  score: 62,
  band: "yellow",
  coverage: 0.8,
  computedAt: "2026-11-23T01:00:00Z",
  scorecard: {
    key: "enterprise",
    name: { ja: "エンタープライズ向け", en: "Enterprise" },
    minCoverage: 0.5,
  },
  contributions: [
    contribution({
      measure: "logins",
      name: "Logins",
      value: 3,
      points: 30,
      weight: 0.2,
      contribution: 6,
    }),
    contribution({
      measure: "seats",
      name: { ja: "席の利用率", en: "Seat usage" },
      value: 0.9,
      points: 90,
      weight: 0.5,
      contribution: 45,
    }),
    contribution({
      measure: "nps",
      name: "NPS",
      value: 10,
      points: 55,
      weight: 0.3,
      contribution: 11,
    }),
  ],
};

/** The demo's みなと信用金庫 today: a third of the weight known, a rating never given. */
const insufficient: AccountHealth = {
  ...health,
  score: null,
  band: null,
  coverage: 0.35,
  contributions: [
    contribution({
      measure: "key-event",
      name: "主要機能の利用回数(30日)",
      metric: "eventCount:30d:document_created",
      value: 0,
      points: 0,
      weight: 20,
      contribution: 0,
    }),
    contribution({
      measure: "promotion",
      name: "社内推進度",
      kind: "rating",
      value: null,
      points: null,
      weight: 3,
      contribution: 0,
    }),
  ],
};

const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole("cell")
    .map((cell) => cell.textContent);

describe("health tab parts", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("lists the contributions largest first, with localized names", () => {
    renderWithProviders(<ContributionsTable contributions={health.contributions} />);
    const rows = screen.getAllByRole("row").slice(1);
    const names = rows.map((row) => within(row).getAllByRole("cell")[0]?.textContent);
    expect(names).toEqual(["席の利用率", "NPS", "Logins"]);
  });

  it("formats each number: units, signs, rounded points, each weight's share of those with data", () => {
    renderWithProviders(
      <ContributionsTable
        contributions={[
          contribution({
            measure: "seat-utilisation",
            name: "ライセンス利用率(30日)",
            metric: "seatUtilisation:30d",
            value: 26.666666666666668,
            points: 26.666666666666668,
            weight: 20,
            contribution: 8,
          }),
          contribution({
            measure: "trend",
            name: "利用の増減(前の30日比)",
            metric: "eventCountChange:30d",
            value: 12.5,
            points: 62,
            weight: 12,
            contribution: 11,
          }),
          contribution({
            measure: "last-seen",
            name: "最終利用からの日数",
            metric: "daysSinceLastSeen",
            value: 3,
            points: 90,
            weight: 28,
            contribution: 50,
          }),
          contribution({
            measure: "promotion",
            name: "社内推進度",
            kind: "rating",
            value: 4,
            points: 75,
            weight: 20,
            contribution: 0,
          }),
          contribution({
            measure: "nps",
            name: "直近のNPS",
            metric: "lastNps",
            value: null,
            points: null,
            weight: 20,
            contribution: 0,
          }),
        ]}
      />,
    );
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows.map(cellsOf)).toEqual([
      ["最終利用からの日数", "3日", "90", "28", "35%", "50"],
      ["利用の増減(前の30日比)", "+12.5%", "62", "12", "15%", "11"],
      ["ライセンス利用率(30日)", "26.67%", "27", "20", "25%", "8"],
      ["社内推進度", "4 / 5", "75", "20", "25%", "0"],
      // Without data: left out of the shares, giving nothing (not 0).
      ["直近のNPS", "データなし", "—", "20", "—", "—"],
    ]);
    // How the shares are made: the weights with data over their total.
    expect(screen.getByText(/（80 \/ 100）/)).toBeTruthy();
  });

  it("shows the score with its translated band", () => {
    renderWithProviders(<HealthScore health={health} />);
    expect(screen.getByTestId("health-score").textContent).toBe("62");
    expect(screen.getByText("黄")).toBeTruthy();
    expect(screen.getByText("スコアカード: エンタープライズ向け")).toBeTruthy();
  });

  it("reads no score as insufficient data, how much was missing, and no band: never 0 or red", () => {
    renderWithProviders(<HealthScore health={insufficient} />);
    expect(screen.getByTestId("health-score").textContent).toBe("データ不足");
    expect(
      screen.getByText(
        "スコアカードの重みのうちデータがあるのは35%で、スコアを出すには50%以上が必要です。",
      ),
    ).toBeTruthy();
    for (const band of ["赤", "黄", "緑"]) expect(screen.queryByText(band)).toBeNull();
    expect(screen.queryByText("0")).toBeNull();
  });

  it("gives no contribution or share while the score is insufficient, and marks the rating not rated", () => {
    renderWithProviders(
      <ContributionsTable contributions={insufficient.contributions} scored={false} />,
    );
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows.map(cellsOf)).toEqual([
      ["主要機能の利用回数(30日)", "0", "0", "20", "—", "—"],
      ["社内推進度", "未評価", "—", "3", "—", "—"],
    ]);
  });

  it("says a churned account's health is its last day as a customer", () => {
    renderWithProviders(
      <HealthScore health={{ ...health, day: "2026-04-25", churnedOn: "2026-04-26" }} />,
    );
    expect(
      screen.getByText(
        "2026/04/26に解約した顧客です。解約前日（2026/04/25）時点のヘルススコアを表示しています。",
      ),
    ).toBeTruthy();
  });
});
