import { defaultScorecard } from "@michi/core";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { csSettingsKeys } from "../../cs-settings/cs-settings.queries";
import { setEditorDraft } from "../../cs-settings/editor-draft";
import { renderInRouter, stubFetch } from "../../cs-settings/test-utils";
import { backtestFixture, labScorecard } from "../test-fixtures";
import { HealthLabPage } from "./health-lab-page";

// jsdom cannot lay out or draw a chart; the same numbers are in the tables and sentences.
vi.mock("./lab-chart", () => ({ LabChart: () => null }));

const scorecards = {
  scorecards: [
    { key: "enterprise", scorecard: labScorecard, appliesTo: { segments: ["enterprise"] } },
    { key: "standard", scorecard: { ...labScorecard, name: "標準(SMB)" }, appliesTo: {} },
  ],
  defaultScorecard,
};

const renderPage = (search = {}) =>
  renderInRouter(() => <HealthLabPage search={search} onSearchChange={vi.fn()} />, {
    data: [[csSettingsKeys.scorecards(), scorecards]],
  });

const backtests = (calls: { method: string; url: string; body: unknown }[]) =>
  calls.filter((call) => call.url.endsWith("/api/v1/health/backtest"));

describe("HealthLabPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setEditorDraft(null);
  });

  it("backtests the scorecard most accounts are scored by, on the default period", async () => {
    const calls = stubFetch({
      "GET /api/v1/settings/scorecards": () => scorecards,
      "POST /api/v1/health/backtest": () => backtestFixture,
    });
    await renderPage();
    expect((screen.getByRole("combobox", { name: "スコアカード" }) as HTMLInputElement).value).toBe(
      "標準(SMB)（対象: すべての顧客）",
    );
    fireEvent.click(screen.getByRole("button", { name: "検証する" }));

    const region = await screen.findByRole("region", { name: "標準(SMB)（対象: すべての顧客）" });
    await within(region).findByTestId("auc-text");
    const [sent] = backtests(calls);
    expect(sent?.body).toMatchObject({ scorecard: "standard", everyDays: 30, horizonDays: 30 });
    const body = sent?.body as { from: string; to: string };
    expect(body.from < body.to).toBe(true);
  });

  it("sends the editor's unsaved edit as a document beside its saved version", async () => {
    setEditorDraft({ key: "enterprise", scorecard: { ...labScorecard, name: "編集中の案" } });
    const calls = stubFetch({
      "GET /api/v1/settings/scorecards": () => scorecards,
      "POST /api/v1/health/backtest": () => backtestFixture,
    });
    await renderPage({ with: "editor" });
    expect(
      (screen.getByRole("combobox", { name: "比べるスコアカード" }) as HTMLInputElement).value,
    ).toBe("編集中の案（編集中・未保存）");
    fireEvent.click(screen.getByRole("button", { name: "検証する" }));

    await waitFor(() => expect(backtests(calls)).toHaveLength(2));
    const [saved, edit] = backtests(calls).map((call) => call.body as { scorecard: unknown });
    expect(saved?.scorecard).toBe("enterprise");
    expect(edit?.scorecard).toMatchObject({ name: "編集中の案" });
    expect(await screen.findAllByTestId("auc-text")).toHaveLength(2);
  });

  it("says what is wrong with the period in words before asking", async () => {
    const calls = stubFetch({ "GET /api/v1/settings/scorecards": () => scorecards });
    await renderPage();
    fireEvent.change(screen.getByLabelText("終了日"), { target: { value: "2999-01-01" } });
    fireEvent.change(screen.getByLabelText("開始日"), { target: { value: "2998-01-01" } });
    fireEvent.click(screen.getByRole("button", { name: "検証する" }));
    expect(await screen.findByText(/解約したかどうかがまだわかりません/)).toBeTruthy();
    expect(backtests(calls)).toEqual([]);
  });
});
