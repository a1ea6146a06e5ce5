import { PLAN_FORMAT, type PlanDocument } from "@michi/core";

/*
 * The two templates every workspace has. They are code, not rows: they ship
 * and improve with each release, and no workspace holds a stale copy. Their
 * ids are fixed UUIDs so that a templateId is always a UUID. The content is
 * Japanese, written from the seed articles: 001 (an enterprise 成果支援計画書
 * for the first six months) and 000 (a success plan drawn as a プ譜).
 *
 * What to write in a field (「どんな目的で変えるか」) is not content: it is the
 * field's placeholder in the web app (locales `plans.guidance`, decision
 * 0027), so it is never saved as a plan's text. Team members here are slots
 * that the people of the account fill when a plan is created (prefillPlanTeam).
 */

export type BuiltInTemplate = {
  id: string;
  localized: {
    ja: { name: string; description: string };
    en: { name: string; description: string };
  };
  document: PlanDocument;
};

const enterprise: PlanDocument = {
  format: PLAN_FORMAT,
  title: "成果支援計画（エンタープライズ・6か月）",
  status: "draft",
  team: [
    {
      key: "c1",
      name: "最終評価者（役員）",
      title: "役員",
      side: "customer",
      role: "finalEvaluator",
    },
    { key: "c2", name: "評価者（部長）", title: "部長", side: "customer", role: "evaluator" },
    {
      key: "c3",
      name: "推進者",
      title: "プロジェクトリーダー",
      side: "customer",
      role: "promoter",
    },
    { key: "c4", name: "実利用者", title: "利用部門の担当者", side: "customer", role: "user" },
    { key: "v1", name: "担当CSM", side: "vendor", role: "csm" },
    { key: "v2", name: "営業担当", side: "vendor", role: "sales" },
  ],
  pufu: {
    goal: "利用開始から6か月で、評価者が費用対効果を認め、契約更新と利用拡大を決める",
    winCondition: {
      text: "KGI が目標水準に達し、推進者がその効果を評価者に自分の言葉で説明できている",
      kpiKeys: ["k1"],
    },
    objectives: [
      {
        key: "o1",
        title: "評価者が効果を定点観測している",
        desiredState:
          "月次の報告で、評価者が KGI/KPI の推移と費用対効果を確かめ、軌道修正に関わっている",
        kpiKeys: ["k1"],
      },
      {
        key: "o2",
        title: "推進者が社内をリードしている",
        desiredState:
          "推進者が定例会をファシリテートし、利用部門の意見を集約して、上層部へ導入効果を説明できる",
      },
      {
        key: "o3",
        title: "実利用者が業務で使いこなしている",
        desiredState:
          "スモールスタートの実利用者が毎週使い、ロードマップの業務のやり方が変わっている",
        kpiKeys: ["k3"],
      },
      {
        key: "o4",
        title: "改善の効果を数字で示せる",
        desiredState:
          "業務ごとの KGI/KPI、水準、評価方法、データと集計方法が合意され、毎月計測されている",
        kpiKeys: ["k2"],
      },
    ],
    measures: [
      {
        key: "m1",
        title: "キックオフで導入目的と課題を推進者から説明してもらう",
        objectiveKeys: ["o2"],
        ownerKey: "c3",
        status: "planned",
      },
      {
        key: "m2",
        title: "よくある失敗例を最初に共有する",
        objectiveKeys: ["o1", "o2"],
        ownerKey: "v1",
        status: "planned",
      },
      {
        key: "m3",
        title: "評価者への月次報告（報告フォーマットを用意する）",
        objectiveKeys: ["o1", "o4"],
        ownerKey: "c3",
        effortHoursPerWeek: 1,
        status: "planned",
      },
      {
        key: "m4",
        title: "実利用者との週次定例",
        objectiveKeys: ["o3"],
        ownerKey: "v1",
        effortHoursPerWeek: 1,
        status: "planned",
      },
      {
        key: "m5",
        title: "業務ごとの KGI/KPI・評価方法・データソースを決める",
        objectiveKeys: ["o4"],
        ownerKey: "v1",
        effortHoursPerWeek: 2,
        status: "planned",
      },
      {
        key: "m6",
        title: "新しいことに前向きな実利用者でスモールスタートする",
        objectiveKeys: ["o3"],
        ownerKey: "c3",
        effortHoursPerWeek: 2,
        status: "planned",
      },
    ],
    factors: {
      headcount: 3,
      hoursPerWeekPerPerson: 3,
    },
  },
  roadmap: [
    {
      key: "r1",
      process: "業務A（例: 発注）",
      impact: 5,
      difficulty: 3,
      status: "planned",
      kpiKeys: ["k2"],
    },
    {
      key: "r2",
      process: "業務B（例: 値引き）",
      impact: 4,
      difficulty: 4,
      status: "planned",
    },
    {
      key: "r3",
      process: "業務C（例: 本部への報告）",
      purpose: "効果の説明責任を果たす",
      how: "報告フォーマットに沿って毎月報告する",
      howMuch: "毎月1回",
      impact: 3,
      difficulty: 1,
      status: "planned",
    },
  ],
  kpis: [
    {
      key: "k1",
      kind: "kgi",
      name: "KGI（例: 粗利率）",
      unit: "%",
      direction: "increase",
      aggregation: "月次",
    },
    {
      key: "k2",
      kind: "kpi",
      name: "KPI（例: 推奨に沿った発注の割合）",
      unit: "%",
      direction: "increase",
      evaluationMethod: "対象の業務で、製品の推奨に沿った判断の割合",
      dataSource: "製品の利用ログ",
      aggregation: "週次",
    },
    {
      key: "k3",
      kind: "kpi",
      name: "実利用者の週次利用率",
      unit: "%",
      direction: "increase",
      target: 80,
      evaluationMethod: "その週に一度以上使った実利用者 ÷ 実利用者",
      dataSource: "製品の利用ログ",
      aggregation: "週次",
    },
  ],
  milestones: [
    { key: "ms1", title: "キックオフ（体制・導入目的・失敗例の共有）", objectiveKeys: ["o2"] },
    { key: "ms2", title: "スモールスタート開始", objectiveKeys: ["o3"] },
    { key: "ms3", title: "KGI/KPI と評価方法の合意", objectiveKeys: ["o4"] },
    { key: "ms4", title: "評価者への中間報告（3か月）", objectiveKeys: ["o1"] },
    { key: "ms5", title: "評価者への成果報告と更新判断（6か月）", objectiveKeys: ["o1"] },
  ],
  tasks: [
    {
      key: "t1",
      title: "評価者・推進者・実利用者のアサインを依頼する",
      ownerKey: "v2",
      status: "todo",
    },
    {
      key: "t2",
      title: "評価者向けの報告フォーマットを用意する",
      ownerKey: "v1",
      status: "todo",
      measureKey: "m3",
    },
  ],
  meetingCadences: [
    { key: "mc1", name: "週次定例（実利用者）", audience: "users", everyDays: 7 },
    { key: "mc2", name: "推進者との打ち合わせ（隔週）", audience: "promoters", everyDays: 14 },
    { key: "mc3", name: "月次報告（評価者）", audience: "evaluators", everyDays: 30 },
  ],
  failurePatterns: [
    {
      key: "f1",
      text: "実利用者とだけ話し、評価者が費用対効果を知らないまま解約を判断する",
      discussed: false,
    },
    {
      key: "f2",
      text: "効果は出ているのに、実利用者が上層部にうまく説明できず、割に合わないと判断される",
      discussed: false,
    },
    {
      key: "f3",
      text: "すぐには結果が出ないことを評価者と合意しておらず、短期の結果だけで判断される",
      discussed: false,
    },
    { key: "f4", text: "改善したい業務に同時に手を付け、収拾がつかなくなる", discussed: false },
    { key: "f5", text: "使い始めたが、何がどう良くなったのかを数字で示せない", discussed: false },
    {
      key: "f6",
      text: "トップが現場に任せきりで、定点観測と軌道修正が行われない",
      discussed: false,
    },
  ],
};

const quick: PlanDocument = {
  format: PLAN_FORMAT,
  title: "プ譜クイックプラン",
  status: "draft",
  team: [
    { key: "c1", name: "評価者", side: "customer", role: "evaluator" },
    { key: "c2", name: "推進者", side: "customer", role: "promoter" },
    { key: "v1", name: "担当CSM", side: "vendor", role: "csm" },
  ],
  pufu: {
    goal: "",
    winCondition: { text: "", kpiKeys: ["k1"] },
    objectives: [
      {
        key: "o1",
        title: "中間目的1",
      },
      { key: "o2", title: "中間目的2" },
      { key: "o3", title: "中間目的3" },
    ],
    measures: [
      {
        key: "m1",
        title: "施策1（使いこなしてほしい機能）",
        objectiveKeys: ["o1"],
        status: "planned",
      },
      { key: "m2", title: "施策2", objectiveKeys: ["o2"], status: "planned" },
      { key: "m3", title: "施策3", objectiveKeys: ["o3"], status: "planned" },
    ],
  },
  kpis: [
    {
      key: "k1",
      kind: "kgi",
      name: "アウトカムの指標",
    },
  ],
  milestones: [{ key: "ms1", title: "最初のふりかえり", objectiveKeys: ["o1", "o2", "o3"] }],
  meetingCadences: [{ key: "mc1", name: "ふりかえり（隔週）", audience: "all", everyDays: 14 }],
};

export const builtInTemplates: readonly BuiltInTemplate[] = [
  {
    id: "00000000-0000-4000-8000-000000000001",
    localized: {
      ja: {
        name: "成果支援計画（エンタープライズ・6か月）",
        description:
          "ハイタッチで支援する大口顧客の最初の6か月: 体制、導入目的と課題、よくある失敗例、改善ロードマップ、KGI/KPI シート、会議体。",
      },
      en: {
        name: "6-month outcome support plan (enterprise, high touch)",
        description:
          "The first six months of a high-touch enterprise customer: team, purpose and issues, failure patterns, improvement roadmap, KGI/KPI sheet, meeting cadences.",
      },
    },
    document: enterprise,
  },
  {
    id: "00000000-0000-4000-8000-000000000002",
    localized: {
      ja: {
        name: "プ譜クイックプラン",
        description:
          "勝利条件、中間目的とあるべき状態、施策、廟算八要素だけのプ譜。短時間で書き、ふりかえりで更新する。",
      },
      en: {
        name: "プ譜 quick plan",
        description:
          "Only the plan map: win condition, objectives with their desired state, measures and the eight factors. Quick to write, updated at each retrospective.",
      },
    },
    document: quick,
  },
];

export const findBuiltInTemplate = (id: string) => builtInTemplates.find((t) => t.id === id);
