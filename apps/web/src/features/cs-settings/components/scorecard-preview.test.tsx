import { screen, within } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ScorecardPreview as Preview } from "../cs-settings.queries";
import { renderInRouter } from "../test-utils";
import { ScorecardPreview } from "./scorecard-preview";

// jsdom cannot draw the chart; the same counts are in the table beside it.
vi.mock("./band-chart", () => ({ BandChart: () => null }));

const preview: Preview = {
  evaluated: 2,
  current: { red: 0, yellow: 0, green: 1, none: 1 },
  preview: { red: 1, yellow: 0, green: 1, none: 0 },
  rows: [
    {
      accountId: "00000000-0000-4000-8000-000000000001",
      name: "みなと信用金庫",
      current: { score: null, band: null },
      preview: { score: 12, band: "red", contributions: [] },
    },
    {
      accountId: "00000000-0000-4000-8000-000000000002",
      name: "陽光生命保険",
      current: { score: 80, band: "green" },
      preview: { score: 76, band: "green", contributions: [] },
    },
  ],
};

describe("ScorecardPreview", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("reads no score as insufficient data, and a change with its sign", async () => {
    await renderInRouter(() => (
      <ScorecardPreview preview={preview} pending={false} error={null} invalid={false} />
    ));
    const rows = within(screen.getByRole("table", { name: "スコアが大きく変わる顧客" }))
      .getAllByRole("row")
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ["みなと信用金庫", "データ不足 → 12", "—"],
      ["陽光生命保険", "80 → 76", "−4"],
    ]);
  });
});
