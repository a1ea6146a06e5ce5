import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithProviders } from "../../../test/render";
import type { AccountHealth } from "../health.queries";
import { ContributionsTable } from "./contributions-table";
import { HealthScore } from "./health-score";

const health: AccountHealth = {
  accountId: "a1",
  day: "2026-11-23",
  score: 62,
  band: "yellow",
  coverage: 0.8,
  computedAt: "2026-11-23T01:00:00Z",
  scorecard: { key: "enterprise", name: { ja: "エンタープライズ向け", en: "Enterprise" } },
  contributions: [
    { measure: "logins", name: "Logins", value: 3, points: 30, weight: 0.2, contribution: 6 },
    {
      measure: "seats",
      name: { ja: "席の利用率", en: "Seat usage" },
      value: 0.9,
      points: 90,
      weight: 0.5,
      contribution: 45,
    },
    { measure: "nps", name: "NPS", value: 10, points: 55, weight: 0.3, contribution: 11 },
  ],
};

describe("health tab parts", () => {
  it("lists the contributions largest first, with localized names", () => {
    renderWithProviders(<ContributionsTable contributions={health.contributions} />);
    const rows = screen.getAllByRole("row").slice(1);
    const names = rows.map((row) => within(row).getAllByRole("cell")[0]?.textContent);
    expect(names).toEqual([expect.stringMatching(/Seat usage|席の利用率/), "NPS", "Logins"]);
  });

  it("shows the score with its translated band", () => {
    renderWithProviders(<HealthScore health={health} />);
    expect(screen.getByTestId("health-score").textContent).toBe("62");
    expect(screen.getByText(/^(Yellow|黄)$/)).toBeTruthy();
    expect(
      screen.getByText(/^(Scorecard: Enterprise|スコアカード: エンタープライズ向け)$/),
    ).toBeTruthy();
  });
});
