/** Text in both languages we ship; the UI shows the user's. */
export type LocalizedText = { ja: string; en: string };

export type PlanFindingSeverity = "error" | "warning" | "info";

/**
 * Every plan check, in the order of DOMAIN.md's table ("Plan checks"). Codes
 * and severities are a contract with the API and the UI: add, never rename.
 */
export const planCheckCodes = [
  {
    code: "goal-missing",
    severity: "error",
    description: {
      ja: "獲得目標または勝利条件が書かれていない",
      en: "No goal or no win condition text",
    },
  },
  {
    code: "win-condition-unmeasurable",
    severity: "error",
    description: {
      ja: "勝利条件が KGI/KPI を挙げていない、またはその KPI に目標値がない",
      en: "The win condition names no KGI/KPI, or that KPI has no target",
    },
  },
  {
    code: "objective-without-measure",
    severity: "warning",
    description: {
      ja: "施策が一つも結びついていない中間目的",
      en: "An objective that no measure serves",
    },
  },
  {
    code: "measure-without-objective",
    severity: "warning",
    description: {
      ja: "どの中間目的にも結びついていない施策",
      en: "A measure linked to no objective",
    },
  },
  {
    code: "no-evaluator",
    severity: "error",
    description: {
      ja: "顧客側に最終評価者・評価者がいない",
      en: "No final evaluator or evaluator on the customer side",
    },
  },
  {
    code: "no-promoter",
    severity: "warning",
    description: { ja: "顧客側に推進者がいない", en: "No promoter on the customer side" },
  },
  {
    code: "kpi-incomplete",
    severity: "warning",
    description: {
      ja: "目標値・評価方法・データソースのいずれかが欠けた KPI",
      en: "A KPI without target, evaluation method or data source",
    },
  },
  {
    code: "over-capacity",
    severity: "warning",
    description: {
      ja: "施策の工数(週あたり時間)が廟算八要素の人数×時間を超えている",
      en: "The measures' effort (hours a week) exceeds people × hours in the eight factors",
    },
  },
  {
    code: "too-many-in-progress",
    severity: "warning",
    description: {
      ja: "同時に進行中の改善ロードマップ項目が上限を超えている",
      en: "More roadmap items in progress at once than the limit",
    },
  },
  {
    code: "task-unassigned",
    severity: "warning",
    description: { ja: "担当者または期限のないタスク", en: "A task without owner or due date" },
  },
  {
    code: "overdue",
    severity: "warning",
    description: {
      ja: "期限を過ぎて完了していないマイルストーンやタスク",
      en: "A milestone or task past its due date and not done",
    },
  },
  {
    code: "evaluator-not-met",
    severity: "warning",
    description: {
      ja: "評価者との会議が会議体の間隔より長く開かれていない",
      en: "No meeting with an evaluator for longer than the evaluator cadence",
    },
  },
  {
    code: "exit-criterion-unrealistic",
    severity: "info",
    description: {
      ja: "100% を求める、または数値のないフェーズのゴール",
      en: "A phase exit criterion at 100% or with no number",
    },
  },
] as const satisfies readonly {
  code: string;
  severity: PlanFindingSeverity;
  description: LocalizedText;
}[];

export type PlanCheckCode = (typeof planCheckCodes)[number]["code"];

export const planCheckSeverities = Object.fromEntries(
  planCheckCodes.map(({ code, severity }) => [code, severity]),
) as { [C in PlanCheckCode]: Extract<(typeof planCheckCodes)[number], { code: C }>["severity"] };

/**
 * One finding. `target` is the key of the element it is about (`o2`, `m5`,
 * `k1`), or, when no element has a key, one of the fixed targets "goal",
 * "winCondition", "team", "factors", "roadmap" or "meetings". `params` carry
 * the values in the message, for a UI that words it differently.
 */
export type PlanFinding = {
  code: PlanCheckCode;
  severity: PlanFindingSeverity;
  target: string;
  message: LocalizedText;
  params?: Record<string, string | number>;
};
