import type { Scorecard } from "@michi/core";
import type { Backtest, ScorecardDraft } from "./health-lab.queries";

/** A backtest as the server answers it: two measures, red churning four times as often as green. */
export const backtestFixture: Backtest = {
  days: ["2026-06-01", "2026-07-01", "2026-08-01"],
  horizonDays: 30,
  observations: 1200,
  churned: 60,
  auc: 0.712,
  aucLow: 0.664,
  aucHigh: 0.758,
  roc: [
    { fpr: 0, tpr: 0, threshold: null },
    { fpr: 0.2, tpr: 0.55, threshold: 50 },
    { fpr: 1, tpr: 1, threshold: 0 },
  ],
  liftByDecile: Array.from({ length: 10 }, (_, i) => ({
    decile: i + 1,
    observations: 120,
    churned: i === 0 ? 24 : 4,
    churnRate: i === 0 ? 0.2 : 4 / 120,
    lift: i === 0 ? 4 : 0.67,
  })),
  bands: [
    { band: "red", accounts: 300, churned: 36, churnRate: 0.12 },
    { band: "yellow", accounts: 400, churned: 14, churnRate: 0.035 },
    { band: "green", accounts: 500, churned: 15, churnRate: 0.03 },
    { band: "none", accounts: 0, churned: 0, churnRate: null },
  ],
  measures: [
    { key: "logins", auc: 0.58, observations: 1100 },
    { key: "reports", auc: 0.69, observations: 1150 },
  ],
};

export const labScorecard: Scorecard = {
  name: { ja: "標準ヘルススコア", en: "Standard health score" },
  measures: [
    {
      kind: "metric",
      key: "logins",
      name: { ja: "ログイン日数", en: "Login days" },
      metric: { name: "activeDays", windowDays: 30 },
      scoring: { kind: "linear", from: 0, to: 20, fromPoints: 0, toPoints: 100 },
      weight: 1,
    },
    {
      kind: "metric",
      key: "reports",
      name: { ja: "レポート出力", en: "Reports exported" },
      metric: { name: "eventCount", windowDays: 30, event: "report_exported" },
      scoring: { kind: "linear", from: 0, to: 10, fromPoints: 0, toPoints: 100 },
      weight: 1,
    },
  ],
  bands: { redMax: 50, yellowMax: 75 },
  minCoverage: 0.5,
};

export const DRAFT_ID = "00000000-0000-4000-8000-0000000000d1";

/** A fitted draft: one event count in steps and the recency of use. */
export const draftFixture: ScorecardDraft = {
  id: DRAFT_ID,
  status: "draft",
  createdAt: "2026-12-07T03:00:00.000Z",
  acceptedAt: null,
  scorecard: {
    name: { ja: "過去の解約から学習したヘルススコア", en: "Health score fitted to past churn" },
    measures: [
      {
        kind: "metric",
        key: "eventCount-30d-post",
        name: { ja: "30日間の「post」の回数", en: '"post" events in 30 days' },
        metric: { name: "eventCount", windowDays: 30, event: "post" },
        scoring: {
          kind: "thresholds",
          steps: [
            { min: 0, points: 0 },
            { min: 12, points: 60 },
            { min: 30, points: 100 },
          ],
        },
        weight: 70,
      },
      {
        kind: "metric",
        key: "daysSinceLastSeen",
        name: { ja: "最終利用からの日数", en: "Days since last seen" },
        metric: { name: "daysSinceLastSeen" },
        scoring: {
          kind: "thresholds",
          steps: [
            { min: 0, points: 100 },
            { min: 14, points: 0 },
          ],
        },
        weight: 30,
      },
    ],
    bands: { redMax: 50, yellowMax: 75 },
    minCoverage: 0.5,
  },
  report: {
    observations: 2400,
    churned: 120,
    horizonDays: 30,
    trainingDays: ["2026-05-01", "2026-05-31", "2026-06-30", "2026-07-30"],
    holdoutDays: ["2026-08-29", "2026-09-28"],
    trainingAuc: 0.78,
    holdoutAuc: 0.76,
    holdoutAucInterval: { low: 0.7, high: 0.81 },
    holdoutObservations: 800,
    measures: [
      {
        key: "eventCount-30d-post",
        metric: "eventCount:30d:post",
        weight: 70,
        trainingAuc: 0.74,
        explanation: {
          ja: "30日間の「post」が12回未満の顧客は、それ以上の顧客の4倍解約しました。",
          en: 'Accounts with fewer than 12 "post" events in 30 days churned 4× as often.',
        },
      },
      {
        key: "daysSinceLastSeen",
        metric: "daysSinceLastSeen",
        weight: 30,
        trainingAuc: 0.66,
        explanation: {
          ja: "最終利用から14日以上の顧客は、それより最近の顧客の3倍解約しました。",
          en: "Accounts last seen 14 days ago or more churned 3× as often.",
        },
      },
    ],
    current: { holdoutAuc: 0.62 },
    candidates: 40,
    events: ["post"],
  },
};
