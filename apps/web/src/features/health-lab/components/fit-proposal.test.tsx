import type { Scorecard } from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderInRouter, stubFetch } from "../../cs-settings/test-utils";
import { draftQueryOptions, healthLabKeys } from "../health-lab.queries";
import { DRAFT_ID, draftFixture } from "../test-fixtures";
import { FitProposal } from "./fit-proposal";

const ACCEPT = `POST /api/v1/health/drafts/${DRAFT_ID}/accept`;

/** The page's part: the draft from the cache, and the edit held beside it. */
const Harness = ({ onCompare }: { onCompare: () => void }) => {
  const draft = useQuery(draftQueryOptions(DRAFT_ID)).data;
  const [edit, setEdit] = useState<Scorecard | null>(null);
  if (!draft) return null;
  return (
    <FitProposal
      draft={draft}
      scorecard={edit ?? draft.scorecard}
      onChange={setEdit}
      onReset={() => setEdit(null)}
      onCompare={onCompare}
      replacesName="標準ヘルススコア"
      canAccept
    />
  );
};

const render = (onCompare = vi.fn()) =>
  renderInRouter(() => <Harness onCompare={onCompare} />, {
    data: [[healthLabKeys.draft(DRAFT_ID), draftFixture]],
  });

const accepted = (body: unknown) => ({
  draft: {
    ...draftFixture,
    status: "accepted",
    acceptedAt: "2026-12-07T03:05:00.000Z",
    ...(body && typeof body === "object" && "scorecard" in body
      ? { scorecard: (body as { scorecard: unknown }).scorecard }
      : {}),
  },
  scorecards: [],
});

describe("FitProposal", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows where it was fitted and proven, the held-out AUC beside the current, and why each measure", async () => {
    stubFetch({ [`GET /api/v1/health/drafts/${DRAFT_ID}`]: () => draftFixture });
    await render();
    expect(screen.getByTestId("fit-periods").textContent).toMatch(
      /^2026\/05\/01〜2026\/07\/30 の観察日で学習し、そのあとの 2026\/08\/29〜2026\/09\/28 の観察日/,
    );
    const [fitted, current] = screen.getAllByTestId("auc-text");
    expect(fitted?.textContent).toBe("AUC 0.76（95%の範囲: 0.70〜0.81）— 0.5 は偶然と同じ");
    expect(current?.textContent).toBe("AUC 0.62 — 0.5 は偶然と同じ");
    expect(screen.getByTestId("fit-gain").textContent).toContain("AUC が 0.14 高く");

    const explanations = screen.getAllByTestId("measure-explanation").map((el) => el.textContent);
    expect(explanations).toEqual([
      "30日間の「post」が12回未満の顧客は、それ以上の顧客の4倍解約しました。",
      "最終利用から14日以上の顧客は、それより最近の顧客の3倍解約しました。",
    ]);
    expect(screen.getByText("この指標だけの AUC（学習した期間）: 0.74")).toBeTruthy();
    const steps = screen.getByRole("table", { name: "30日間の「post」の回数の段階" });
    expect(
      within(steps)
        .getAllByRole("row")
        .map((row) => row.textContent),
    ).toEqual(["値ポイント", "0 以上 12 未満0", "12 以上 30 未満60", "30 以上100"]);
    const recency = screen.getByRole("table", { name: "最終利用からの日数の段階" });
    expect(within(recency).getAllByRole("row")[2]?.textContent).toBe("14日 以上0");
  });

  it("accepts as fitted after the confirmation, then links to the accounts", async () => {
    const calls = stubFetch({
      [`GET /api/v1/health/drafts/${DRAFT_ID}`]: () => draftFixture,
      [ACCEPT]: accepted,
    });
    await render();
    fireEvent.click(screen.getByRole("button", { name: "採用する" }));
    const dialog = await screen.findByRole("dialog", { name: "この案を採用しますか？" });
    expect(dialog.textContent).toContain("スコアカード「標準ヘルススコア」と置き換わります");
    expect(dialog.textContent).toContain("数秒のうちに顧客のスコアが再計算されます");
    fireEvent.click(within(dialog).getByRole("button", { name: "採用する" }));

    await screen.findByText("採用しました");
    const sent = calls.filter(
      (call) => `${call.method} ${new URL(call.url, "http://x").pathname}` === ACCEPT,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({});
    expect(screen.getByRole("link", { name: "顧客一覧でスコアを見る" }).getAttribute("href")).toBe(
      "/accounts",
    );
    await waitFor(() => expect(screen.queryByRole("button", { name: "採用する" })).toBeNull());
  });

  it("sends the edited scorecard when a weight was changed, and compares on request", async () => {
    const onCompare = vi.fn();
    const calls = stubFetch({
      [`GET /api/v1/health/drafts/${DRAFT_ID}`]: () => draftFixture,
      [ACCEPT]: accepted,
    });
    await render(onCompare);
    fireEvent.change(screen.getByLabelText("30日間の「post」の回数: 重み"), {
      target: { value: "50" },
    });
    await screen.findByText("重みの合計: 80（合計に対する割合でスコアに効きます）");
    fireEvent.click(screen.getByRole("button", { name: "今のスコアカードと比べる" }));
    expect(onCompare).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole("button", { name: "採用する" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("編集した内容で採用します。");
    fireEvent.click(within(dialog).getByRole("button", { name: "採用する" }));
    await waitFor(() => expect(calls.some((call) => call.method === "POST")).toBe(true));
    const body = calls.find((call) => call.method === "POST")?.body as { scorecard: Scorecard };
    expect(body.scorecard.measures.map((m) => m.weight)).toEqual([50, 30]);
    await screen.findByText("採用しました");
  });
});
