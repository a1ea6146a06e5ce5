import {
  type AccountPicklists,
  accountPicklistsSchema,
  buildDefaultScorecard,
  defaultScorecard,
  type MaturityModel,
  maturityModelsSchema,
  type TouchModelPolicy,
  touchModelPolicySchema,
  type WorkspaceScorecard,
  workspaceScorecardsSchema,
} from "@michi/core";
import type { Db } from "../db/client";
import {
  replaceMaturityModels,
  replaceScorecards,
  updateCsSettings,
} from "../features/cs-settings/cs-settings.queries";
import { demoMaturityProducts, demoUsageLabels } from "./demo-usage-labels";

/*
 * The demo vendor's customer-success model: core's default phases, two
 * health scorecards (enterprise accounts are judged more on the relationship
 * and on seat use), a maturity curve per product written on the events its
 * product sends (demo-usage-plan.ts), and touch models by MRR and segment.
 * Everything goes through core's schemas, as the settings API would.
 */

const count = (event: string) => `eventCount:30d:${event}`;

const keyed = buildDefaultScorecard({ keyEvent: "document_created" });

export const demoScorecards: WorkspaceScorecard[] = workspaceScorecardsSchema.parse([
  {
    key: "enterprise",
    appliesTo: { segments: ["enterprise"] },
    scorecard: {
      name: { ja: "エンタープライズ向けヘルススコア", en: "Enterprise health score" },
      measures: [
        {
          kind: "metric",
          key: "seat-utilisation",
          name: { ja: "ライセンス利用率(30日)", en: "Seat utilisation (30 days)" },
          description: {
            ja: "全社展開が進んでいるか。大口顧客は契約ライセンスの活用が更新判断に直結する。",
            en: "Whether the roll-out is spreading; for large accounts seat use drives the renewal.",
          },
          metric: "seatUtilisation:30d",
          // In a large organisation 60 % of seats active in a month is a full roll-out.
          scoring: { kind: "linear", from: 0, to: 60 },
          weight: 20,
        },
        {
          kind: "metric",
          key: "active-users",
          name: { ja: "アクティブユーザー数(30日)", en: "Active users (30 days)" },
          metric: "activeUsers:30d",
          scoring: {
            kind: "thresholds",
            steps: [
              { min: 0, points: 0 },
              { min: 10, points: 30 },
              { min: 50, points: 60 },
              { min: 150, points: 85 },
              { min: 300, points: 100 },
            ],
          },
          weight: 10,
        },
        {
          kind: "metric",
          key: "documents-sent",
          name: { ja: "取引先への文書送付(30日)", en: "Documents sent to partners (30 days)" },
          metric: count("document_sent"),
          scoring: {
            kind: "thresholds",
            steps: [
              { min: 0, points: 0 },
              { min: 10, points: 40 },
              { min: 40, points: 70 },
              { min: 100, points: 100 },
            ],
          },
          weight: 10,
        },
        {
          kind: "metric",
          key: "trend",
          name: { ja: "利用の増減(前の30日比)", en: "Usage trend (vs previous 30 days)" },
          metric: "eventCountChange:30d",
          scoring: { kind: "linear", from: -40, to: 10 },
          weight: 10,
        },
        {
          kind: "metric",
          key: "last-seen",
          name: { ja: "最終利用からの日数", en: "Days since last seen" },
          metric: "daysSinceLastSeen",
          scoring: { kind: "linear", from: 0, to: 14, fromPoints: 100, toPoints: 0 },
          weight: 5,
        },
        {
          kind: "metric",
          key: "evaluator-meeting",
          name: {
            ja: "評価者との最後の会議からの日数",
            en: "Days since the last evaluator meeting",
          },
          description: {
            ja: "大口顧客では評価者・最終評価者と毎月会えているかが関係性の指標になる。",
            en: "For large accounts, meeting the evaluators every month is the sign of the relationship.",
          },
          metric: "daysSinceEvaluatorMeeting",
          scoring: {
            kind: "thresholds",
            steps: [
              { min: 0, points: 100 },
              { min: 31, points: 60 },
              { min: 61, points: 20 },
              { min: 91, points: 0 },
            ],
          },
          weight: 15,
        },
        {
          kind: "metric",
          key: "kpi-progress",
          name: { ja: "サクセスプランのKPI進捗", en: "Success plan KPI progress" },
          metric: "openKpiProgress",
          scoring: { kind: "linear", from: 0, to: 100 },
          weight: 10,
        },
        ...defaultScorecard.measures.filter((measure) => measure.kind === "rating"),
      ].map((measure) =>
        // The relationship weighs more here: the two CSM ratings count 10 each.
        measure.kind === "rating" ? { ...measure, weight: 10 } : measure,
      ),
      // Core's honest default (decision 0010): under half the weight known, no score
      // ("insufficient data") rather than one built on a measure or two, often 0 and red.
      minCoverage: defaultScorecard.minCoverage,
    },
  },
  {
    key: "standard",
    scorecard: {
      // The demo vendor has named its key action: documents created.
      ...keyed,
      // Documents created a month: a small team making a few a week is using it well.
      measures: keyed.measures.map((measure) =>
        measure.key === "key-event" && measure.kind === "metric"
          ? {
              ...measure,
              scoring: {
                kind: "thresholds",
                steps: [
                  { min: 0, points: 0 },
                  { min: 1, points: 30 },
                  { min: 5, points: 60 },
                  { min: 20, points: 85 },
                  { min: 50, points: 100 },
                ],
              },
            }
          : measure,
      ),
      name: {
        ja: "標準ヘルススコア(ミッドマーケット・SMB)",
        en: "Standard health score (mid-market, SMB)",
      },
    },
  },
]);

/**
 * Seed 004's curve for a paper-to-web document product, on the events the
 * demo's products send: trying it, a department's routine, the whole company,
 * then partners too. Counts are per 30 days.
 */
export const demoMaturityModels: MaturityModel[] = maturityModelsSchema.parse([
  {
    product: demoMaturityProducts.docs,
    name: { ja: "Michi Docs", en: "Michi Docs" },
    levels: [
      {
        level: 1,
        name: { ja: "試行", en: "Trying it" },
        description: {
          ja: "一部の担当者が文書を作り始めた",
          en: "A few people have started to create documents",
        },
        rule: { metric: count("document_created"), op: ">=", value: 1 },
      },
      {
        level: 2,
        name: { ja: "部門で利用", en: "A team's routine" },
        description: {
          ja: "一つの部門で複数の担当者が文書を作成・送付している",
          en: "Several people in one team create and send documents",
        },
        rule: {
          all: [
            { metric: "activeUsers:30d", op: ">=", value: 5 },
            { metric: count("document_sent"), op: ">=", value: 5 },
            { metric: "distinctEvents:30d", op: ">=", value: 5 },
          ],
        },
      },
      {
        level: 3,
        name: { ja: "全社で定着", en: "Company-wide" },
        description: {
          ja: "ライセンスの半数以上が使い、ほぼ毎営業日、幅広い機能が使われている",
          en: "Half the seats or more use it on most working days, across the features",
        },
        rule: {
          all: [
            { metric: "seatUtilisation:30d", op: ">=", value: 50 },
            { metric: "activeDays:30d", op: ">=", value: 15 },
            { metric: "distinctEvents:30d", op: ">=", value: 8 },
          ],
        },
      },
      {
        level: 4,
        name: { ja: "取引先まで電子化", en: "Partners paperless too" },
        description: {
          ja: "テンプレートで標準化され、取引先との文書のやり取りも電子化されている",
          en: "Documents are standardised with templates and exchanged with partners electronically",
        },
        rule: {
          all: [
            { metric: "seatUtilisation:30d", op: ">=", value: 65 },
            { metric: count("template_used"), op: ">=", value: 10 },
            { metric: count("document_shared"), op: ">=", value: 5 },
          ],
        },
      },
    ],
  },
  {
    product: demoMaturityProducts.workflow,
    name: { ja: "Michi Workflow", en: "Michi Workflow" },
    levels: [
      {
        level: 1,
        name: { ja: "試行", en: "Trying it" },
        rule: { metric: count("workflow_submitted"), op: ">=", value: 1 },
      },
      {
        level: 2,
        name: { ja: "部門の申請を電子化", en: "A team's requests online" },
        rule: { metric: count("workflow_approved"), op: ">=", value: 20 },
      },
      {
        level: 3,
        name: { ja: "全社の稟議を電子化", en: "Company-wide approvals online" },
        rule: {
          all: [
            { metric: count("workflow_approved"), op: ">=", value: 100 },
            // New approval routes are still being designed: it is spreading.
            { metric: count("workflow_created"), op: ">=", value: 1 },
          ],
        },
      },
      {
        level: 4,
        name: { ja: "紙の稟議ゼロ", en: "No paper approvals" },
        rule: { metric: count("workflow_approved"), op: ">=", value: 300 },
      },
    ],
  },
  {
    product: demoMaturityProducts.sign,
    name: { ja: "Michi Sign", en: "Michi Sign" },
    levels: [
      {
        level: 1,
        name: { ja: "試行", en: "Trying it" },
        rule: { metric: count("signature_requested"), op: ">=", value: 1 },
      },
      {
        level: 2,
        name: { ja: "一部の契約を電子署名", en: "Some contracts signed online" },
        rule: { metric: count("signature_completed"), op: ">=", value: 10 },
      },
      {
        level: 3,
        name: { ja: "主要な契約を電子署名", en: "Most contracts signed online" },
        rule: { metric: count("signature_completed"), op: ">=", value: 50 },
      },
      {
        level: 4,
        name: { ja: "取引先との契約も電子化", en: "Partners sign online too" },
        rule: { metric: count("signature_completed"), op: ">=", value: 150 },
      },
    ],
  },
]);

/**
 * By MRR first, then segment: the largest accounts get high touch whatever
 * their segment, enterprise high, mid-market low, small accounts that use the
 * core product company-wide join the community, the rest tech touch.
 */
export const demoTouchModelPolicy: TouchModelPolicy = touchModelPolicySchema.parse({
  rules: [
    {
      name: { ja: "大口顧客(MRR 100万円以上)", en: "Large accounts (MRR ¥1M or more)" },
      model: "high",
      rule: { metric: "mrr", op: ">=", value: 1_000_000 },
    },
    {
      name: { ja: "エンタープライズ", en: "Enterprise" },
      model: "high",
      segments: ["enterprise"],
    },
    {
      name: { ja: "ミッドマーケット", en: "Mid-market" },
      model: "low",
      segments: ["mid-market"],
    },
    {
      name: { ja: "全社で定着した小規模顧客", en: "Small accounts using it company-wide" },
      model: "community",
      segments: ["smb"],
      rule: { metric: `maturityLevel:${demoMaturityProducts.docs}`, op: ">=", value: 3 },
    },
  ],
  default: "tech",
});

/** The demo's industries and segments: its companies' values, labelled as a Japanese team would. */
export const demoAccountPicklists: AccountPicklists = accountPicklistsSchema.parse({
  industry: [
    { value: "retail", label: { ja: "小売", en: "Retail" } },
    { value: "logistics", label: { ja: "物流", en: "Logistics" } },
    { value: "manufacturing", label: { ja: "製造", en: "Manufacturing" } },
    { value: "finance", label: { ja: "金融", en: "Finance" } },
    { value: "public", label: { ja: "公共", en: "Public sector" } },
  ],
  segment: [
    { value: "enterprise", label: { ja: "エンタープライズ", en: "Enterprise" } },
    { value: "mid-market", label: { ja: "中堅企業", en: "Mid-market" } },
    { value: "smb", label: { ja: "中小企業", en: "SMB" } },
  ],
});

/** Writes the demo's CS model; phases stay core's default, moved automatically while the history is built. */
export const seedDemoCsModel = async (db: Db, params: { workspaceId: string }) => {
  const { workspaceId } = params;
  await db.transaction(async (tx) => {
    await replaceScorecards(tx, { workspaceId, scorecards: demoScorecards });
    await replaceMaturityModels(tx, { workspaceId, models: demoMaturityModels });
    await updateCsSettings(tx, {
      workspaceId,
      phases: null,
      phaseMode: "auto",
      touchModelPolicy: demoTouchModelPolicy,
      accountPicklists: demoAccountPicklists,
      usageLabels: demoUsageLabels,
    });
  });
};
