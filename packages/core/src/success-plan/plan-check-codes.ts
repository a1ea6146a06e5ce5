/** Text in both languages we ship; the UI shows the user's. */
export type LocalizedText = { ja: string; en: string };

export type PlanFindingSeverity = "error" | "warning" | "info";

/**
 * Every plan check, in the order of DOMAIN.md's table ("Plan checks"). Codes
 * and severities are a contract with the API and the UI: add, never rename.
 * `reasons`, where a check words its finding in more than one way, are the
 * values its findings carry in `params.reason`, so a UI can word each case;
 * a check without `reasons` words every finding one way and sets no reason.
 */
export const planCheckCodes = [
  {
    code: "goal-missing",
    severity: "error",
    description: {
      ja: "獲得目標または勝利条件が書かれていない",
      en: "No goal or no win condition text",
    },
    reasons: ["goal", "win-condition"],
  },
  {
    code: "win-condition-unmeasurable",
    severity: "error",
    description: {
      ja: "勝利条件が KGI/KPI を挙げていない、またはその KPI に目標値がない",
      en: "The win condition names no KGI/KPI, or that KPI has no target",
    },
    reasons: ["no-kpi", "unknown-kpi", "no-target"],
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
    reasons: ["milestone", "task"],
  },
  {
    code: "evaluator-not-met",
    severity: "warning",
    description: {
      ja: "評価者との会議が会議体の間隔より長く開かれていない",
      en: "No meeting with an evaluator for longer than the evaluator cadence",
    },
    reasons: ["last-meeting", "no-meeting"],
  },
  {
    code: "exit-criterion-unrealistic",
    severity: "info",
    description: {
      ja: "100% を求める、または数値のないフェーズのゴール",
      en: "A phase exit criterion at 100% or with no number",
    },
    reasons: ["no-number", "hundred-percent"],
  },
] as const satisfies readonly {
  code: string;
  severity: PlanFindingSeverity;
  description: LocalizedText;
  reasons?: readonly string[];
}[];

export type PlanCheckCode = (typeof planCheckCodes)[number]["code"];

export const planCheckSeverities = Object.fromEntries(
  planCheckCodes.map(({ code, severity }) => [code, severity]),
) as { [C in PlanCheckCode]: Extract<(typeof planCheckCodes)[number], { code: C }>["severity"] };

/**
 * One finding. `target` is the key of the element it is about (`o2`, `m5`,
 * `k1`), or, when no element has a key, one of the fixed targets "goal",
 * "winCondition", "team", "factors", "roadmap" or "meetings". `params` carry
 * the values in the message, for a UI that words it differently: dates as
 * YYYY-MM-DD, and text that has a wording per language (an exit criterion)
 * in both languages.
 */
export type PlanFinding = {
  code: PlanCheckCode;
  severity: PlanFindingSeverity;
  target: string;
  message: LocalizedText;
  params?: Record<string, string | number | LocalizedText>;
};

/**
 * A finding that only restates another is not shown: the plan gets the one
 * that names the cause. `code`'s finding drops each `supersedes` finding
 * on the whole plan (`on: "plan"`) or on the same target (`on: "target"`),
 * and, with `when`, only one whose params hold those values (one that says
 * more than the restatement stays). Every relation of the checks is here and
 * nowhere else; checkPlan applies them to the findings of every rule.
 */
export type PlanCheckSupersession = {
  code: PlanCheckCode;
  supersedes: PlanCheckCode;
  on: "plan" | "target";
  when?: Record<string, string>;
};

export const planCheckSupersessions: readonly PlanCheckSupersession[] = [
  {
    // Without an evaluator there is nobody to meet: "add an evaluator" is the finding.
    code: "no-evaluator",
    supersedes: "evaluator-not-met",
    on: "plan",
  },
  {
    // A blank win condition names no KPI either: "write the win condition" comes first.
    // One that names a KPI that does not exist says more, and stays.
    code: "goal-missing",
    supersedes: "win-condition-unmeasurable",
    on: "target",
    when: { reason: "no-kpi" },
  },
  {
    // The win condition's KPI without a target is the error; the same KPI's
    // "has no target" warning says nothing more, unless it lacks more than that.
    code: "win-condition-unmeasurable",
    supersedes: "kpi-incomplete",
    on: "target",
    when: { missing: "target" },
  },
];
