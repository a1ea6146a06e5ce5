import type { WorkspaceScorecard } from "@michi/core";
import { fireEvent, screen, within } from "@testing-library/react";
import i18n from "i18next";
import { useState } from "react";
import { beforeEach, describe, expect, it } from "vitest";
import { renderWithProviders } from "../../../test/render";
import { ScorecardForm } from "./scorecard-form";

const measure = (key: string, name: string, weight: number) => ({
  kind: "metric" as const,
  key,
  name,
  metric: { name: "activeUsers" as const, windowDays: 30 },
  scoring: { kind: "linear" as const, from: 0, to: 10, fromPoints: 0, toPoints: 100 },
  weight,
});

const entry: WorkspaceScorecard = {
  key: "plain",
  appliesTo: {},
  scorecard: {
    measures: [measure("usage", "利用", 20), measure("seats", "席", 60)],
    bands: { redMax: 50, yellowMax: 75 },
    minCoverage: 0.5,
  },
};

/** The form with its own state, as the editor holds it. */
const Editable = ({ initial }: { initial: WorkspaceScorecard }) => {
  const [value, setValue] = useState(initial);
  return (
    <ScorecardForm
      value={value}
      onChange={setValue}
      errors={{}}
      phaseOptions={[]}
      readOnly={false}
    />
  );
};

describe("ScorecardForm: weights", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("shows the weight total, each weight's share, and how weights are normalised", () => {
    renderWithProviders(<Editable initial={entry} />);
    const summary = screen.getByTestId("weight-summary");
    expect(within(summary).getByText("重みの合計: 80")).toBeTruthy();
    expect(summary.textContent).toContain("指標の割合は「重み ÷ 重みの合計」で");
    expect(summary.textContent).toContain("残りの指標の重みの合計で割り直します");
    expect(summary.textContent).toContain(
      "データのある指標の重みが合計の50%に満たないときは、スコアを出さず「データ不足」とします。",
    );
    expect(screen.getAllByTestId("weight-share").map((share) => share.textContent)).toEqual([
      "全体の25%",
      "全体の75%",
    ]);
  });

  it("follows an edited weight and minimum coverage", () => {
    renderWithProviders(<Editable initial={entry} />);
    fireEvent.change(screen.getByLabelText("利用: 重み"), { target: { value: "40" } });
    expect(screen.getByText("重みの合計: 100")).toBeTruthy();
    expect(screen.getAllByTestId("weight-share").map((share) => share.textContent)).toEqual([
      "全体の40%",
      "全体の60%",
    ]);
    fireEvent.change(screen.getByLabelText(/^最低カバレッジ/), { target: { value: "0" } });
    expect(screen.getByTestId("weight-summary").textContent).toContain(
      "どれか1つの指標にデータがあればスコアを出します。",
    );
  });
});
