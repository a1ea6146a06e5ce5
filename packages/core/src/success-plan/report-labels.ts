import type { PlanFindingSeverity } from "./plan-check-codes";
import type {
  KpiDirection,
  KpiKind,
  MeasureStatus,
  MeetingAudience,
  PlanRole,
  PlanSide,
  RoadmapItemStatus,
} from "./plan-document";
import type { RetrospectiveDirection } from "./stage-retrospective";

/*
 * The words of the evaluator report (評価者への報告), in the two languages a
 * deck can be made in. They are the document's words, like the plan checks'
 * messages: the PowerPoint is drawn on the server, where i18next does not run,
 * and the print view shows the same deck. The wording follows the web app's
 * ja.json / en.json, so a heading reads as the tab it comes from.
 */

/** The sections of the report, in the order the deck shows them. */
export const reportSections = [
  "cover",
  "purpose",
  "team",
  "pufu",
  "kpis",
  "milestones",
  "roadmap",
  "retrospective",
  "risks",
] as const;
export type ReportSection = (typeof reportSections)[number];

export const reportLanguages = ["ja", "en"] as const;
export type ReportLanguage = (typeof reportLanguages)[number];

/** BCP 47 tags: for Intl, and for the `lang` of every text run (PowerPoint, LibreOffice, HTML). */
export const reportLocales = { ja: "ja-JP", en: "en-US" } as const satisfies Record<
  ReportLanguage,
  string
>;

export type ReportLabels = {
  reportTitle: string;
  sections: Record<ReportSection, string>;
  cover: { customer: string; plan: string; period: string; date: string; presenter: string };
  purpose: Record<"businessIssue" | "problem" | "solution" | "benefit", string>;
  purposeHints: Record<"businessIssue" | "problem" | "solution" | "benefit", string>;
  sides: Record<PlanSide, string>;
  roles: Record<PlanRole, string>;
  cadences: string;
  audiences: Record<MeetingAudience, string>;
  every: (days: number) => string;
  /** What seed 001 asks of each customer-side role. */
  roleDuties: Partial<Record<PlanRole, string>>;
  pufu: {
    goal: string;
    winCondition: string;
    objectives: string;
    measures: string;
    factors: string;
  };
  measureStatus: Record<MeasureStatus | RoadmapItemStatus, string>;
  factors: Record<
    | "people"
    | "money"
    | "time"
    | "quality"
    | "dealStructure"
    | "environment"
    | "rivals"
    | "externalThreats",
    string
  >;
  people: (headcount: number, hours: number) => string;
  kpi: {
    kind: Record<KpiKind, string>;
    direction: Record<KpiDirection, string>;
    baseline: string;
    target: string;
    latest: string;
    measuredOn: string;
    progress: string;
    dueDate: string;
    evaluationMethod: string;
    dataSource: string;
    actual: string;
    plan: string;
    noData: string;
  };
  milestones: {
    title: string;
    dueDate: string;
    doneDate: string;
    state: string;
    states: Record<"done" | "overdue" | "upcoming", string>;
    today: string;
  };
  roadmap: {
    rank: string;
    process: string;
    purpose: string;
    how: string;
    howMuch: string;
    status: string;
    startDate: string;
    impact: string;
    difficulty: string;
    quickWins: string;
    majorProjects: string;
    fillIns: string;
    reconsider: string;
    unranked: string;
  };
  retrospective: {
    stage: (number: number, closedOn: string) => string;
    none: string;
    summary: string;
    objective: string;
    direction: string;
    directions: Record<RetrospectiveDirection, string>;
    held: string;
    didNotHold: string;
    changesNext: string;
    next: (number: number) => string;
    changeOf: (objective: string) => string;
    inProgress: string;
    nextMilestone: string;
    nothingNext: string;
  };
  risks: {
    severity: string;
    finding: string;
    target: string;
    fixedTargets: Record<
      "goal" | "winCondition" | "team" | "factors" | "roadmap" | "meetings",
      string
    >;
    severities: Record<PlanFindingSeverity, string>;
    none: string;
  };
  empty: string;
  nothingYet: string;
  /** What a slide leaves out: "他 6 件". */
  more: (count: number) => string;
  page: (index: number, count: number) => string;
  /** A note after a value: full-width parentheses in Japanese, a space and round ones in English. */
  paren: (text: string) => string;
  stage: (number: number) => string;
};

export const reportLabels: Record<ReportLanguage, ReportLabels> = {
  ja: {
    reportTitle: "評価者への報告",
    sections: {
      cover: "表紙",
      purpose: "導入目的と課題",
      team: "プロジェクト体制",
      pufu: "プ譜",
      kpis: "KGI / KPI",
      milestones: "マイルストーン",
      roadmap: "改善ロードマップ",
      retrospective: "ふりかえりと次の局面",
      risks: "未解決のリスク",
    },
    cover: {
      customer: "お客様",
      plan: "計画",
      period: "期間",
      date: "報告日",
      presenter: "報告者",
    },
    purpose: {
      businessIssue: "経営課題",
      problem: "問題",
      solution: "解決策",
      benefit: "効果",
    },
    purposeHints: {
      businessIssue: "事業として困っていること",
      problem: "現場でなぜ起きているか",
      solution: "製品をどう使って解決するか",
      benefit: "お客様が得るもの",
    },
    sides: { customer: "お客様", vendor: "当社" },
    roles: {
      finalEvaluator: "最終評価者",
      evaluator: "評価者",
      promoter: "推進者",
      user: "実利用者",
      csm: "CSM",
      sales: "営業",
      consultant: "コンサルタント",
      support: "サポート",
      other: "その他",
    },
    cadences: "会議体",
    audiences: { users: "実利用者", promoters: "推進者", evaluators: "評価者", all: "全員" },
    every: (days) =>
      days === 7
        ? "毎週"
        : days === 14
          ? "隔週"
          : days === 30 || days === 31
            ? "毎月"
            : `${days}日ごと`,
    roleDuties: {
      finalEvaluator: "費用対効果と契約更新の最終判断",
      evaluator: "利用と導入結果の評価、更新の判断",
      promoter: "推進リーダー。意見集約と社内推進",
      user: "日々利用する各部門の方",
    },
    pufu: {
      goal: "獲得目標",
      winCondition: "勝利条件",
      objectives: "中間目的",
      measures: "施策",
      factors: "廟算八要素",
    },
    measureStatus: { planned: "予定", inProgress: "進行中", done: "完了", dropped: "中止" },
    factors: {
      people: "ひと",
      money: "お金",
      time: "時間",
      quality: "クオリティ",
      dealStructure: "商流・座組",
      environment: "環境",
      rivals: "ライバル",
      externalThreats: "外敵",
    },
    people: (headcount, hours) => `${headcount}人 × 週${hours}時間`,
    kpi: {
      kind: { kgi: "KGI", kpi: "KPI" },
      direction: { increase: "高いほど良い", decrease: "低いほど良い" },
      baseline: "基準値",
      target: "目標値",
      latest: "最新値",
      measuredOn: "計測日",
      progress: "進捗",
      dueDate: "期限",
      evaluationMethod: "評価方法",
      dataSource: "データソース",
      actual: "実績",
      plan: "計画線",
      noData: "計測値も計画線もまだありません",
    },
    milestones: {
      title: "マイルストーン",
      dueDate: "期日",
      doneDate: "完了日",
      state: "状態",
      states: { done: "完了", overdue: "遅れ", upcoming: "予定" },
      today: "今日",
    },
    roadmap: {
      rank: "優先",
      process: "業務プロセス",
      purpose: "目的",
      how: "どのように",
      howMuch: "どれだけ",
      status: "状態",
      startDate: "開始日",
      impact: "インパクト",
      difficulty: "難易度",
      quickWins: "すぐやる",
      majorProjects: "じっくり取り組む",
      fillIns: "余力で",
      reconsider: "見直す",
      unranked: "インパクト・難易度が未評価の項目は表のみ",
    },
    retrospective: {
      stage: (number, closedOn) => `第${number}局面のふりかえり(${closedOn} 終了)`,
      none: "閉じた局面はまだありません。第1局面は仮説です。",
      summary: "まとめ",
      objective: "中間目的",
      direction: "あるべき状態に",
      directions: { closer: "近づいた", unchanged: "変わらない", further: "遠ざかった" },
      held: "うまくいったこと",
      didNotHold: "うまくいかなかったこと",
      changesNext: "次に変えること",
      next: (number) => `第${number}局面の重点`,
      changeOf: (objective) => objective,
      inProgress: "進行中の施策",
      nextMilestone: "次のマイルストーン",
      nothingNext: "次の局面の重点はまだ決まっていません",
    },
    risks: {
      severity: "重要度",
      finding: "指摘",
      target: "対象",
      fixedTargets: {
        goal: "獲得目標",
        winCondition: "勝利条件",
        team: "プロジェクト体制",
        factors: "廟算八要素",
        roadmap: "改善ロードマップ",
        meetings: "会議体",
      },
      severities: { error: "エラー", warning: "注意", info: "情報" },
      none: "未解決のリスクはありません",
    },
    empty: "未記入",
    nothingYet: "まだ何も登録されていません",
    more: (count) => `他 ${count} 件`,
    page: (index, count) => `(${index}/${count})`,
    paren: (text) => `(${text})`,
    stage: (number) => `第${number}局面`,
  },
  en: {
    reportTitle: "Report to the evaluators",
    sections: {
      cover: "Cover",
      purpose: "Purpose and issues",
      team: "Project team",
      pufu: "Plan map (pufu)",
      kpis: "KGI / KPI",
      milestones: "Milestones",
      roadmap: "Improvement roadmap",
      retrospective: "Retrospective and next stage",
      risks: "Open risks",
    },
    cover: {
      customer: "Customer",
      plan: "Plan",
      period: "Period",
      date: "Date",
      presenter: "Presented by",
    },
    purpose: {
      businessIssue: "Business issue",
      problem: "Problem",
      solution: "Solution",
      benefit: "Benefit",
    },
    purposeHints: {
      businessIssue: "What the business struggles with",
      problem: "Why it happens, in day-to-day work",
      solution: "How the product is used to solve it",
      benefit: "What the customer gains",
    },
    sides: { customer: "Customer", vendor: "Our team" },
    roles: {
      finalEvaluator: "Final evaluator",
      evaluator: "Evaluator",
      promoter: "Promoter",
      user: "User",
      csm: "CSM",
      sales: "Sales",
      consultant: "Consultant",
      support: "Support",
      other: "Other",
    },
    cadences: "Meeting cadence",
    audiences: {
      users: "Users",
      promoters: "Promoters",
      evaluators: "Evaluators",
      all: "Everyone",
    },
    every: (days) =>
      days === 7
        ? "weekly"
        : days === 14
          ? "every two weeks"
          : days === 30 || days === 31
            ? "monthly"
            : `every ${days} days`,
    roleDuties: {
      finalEvaluator: "Decides on value for money and renewal",
      evaluator: "Evaluates use and results; renewal",
      promoter: "Leads the project and drives use",
      user: "Uses the product day to day",
    },
    pufu: {
      goal: "Goal",
      winCondition: "Win condition",
      objectives: "Intermediate objectives",
      measures: "Measures",
      factors: "Eight factors",
    },
    measureStatus: {
      planned: "Planned",
      inProgress: "In progress",
      done: "Done",
      dropped: "Dropped",
    },
    factors: {
      people: "People",
      money: "Money",
      time: "Time",
      quality: "Quality",
      dealStructure: "Deal structure",
      environment: "Environment",
      rivals: "Rivals",
      externalThreats: "External threats",
    },
    people: (headcount, hours) => `${headcount} × ${hours} h/week`,
    kpi: {
      kind: { kgi: "KGI", kpi: "KPI" },
      direction: { increase: "Higher is better", decrease: "Lower is better" },
      baseline: "Baseline",
      target: "Target",
      latest: "Latest",
      measuredOn: "Measured on",
      progress: "Progress",
      dueDate: "Due date",
      evaluationMethod: "Evaluation method",
      dataSource: "Data source",
      actual: "Actual",
      plan: "Plan",
      noData: "No measurements and no plan line yet",
    },
    milestones: {
      title: "Milestone",
      dueDate: "Due date",
      doneDate: "Done on",
      state: "Status",
      states: { done: "Done", overdue: "Overdue", upcoming: "Upcoming" },
      today: "Today",
    },
    roadmap: {
      rank: "Rank",
      process: "Business process",
      purpose: "Purpose",
      how: "How",
      howMuch: "How much",
      status: "Status",
      startDate: "Start date",
      impact: "Impact",
      difficulty: "Difficulty",
      quickWins: "Quick wins",
      majorProjects: "Major projects",
      fillIns: "Fill-ins",
      reconsider: "Reconsider",
      unranked: "Items without impact and difficulty are in the table only",
    },
    retrospective: {
      stage: (number, closedOn) => `Retrospective of stage ${number} (closed ${closedOn})`,
      none: "No stage has been closed yet. Stage 1 is the hypothesis.",
      summary: "Summary",
      objective: "Objective",
      direction: "Desired state",
      directions: { closer: "Came closer", unchanged: "Unchanged", further: "Went further away" },
      held: "What held",
      didNotHold: "What did not hold",
      changesNext: "What changes next",
      next: (number) => `Focus of stage ${number}`,
      changeOf: (objective) => objective,
      inProgress: "Measure in progress",
      nextMilestone: "Next milestone",
      nothingNext: "The next stage's focus is not decided yet",
    },
    risks: {
      severity: "Severity",
      finding: "Finding",
      target: "About",
      fixedTargets: {
        goal: "Goal",
        winCondition: "Win condition",
        team: "Project team",
        factors: "Eight factors",
        roadmap: "Improvement roadmap",
        meetings: "Meetings",
      },
      severities: { error: "Error", warning: "Warning", info: "Info" },
      none: "No open risks",
    },
    empty: "Not written yet",
    nothingYet: "Nothing here yet",
    more: (count) => `${count} more`,
    page: (index, count) => `(${index}/${count})`,
    paren: (text) => ` (${text})`,
    stage: (number) => `Stage ${number}`,
  },
};
