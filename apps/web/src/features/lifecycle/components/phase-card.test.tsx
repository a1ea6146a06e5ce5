import { fireEvent, screen, within } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../../test/render";
import type { AccountPhase } from "../lifecycle.queries";
import { PhaseCard } from "./phase-card";

const phase: AccountPhase = {
  accountId: "a1",
  mode: "propose",
  churnedOn: null,
  phase: { key: "onboarding", name: "導入" },
  since: "2026-10-01T00:00:00.000Z",
  daysInPhase: 53,
  criteria: [
    {
      key: "users-started",
      name: "3人以上が使い始めた",
      holds: true,
      parts: [{ metric: "activeUsers:30d", op: ">=", value: 3, actual: 4, holds: true }],
    },
    {
      key: "used-regularly",
      name: "30日間で5日以上の利用",
      holds: false,
      parts: [{ metric: "activeDays:30d", op: ">=", value: 5, actual: 2, holds: false }],
    },
  ],
  allHold: false,
  nextPhase: { key: "trial-run", name: "ランニング" },
  action: "stay",
  proposal: null,
  phases: [
    { key: "proposal", name: "提案" },
    { key: "onboarding", name: "導入" },
    { key: "trial-run", name: "ランニング" },
  ],
  history: [
    {
      phaseKey: "proposal",
      name: "提案",
      since: "2026-09-01T00:00:00.000Z",
      until: "2026-10-01T00:00:00.000Z",
      decidedBy: "auto",
    },
    {
      phaseKey: "onboarding",
      name: "導入",
      since: "2026-10-01T00:00:00.000Z",
      until: null,
      decidedBy: "user",
    },
  ],
};

const proposed: AccountPhase = {
  ...phase,
  criteria: phase.criteria.map((criterion) => ({
    ...criterion,
    holds: true,
    parts: criterion.parts.map((part) => ({ ...part, actual: 9, holds: true })),
  })),
  allHold: true,
  action: "propose",
  proposal: { to: { key: "trial-run", name: "ランニング" }, proposedAt: "2026-11-22T03:00:00Z" },
};

const renderCard = (props: Partial<Parameters<typeof PhaseCard>[0]> = {}) => {
  const onMove = vi.fn();
  const onDecide = vi.fn();
  renderWithProviders(
    <PhaseCard
      phase={phase}
      canWrite
      pending={false}
      onMove={onMove}
      onDecide={onDecide}
      {...props}
    />,
  );
  return { onMove, onDecide };
};

describe("PhaseCard", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("marks each exit criterion met or not, with its rule in words and the actual value", () => {
    renderCard();
    expect(screen.getByTestId("current-phase").textContent).toBe("導入");
    const list = screen.getByRole("list", { name: "フェーズのゴール（出口条件）" });
    // One item per criterion; each holds its comparisons as a nested list.
    const [started, regular] = within(list)
      .getAllByRole("listitem")
      .filter((item) => item.hasAttribute("data-holds"));
    expect(started?.getAttribute("data-holds")).toBe("true");
    expect(within(started!).getByLabelText("達成").textContent).toBe("✓");
    expect(started?.textContent).toContain("30日間のアクティブユーザー数 ≥ 3");
    expect(started?.textContent).toContain("（現在 4）");
    expect(regular?.getAttribute("data-holds")).toBe("false");
    expect(within(regular!).getByLabelText("未達").textContent).toBe("✗");
    expect(regular?.textContent).toContain("30日間の利用日数 ≥ 5日");
    expect(regular?.textContent).toContain("（現在 2日）");
    // Raw metric keys are never shown.
    expect(document.body.textContent).not.toContain("activeUsers:30d");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("offers Accept and Dismiss on an open proposal", () => {
    const { onDecide } = renderCard({ phase: proposed });
    const banner = screen.getByRole("status");
    expect(within(banner).getByText("「ランニング」へ移行しますか？")).toBeTruthy();
    fireEvent.click(within(banner).getByRole("button", { name: "移行する" }));
    expect(onDecide).toHaveBeenLastCalledWith("accept");
    fireEvent.click(within(banner).getByRole("button", { name: "見送る" }));
    expect(onDecide).toHaveBeenLastCalledWith("dismiss");
  });

  it("shows a viewer the proposal and the criteria, but no actions", () => {
    renderCard({ phase: proposed, canWrite: false });
    expect(screen.getByRole("status")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
  });

  const chooseFromMenu = async (name: string) => {
    fireEvent.click(screen.getByRole("button", { name: "フェーズを変更…" }));
    fireEvent.click(await screen.findByRole("menuitem", { name }));
    return screen.findByRole("dialog");
  };

  it("says a churned account left its phase: its last one with the days to its churn, nothing to move", () => {
    renderCard({
      phase: {
        ...phase,
        churnedOn: "2026-04-26",
        phase: { key: "renewal", name: "更新" },
        since: "2026-02-21T01:00:00.000Z",
        daysInPhase: 63,
        criteria: [],
        nextPhase: null,
        history: [
          {
            phaseKey: "renewal",
            name: "更新",
            since: "2026-02-21T01:00:00.000Z",
            until: "2026-04-26T00:00:00.000Z",
            decidedBy: "user",
          },
        ],
      },
    });
    expect(screen.getByTestId("current-phase").textContent).toBe("解約済み");
    expect(
      screen.getByText(
        "2026/04/26に解約したため、フェーズを離れました。最後のフェーズは「更新」（63日）です。",
      ),
    ).toBeTruthy();
    // Not "since 21 Feb (289 days)", and no move or criteria for a former customer.
    expect(screen.queryByText(/経過/)).toBeNull();
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.getByText("2026/02/21 〜 2026/04/26（63日） · 手動で変更")).toBeTruthy();
  });

  it("moves by hand to a phase chosen from the menu, once confirmed", async () => {
    const { onMove } = renderCard();
    const dialog = await chooseFromMenu("ランニング");
    // Asked first, naming both phases.
    expect(dialog.textContent).toContain("「導入」から「ランニング」に移します");
    expect(onMove).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole("button", { name: "移動する" }));
    expect(onMove).toHaveBeenCalledWith("trial-run");
  });

  it("never offers the current phase, and moves nothing when the confirmation is cancelled", async () => {
    const { onMove } = renderCard();
    fireEvent.click(screen.getByRole("button", { name: "フェーズを変更…" }));
    const trialRun = await screen.findByRole("menuitem", { name: "ランニング" });
    expect(screen.queryByRole("menuitem", { name: "導入" })).toBeNull();
    fireEvent.click(trialRun);
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "キャンセル" }));
    expect(onMove).not.toHaveBeenCalled();
  });

  it("lists the stays, oldest first, with how each move was decided", () => {
    renderCard();
    const history = screen.getByText("フェーズの履歴").parentElement!;
    expect(history.textContent).toMatch(/提案.*自動で移行.*導入.*現在.*手動で変更/s);
  });

  it("reads in English too", async () => {
    await i18n.changeLanguage("en");
    renderCard({
      phase: {
        ...proposed,
        proposal: { ...proposed.proposal!, to: { key: "trial-run", name: "Trial run" } },
      },
    });
    expect(screen.getByText("Move to Trial run?")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Accept" })).toBeTruthy();
    expect(document.body.textContent).toContain("active users in 30 days ≥ 3");
    expect(document.body.textContent).toContain("(now 9)");
    await i18n.changeLanguage("ja");
  });
});
