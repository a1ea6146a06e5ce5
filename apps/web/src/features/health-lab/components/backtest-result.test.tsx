import { screen, within } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithQueries } from "../../cs-settings/test-utils";
import { backtestFixture, labScorecard } from "../test-fixtures";
import { BacktestResult } from "./backtest-result";

// jsdom cannot lay out or draw a chart; the same numbers are in the tables and sentences.
vi.mock("./lab-chart", () => ({ LabChart: () => null }));

describe("BacktestResult", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("says the AUC with its interval in words, and the counts", () => {
    renderWithQueries(<BacktestResult backtest={backtestFixture} scorecard={labScorecard} />);
    expect(screen.getByTestId("auc-text").textContent).toBe(
      "AUC 0.71（95%の範囲: 0.66〜0.76）— 0.5 は偶然と同じ",
    );
    expect(screen.getByText("良い")).toBeTruthy();
    expect(screen.getByTestId("observation-counts").textContent).toBe(
      "観察 1,200 件（顧客 × 観察日）のうち、60 件が 30 日以内に解約しました。",
    );
  });

  it("answers whether red churned more than green, band by band", () => {
    renderWithQueries(<BacktestResult backtest={backtestFixture} scorecard={labScorecard} />);
    expect(screen.getByText("赤の解約率は緑の 4 倍でした（12% 対 3%）。")).toBeTruthy();
    const table = screen.getByRole("table", { name: "バンド別の解約率" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      "赤3003612%",
      "黄400143.5%",
      "緑500153%",
      "データ不足00—",
    ]);
    expect(screen.getByText(/スコアが最も低い10%の顧客は、平均の 4 倍解約しました/)).toBeTruthy();
  });

  it("lists each measure by its name in the UI language, the strongest first", async () => {
    renderWithQueries(<BacktestResult backtest={backtestFixture} scorecard={labScorecard} />);
    const table = screen.getByRole("table", { name: "指標ごとの見分ける力" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getAllByRole("cell")[0]?.textContent)).toEqual([
      "レポート出力",
      "ログイン日数",
    ]);
    expect(rows[0]?.textContent).toContain("0.69");
    expect(rows[0]?.textContent).toContain("まずまず");

    await i18n.changeLanguage("en");
    expect(await screen.findByText("Reports exported")).toBeTruthy();
    expect(screen.getByTestId("auc-text").textContent).toBe(
      "AUC 0.71 (95 %: 0.66–0.76) — 0.5 is chance",
    );
  });

  it("says plainly when red did not churn more than green", () => {
    const flat = {
      ...backtestFixture,
      bands: backtestFixture.bands.map((row) =>
        row.band === "red" ? { ...row, churned: 6, churnRate: 0.02 } : row,
      ),
    };
    renderWithQueries(<BacktestResult backtest={flat} scorecard={labScorecard} />);
    expect(screen.getByText(/赤の解約率（2%）は緑（3%）より高くありません/)).toBeTruthy();
  });
});
