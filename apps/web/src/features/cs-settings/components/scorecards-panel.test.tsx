import {
  defaultPhases,
  defaultScorecard,
  type Scorecard,
  type WorkspaceScorecard,
} from "@michi/core";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { csSettingsKeys, type ScorecardsAnswer } from "../cs-settings.queries";
import { renderWithQueries, stubFetch } from "../test-utils";
import { ScorecardsEditor } from "./scorecards-panel";

// jsdom cannot lay out or draw a chart; the same numbers are in the table beside it.
vi.mock("./band-chart", () => ({ BandChart: () => null }));
// The link to the Health Lab and the leave guard need a router; these tests are about the
// editor (scorecards-panel.unsaved.test.tsx tries it in a router).
vi.mock("../../../components/button-link", () => ({ ButtonLink: () => null }));
vi.mock("../../../components/unsaved-changes-guard", () => ({ UnsavedChangesGuard: () => null }));

const t = (key: string) => i18n.t(key as never) as string;

// Small on purpose: every input of every measure is rendered, and jsdom is slow at it.
const scorecard: Scorecard = {
  name: { ja: "大口顧客", en: "Enterprise" },
  measures: [
    {
      kind: "metric",
      key: "active-users",
      name: { ja: "アクティブユーザー", en: "Active users" },
      metric: { name: "activeUsers", windowDays: 30 },
      scoring: { kind: "linear", from: 0, to: 20, fromPoints: 0, toPoints: 100 },
      weight: 2,
    },
  ],
  bands: { redMax: 50, yellowMax: 75 },
  minCoverage: 0.5,
};

const answer: ScorecardsAnswer = {
  scorecards: [{ key: "enterprise", scorecard, appliesTo: { segments: ["enterprise"] } }],
  defaultScorecard,
};

const counts = (red: number, yellow: number, green: number, none: number) => ({
  red,
  yellow,
  green,
  none,
});

describe("ScorecardsEditor", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("refuses cut-offs out of order, then saves the edited list with PUT", async () => {
    const calls = stubFetch({
      "POST /api/v1/settings/scorecards/preview": () => ({
        evaluated: 9,
        current: counts(2, 3, 4, 0),
        preview: counts(1, 3, 5, 0),
        rows: [],
      }),
      "PUT /api/v1/settings/scorecards": (body) => ({
        ...(body as { scorecards: WorkspaceScorecard[] }),
        defaultScorecard,
      }),
    });
    renderWithQueries(<ScorecardsEditor answer={answer} />, {
      data: [
        [
          csSettingsKeys.phases(),
          { phases: defaultPhases, mode: "propose", custom: false, accountsByPhase: {} },
        ],
        [
          csSettingsKeys.accountPicklists(),
          {
            industry: [],
            segment: [{ value: "enterprise", label: { ja: "エンタープライズ", en: "Enterprise" } }],
          },
        ],
      ],
    });

    // The preview answers for the scorecard as loaded.
    const distribution = await screen.findByTestId("preview-distribution");
    expect(distribution.textContent).toContain("5");
    // Whom it is for, in words: the segment's label, not its value.
    expect(
      screen.getByText(`${t("csSettings.scorecards.appliesTo")}: エンタープライズ`),
    ).toBeTruthy();

    fireEvent.change(screen.getByLabelText(t("csSettings.scorecards.redMax")), {
      target: { value: "80" },
    });
    fireEvent.click(screen.getByText(t("common.save")));
    expect(screen.getByText(t("csSettings.scorecards.bandOrder"))).toBeTruthy();
    expect(calls.filter((call) => call.method === "PUT")).toHaveLength(0);

    fireEvent.change(screen.getByLabelText(t("csSettings.scorecards.redMax")), {
      target: { value: "40" },
    });
    fireEvent.change(
      screen.getByLabelText(`アクティブユーザー: ${t("csSettings.scorecards.weight")}`),
      {
        target: { value: "7" },
      },
    );
    fireEvent.click(screen.getByText(t("common.save")));

    await waitFor(() => expect(calls.filter((call) => call.method === "PUT")).toHaveLength(1));
    const put = calls.find((call) => call.method === "PUT")!;
    const body = put.body as { scorecards: WorkspaceScorecard[] };
    expect(body.scorecards).toHaveLength(1);
    const [saved] = body.scorecards;
    expect(saved?.key).toBe("enterprise");
    expect(saved?.appliesTo).toEqual({ segments: ["enterprise"] });
    expect(saved?.scorecard.bands).toEqual({ redMax: 40, yellowMax: 75 });
    expect(saved?.scorecard.name).toEqual({ ja: "大口顧客", en: "Enterprise" });
    expect(saved?.scorecard.minCoverage).toBe(0.5);
    expect(saved?.scorecard.measures).toEqual([{ ...scorecard.measures[0], weight: 7 }]);
  }, 60_000);

  it("puts the server's 422 problems on the inputs their pointers name", async () => {
    stubFetch({
      "POST /api/v1/settings/scorecards/preview": () => ({
        evaluated: 0,
        current: counts(0, 0, 0, 0),
        preview: counts(0, 0, 0, 0),
        rows: [],
      }),
      "PUT /api/v1/settings/scorecards": () =>
        new Response(
          JSON.stringify({
            type: "about:blank",
            title: "Validation failed",
            status: 422,
            errors: [{ pointer: "/scorecards/0/key", message: "is taken by the server" }],
          }),
          { status: 422, headers: { "content-type": "application/problem+json" } },
        ),
    });
    renderWithQueries(<ScorecardsEditor answer={answer} />, {
      data: [
        [
          csSettingsKeys.phases(),
          { phases: defaultPhases, mode: "propose", custom: false, accountsByPhase: {} },
        ],
      ],
    });
    fireEvent.click(screen.getByText(t("common.save")));
    const message = await screen.findByText("is taken by the server");
    // Beside the key input of the open scorecard, not only in a list above the form.
    const input = screen.getByLabelText(t("csSettings.key"), { selector: "input" });
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toContain(message.id);
  }, 60_000);
});
