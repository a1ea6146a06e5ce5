import { MantineProvider } from "@mantine/core";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { act, render, screen, within } from "@testing-library/react";
import i18n from "i18next";
import { beforeEach, describe, expect, it } from "vitest";
import { theme } from "../../../theme";
import type { AccountOverview } from "../account-overview.queries";
import { OverviewCards } from "./overview-cards";

const full: AccountOverview = {
  accountId: "a1",
  today: "2026-12-07",
  health: { day: "2026-12-07", score: 72, band: "green", change30: 12, change90: -8 },
  phase: {
    key: "onboarding",
    name: "オンボーディング",
    since: "2026-11-01T00:00:00.000Z",
    daysInPhase: 36,
  },
  contracts: {
    mrr: [{ currency: "JPY", minor: 1_300_000 }],
    renewalDate: "2027-03-31",
    inForce: 2,
  },
  plan: {
    id: "p1",
    title: "東和精機 物流予約オンボーディング計画",
    status: "active",
    stage: 2,
    progress: {
      tasks: { done: 1, total: 2 },
      milestones: { done: 1, total: 3 },
      measures: { done: 1, total: 4 },
      percent: (3 / 9) * 100,
      winConditionPercent: 42.2,
    },
    findings: {
      errors: 1,
      warnings: 2,
      infos: 0,
      top: [
        {
          code: "no-evaluator",
          severity: "error",
          target: "team",
          message: { ja: "評価者がいません。", en: "There is no evaluator." },
        },
      ],
    },
  },
  nextMeeting: {
    id: "m1",
    planId: "p1",
    date: "2026-12-14",
    title: "週次定例",
    audience: "users",
  },
  tasks: {
    open: 3,
    overdue: 1,
    next: [
      {
        key: "t2",
        title: "第二倉庫の予約枠を設定",
        dueDate: "2026-12-05",
        status: "doing",
        overdue: true,
        ownerName: "伊藤 翔",
      },
    ],
  },
  lastActivity: { kind: "usage", at: "2026-12-06" },
};

const empty: AccountOverview = {
  ...full,
  health: { day: "2026-12-07", score: null, band: null, change30: null, change90: null },
  contracts: { mrr: [], renewalDate: null, inForce: 0 },
  plan: null,
  nextMeeting: null,
  tasks: { open: 0, overdue: 0, next: [] },
  lastActivity: null,
};

const renderCards = async (overview: AccountOverview) => {
  const rootRoute = createRootRoute({ component: () => <OverviewCards overview={overview} /> });
  const router = createRouter({
    routeTree: rootRoute,
    history: createMemoryHistory({ initialEntries: ["/accounts/a1"] }),
  });
  await act(async () => {
    render(
      <MantineProvider theme={theme}>
        <RouterProvider router={router} />
      </MantineProvider>,
    );
  });
};

const card = (name: string) => within(screen.getByRole("region", { name }));

describe("OverviewCards", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });

  it("shows each part of the overview, formatted in Japanese", async () => {
    await renderCards(full);
    expect(card("ヘルススコア").getByText("72")).toBeTruthy();
    expect(card("ヘルススコア").getByText("緑")).toBeTruthy();
    expect(card("ヘルススコア").getByText("30日前から: +12")).toBeTruthy();
    expect(card("ヘルススコア").getByText("90日前から: −8")).toBeTruthy();
    expect(card("フェーズ").getByText("このフェーズで 36 日")).toBeTruthy();
    expect(card("MRR と更新日").getByText("￥1,300,000")).toBeTruthy();
    expect(card("MRR と更新日").getByText("次の更新日: 2027/03/31")).toBeTruthy();
    const plan = card("サクセスプラン");
    expect(plan.getByRole("link", { name: full.plan!.title }).getAttribute("href")).toBe(
      "/accounts/a1/plans/p1",
    );
    expect(plan.getByText("33%")).toBeTruthy();
    expect(plan.getByText("勝利条件の KGI/KPI: 42%")).toBeTruthy();
    expect(plan.getByText("エラー 1 件")).toBeTruthy();
    // Worded from the locales by its code, as on the plan's checks.
    expect(plan.getByText(/顧客側に評価者\(最終評価者または評価者\)がいません。/)).toBeTruthy();
    expect(card("次の会議").getByText("2026/12/14")).toBeTruthy();
    expect(card("次の会議").getByRole("link", { name: "週次定例" })).toBeTruthy();
    const tasks = card("未完了のタスク");
    expect(tasks.getByText("3 件")).toBeTruthy();
    expect(tasks.getByText("期限切れ 1 件")).toBeTruthy();
    expect(tasks.getByText("第二倉庫の予約枠を設定")).toBeTruthy();
    expect(card("最後の活動").getByText("製品の利用")).toBeTruthy();
  });

  it("says what is missing, in Japanese and in English", async () => {
    await renderCards(empty);
    expect(card("ヘルススコア").getByText("データ不足")).toBeTruthy();
    expect(card("ヘルススコア").getByText("30日前から: —")).toBeTruthy();
    expect(card("MRR と更新日").getByText("有効な契約はありません")).toBeTruthy();
    expect(card("サクセスプラン").getByText("アクティブなプランはありません")).toBeTruthy();
    expect(card("次の会議").getByText("予定された会議はありません")).toBeTruthy();
    expect(card("未完了のタスク").getByText("未完了のタスクはありません")).toBeTruthy();
    expect(card("最後の活動").getByText("記録された活動はありません")).toBeTruthy();

    await act(async () => {
      await i18n.changeLanguage("en");
    });
    expect(card("Health score").getByText("Insufficient data")).toBeTruthy();
    expect(card("Success plan").getByText("No active plan")).toBeTruthy();
    expect(card("Next meeting").getByText("No meeting scheduled")).toBeTruthy();
    expect(card("Phase").getByText("36 days in this phase")).toBeTruthy();
  });
});
