import { type DisplayText, localizeText } from "../usage/display-text";
import {
  type LocalizedText,
  type PlanCheckCode,
  type PlanFinding,
  planCheckSeverities,
  planCheckSupersessions,
} from "./plan-check-codes";
import { daysBetween } from "./plan-dates";
import type { MeetingAudience, PlanDocument } from "./plan-document";

/** A meeting held, from the plan's meeting records (outside the document). */
export type PlanMeetingRecord = { date: string; audience: MeetingAudience };

/**
 * A lifecycle phase's exit criterion, as far as the realism check needs it:
 * its text in words (one for both languages, or one per language).
 */
export type PlanExitCriterion = {
  key: string;
  text: DisplayText;
  threshold?: number;
  unit?: string;
};

/**
 * What the checks read besides the plan. The product builds it in one place,
 * buildPlanCheckOptions (plan-check-options.ts), so that no caller leaves a
 * check out; tests may write it by hand.
 */
export type CheckPlanOptions = {
  /** The day the plan is checked on, YYYY-MM-DD, in the workspace's time zone. */
  today: string;
  limits?: { maxInProgress?: number };
  /** Meetings held. Without them, evaluator-not-met is not checked. */
  meetings?: readonly PlanMeetingRecord[];
  /** Exit criteria of the lifecycle phases the account goes through (none: nothing to check). */
  exitCriteria: readonly PlanExitCriterion[];
};

export const DEFAULT_MAX_IN_PROGRESS = 3;
/** Seed 001: evaluators hear from us monthly or every two weeks; a plan with no cadence gets the looser. */
export const DEFAULT_EVALUATOR_CADENCE_DAYS = 30;

type Context = {
  plan: PlanDocument;
  options: CheckPlanOptions;
  finding: (
    code: PlanCheckCode,
    target: string,
    message: LocalizedText,
    params?: PlanFinding["params"],
  ) => PlanFinding;
};
type Rule = (context: Context) => PlanFinding[];

/** String#trim also takes the full-width space, so "\u3000" counts as blank. */
const isBlank = (text: string | undefined) => text === undefined || text.trim() === "";

const days = (count: number) => `${count} day${count === 1 ? "" : "s"}`;

const joinEn = (items: readonly string[]) =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;

const isEvaluatorAudience = (audience: MeetingAudience) =>
  audience === "evaluators" || audience === "all";

/**
 * A blank goal (target "goal") and a blank win condition text (target
 * "winCondition") are each a finding; blank is empty or only spaces.
 */
const goalMissing: Rule = ({ plan, finding }) => [
  ...(isBlank(plan.pufu.goal)
    ? [
        finding(
          "goal-missing",
          "goal",
          {
            ja: "獲得目標が書かれていません。プロジェクトが何を勝ち取るのかを一行で書いてください。",
            en: "The goal is missing. Write in one line what the project sets out to win.",
          },
          { reason: "goal" },
        ),
      ]
    : []),
  ...(isBlank(plan.pufu.winCondition.text)
    ? [
        finding(
          "goal-missing",
          "winCondition",
          {
            ja: "勝利条件が書かれていません。獲得目標を達成したと分かる成果を書いてください。",
            en: "The win condition is missing. Write the outcome that tells the goal is won.",
          },
          { reason: "win-condition" },
        ),
      ]
    : []),
];

/**
 * The win condition names at least one KGI/KPI (either kind), and every KPI it
 * names exists and has a target. One finding for naming none (target
 * "winCondition"), one per named key with no KPI (target "winCondition"), one
 * per named KPI without a target (target: that KPI).
 */
const winConditionUnmeasurable: Rule = ({ plan, finding }) => {
  const kpiKeys = plan.pufu.winCondition.kpiKeys ?? [];
  if (kpiKeys.length === 0) {
    return [
      finding(
        "win-condition-unmeasurable",
        "winCondition",
        {
          ja: "勝利条件が KGI/KPI に結びついていないため、達成したかを測れません。",
          en: "The win condition names no KGI/KPI, so nobody can tell when it is met.",
        },
        { reason: "no-kpi" },
      ),
    ];
  }
  return kpiKeys.flatMap((kpiKey) => {
    const kpi = plan.kpis?.find((candidate) => candidate.key === kpiKey);
    if (!kpi) {
      return [
        finding(
          "win-condition-unmeasurable",
          "winCondition",
          {
            ja: `勝利条件が挙げている KPI「${kpiKey}」がありません。`,
            en: `The win condition names the KPI ${kpiKey}, which does not exist.`,
          },
          { kpiKey, reason: "unknown-kpi" },
        ),
      ];
    }
    if (kpi.target !== undefined) return [];
    return [
      finding(
        "win-condition-unmeasurable",
        kpi.key,
        {
          ja: `勝利条件の KPI「${kpi.name}」に目標値がないため、達成したかを測れません。`,
          en: `The win condition's KPI "${kpi.name}" has no target, so nobody can tell when it is met.`,
        },
        { kpiKey: kpi.key, name: kpi.name, reason: "no-target" },
      ),
    ];
  });
};

/** Every objective is listed by a measure that is not dropped (a dropped measure serves nothing). */
const objectiveWithoutMeasure: Rule = ({ plan, finding }) => {
  const served = new Set(
    (plan.pufu.measures ?? [])
      .filter((measure) => measure.status !== "dropped")
      .flatMap((measure) => measure.objectiveKeys ?? []),
  );
  return (plan.pufu.objectives ?? [])
    .filter((objective) => !served.has(objective.key))
    .map((objective) =>
      finding(
        "objective-without-measure",
        objective.key,
        {
          ja: `中間目的「${objective.title}」のための施策がありません。`,
          en: `No measure serves the objective "${objective.title}".`,
        },
        { title: objective.title },
      ),
    );
};

/**
 * Every measure that is not dropped lists at least one objective that exists
 * (seed 000: a measure is always drawn with an arrow to an objective).
 */
const measureWithoutObjective: Rule = ({ plan, finding }) => {
  const objectiveKeys = new Set((plan.pufu.objectives ?? []).map((objective) => objective.key));
  return (plan.pufu.measures ?? [])
    .filter(
      (measure) =>
        measure.status !== "dropped" &&
        !(measure.objectiveKeys ?? []).some((key) => objectiveKeys.has(key)),
    )
    .map((measure) =>
      finding(
        "measure-without-objective",
        measure.key,
        {
          ja: `施策「${measure.title}」がどの中間目的にも結びついていません。施策は中間目的のために行います。`,
          en: `The measure "${measure.title}" is linked to no objective; every measure must serve one.`,
        },
        { title: measure.title },
      ),
    );
};

/** Someone on the customer side is the final evaluator or an evaluator. */
const noEvaluator: Rule = ({ plan, finding }) =>
  (plan.team ?? []).some(
    (member) =>
      member.side === "customer" &&
      (member.role === "finalEvaluator" || member.role === "evaluator"),
  )
    ? []
    : [
        finding("no-evaluator", "team", {
          ja: "顧客側に評価者(最終評価者または評価者)がいません。費用対効果と契約更新を判断する人をプロジェクト体制に加えてください。",
          en: "There is no evaluator (final evaluator or evaluator) on the customer side. Add the person who judges value for money and renewal to the project team.",
        }),
      ];

/** Someone on the customer side is a promoter. */
const noPromoter: Rule = ({ plan, finding }) =>
  (plan.team ?? []).some((member) => member.side === "customer" && member.role === "promoter")
    ? []
    : [
        finding("no-promoter", "team", {
          ja: "顧客側に推進者がいません。利用を推進し、社内に報告する人をプロジェクト体制に加えてください。",
          en: "There is no promoter on the customer side. Add the person who drives use and reports upward to the project team.",
        }),
      ];

const kpiFieldNames = {
  target: { ja: "目標値", en: "target" },
  evaluationMethod: { ja: "評価方法", en: "evaluation method" },
  dataSource: { ja: "データソース", en: "data source" },
} as const;

/**
 * Every KPI, KGIs included, has a target, a non-blank evaluation method and a
 * non-blank data source. One finding per KPI, listing what it lacks.
 */
const kpiIncomplete: Rule = ({ plan, finding }) =>
  (plan.kpis ?? []).flatMap((kpi) => {
    const missing = (["target", "evaluationMethod", "dataSource"] as const).filter((field) =>
      field === "target" ? kpi.target === undefined : isBlank(kpi[field]),
    );
    if (missing.length === 0) return [];
    return [
      finding(
        "kpi-incomplete",
        kpi.key,
        {
          ja: `KPI「${kpi.name}」に${missing.map((field) => kpiFieldNames[field].ja).join("・")}がありません。`,
          en: `The KPI "${kpi.name}" has no ${joinEn(missing.map((field) => kpiFieldNames[field].en))}.`,
        },
        { name: kpi.name, missing: missing.join(",") },
      ),
    ];
  });

/**
 * The effort of the measures still to be carried out (status planned,
 * inProgress or none; done and dropped ones take no more time), summed from
 * effortHoursPerWeek (missing counts as 0), is at most
 * factors.headcount × factors.hoursPerWeekPerPerson. Not checked unless both
 * numbers are in the factors. Every measure counts, whoever owns it: the
 * factors are read as the people the plan has.
 */
const overCapacity: Rule = ({ plan, finding }) => {
  const { headcount, hoursPerWeekPerPerson } = plan.pufu.factors ?? {};
  if (headcount === undefined || hoursPerWeekPerPerson === undefined) return [];
  const capacityHours = headcount * hoursPerWeekPerPerson;
  const effortHours = (plan.pufu.measures ?? [])
    .filter((measure) => measure.status !== "done" && measure.status !== "dropped")
    .reduce((sum, measure) => sum + (measure.effortHoursPerWeek ?? 0), 0);
  // Fractional hours add up with float error (0.1 + 0.2); a hair over is not over.
  if (effortHours - capacityHours <= 1e-9) return [];
  const rounded = Math.round(effortHours * 100) / 100;
  return [
    finding(
      "over-capacity",
      "factors",
      {
        ja: `施策の工数が週${rounded}時間あり、廟算八要素の人数×時間(${headcount}人×週${hoursPerWeekPerPerson}時間=週${capacityHours}時間)を超えています。`,
        en: `The measures take ${rounded} hours a week, more than the ${capacityHours} the eight factors give (${headcount} people × ${hoursPerWeekPerPerson} hours a week).`,
      },
      { effortHours: rounded, capacityHours, headcount, hoursPerWeekPerPerson },
    ),
  ];
};

/** At most `limits.maxInProgress` (default 3) roadmap items have status inProgress. */
const tooManyInProgress: Rule = ({ plan, options, finding }) => {
  const limit = options.limits?.maxInProgress ?? DEFAULT_MAX_IN_PROGRESS;
  const inProgress = (plan.roadmap ?? []).filter((item) => item.status === "inProgress");
  if (inProgress.length <= limit) return [];
  return [
    finding(
      "too-many-in-progress",
      "roadmap",
      {
        ja: `改善ロードマップの項目が${inProgress.length}件同時に進行中で、上限の${limit}件を超えています。同時に多くの業務を変えようとすると、どれも定着しません。`,
        en: `${inProgress.length} roadmap items are in progress at once, more than the limit of ${limit}. Changing many processes at once leaves none of them settled.`,
      },
      { count: inProgress.length, limit, keys: inProgress.map((item) => item.key).join(",") },
    ),
  ];
};

/**
 * Every task not yet done has an owner who is on the team (an ownerKey that
 * names nobody counts as no owner) and a due date. Done tasks are left alone.
 */
const taskUnassigned: Rule = ({ plan, finding }) => {
  const teamKeys = new Set((plan.team ?? []).map((member) => member.key));
  return (plan.tasks ?? []).flatMap((task) => {
    if (task.status === "done") return [];
    const missing = [
      ...(task.ownerKey === undefined || !teamKeys.has(task.ownerKey) ? ["owner" as const] : []),
      ...(task.dueDate === undefined ? ["dueDate" as const] : []),
    ];
    if (missing.length === 0) return [];
    const names = { owner: { ja: "担当者", en: "owner" }, dueDate: { ja: "期限", en: "due date" } };
    return [
      finding(
        "task-unassigned",
        task.key,
        {
          ja: `タスク「${task.title}」に${missing.map((field) => names[field].ja).join("と")}がありません。`,
          en: `The task "${task.title}" has no ${joinEn(missing.map((field) => names[field].en))}.`,
        },
        { title: task.title, missing: missing.join(",") },
      ),
    ];
  });
};

/**
 * A milestone with a due date before today and no doneDate, or a task with a
 * due date before today and a status other than done. Due today is not overdue.
 */
const overdue: Rule = ({ plan, options: { today }, finding }) => {
  const late = (dueDate: string | undefined): dueDate is string =>
    dueDate !== undefined && dueDate < today;
  const milestones = (plan.milestones ?? [])
    .filter((milestone) => milestone.doneDate === undefined && late(milestone.dueDate))
    .map((milestone) => {
      const daysOverdue = daysBetween(milestone.dueDate!, today);
      return finding(
        "overdue",
        milestone.key,
        {
          ja: `マイルストーン「${milestone.title}」が期限(${milestone.dueDate})を${daysOverdue}日過ぎても完了していません。`,
          en: `The milestone "${milestone.title}" is ${days(daysOverdue)} past its due date (${milestone.dueDate}) and not done.`,
        },
        { title: milestone.title, dueDate: milestone.dueDate!, daysOverdue, reason: "milestone" },
      );
    });
  const tasks = (plan.tasks ?? [])
    .filter((task) => task.status !== "done" && late(task.dueDate))
    .map((task) => {
      const daysOverdue = daysBetween(task.dueDate!, today);
      return finding(
        "overdue",
        task.key,
        {
          ja: `タスク「${task.title}」が期限(${task.dueDate})を${daysOverdue}日過ぎても完了していません。`,
          en: `The task "${task.title}" is ${days(daysOverdue)} past its due date (${task.dueDate}) and not done.`,
        },
        { title: task.title, dueDate: task.dueDate!, daysOverdue, reason: "task" },
      );
    });
  return [...milestones, ...tasks];
};

/**
 * Checked only when `meetings` are given. The evaluator cadence is the
 * shortest everyDays among cadences whose audience is evaluators or all
 * (default 30 days when the plan has none). The clock starts at the latest
 * meeting on or before today with audience evaluators or all; with none, at
 * period.start; with neither, there is nothing to count from and no finding.
 * A finding when more days than the cadence have passed (exactly the cadence
 * is still on time). Target: that cadence's key, or "meetings".
 */
const evaluatorNotMet: Rule = ({ plan, options: { today, meetings }, finding }) => {
  if (meetings === undefined) return [];
  const cadence = (plan.meetingCadences ?? [])
    .filter((candidate) => isEvaluatorAudience(candidate.audience))
    .toSorted((a, b) => a.everyDays - b.everyDays)[0];
  const cadenceDays = cadence?.everyDays ?? DEFAULT_EVALUATOR_CADENCE_DAYS;
  const lastMeeting = meetings
    .filter((meeting) => isEvaluatorAudience(meeting.audience) && meeting.date <= today)
    .map((meeting) => meeting.date)
    .sort()
    .at(-1);
  const since = lastMeeting ?? plan.period?.start;
  if (since === undefined) return [];
  const daysSince = daysBetween(since, today);
  if (daysSince <= cadenceDays) return [];
  const message: LocalizedText = lastMeeting
    ? {
        ja: `評価者との会議が${daysSince}日開かれていません(前回 ${lastMeeting}、会議体は${cadenceDays}日ごと)。効果を評価者に伝えてください。`,
        en: `No meeting with evaluators for ${days(daysSince)} (last on ${lastMeeting}); the cadence is every ${days(cadenceDays)}. Keep the evaluators informed.`,
      }
    : {
        ja: `計画開始(${since})から${daysSince}日、評価者との会議が一度も開かれていません(会議体は${cadenceDays}日ごと)。`,
        en: `No meeting with evaluators in the ${days(daysSince)} since the plan started (${since}); the cadence is every ${days(cadenceDays)}.`,
      };
  return [
    finding("evaluator-not-met", cadence?.key ?? "meetings", message, {
      daysSince,
      cadenceDays,
      since,
      reason: lastMeeting ? "last-meeting" : "no-meeting",
    }),
  ];
};

const isPercentUnit = (unit: string) =>
  /^(%|percent|パーセント)$/i.test(unit.normalize("NFKC").trim());

/**
 * The criterion's number and whether it asks for 100%: from `threshold` and
 * `unit` when a threshold is given, else from the numbers in the text (in
 * either language). NFKC turns "１００％" into "100%", as Japanese text often
 * has them.
 */
const readCriterion = ({ text, threshold, unit }: PlanExitCriterion) => {
  if (threshold !== undefined) {
    return {
      hasNumber: true,
      hundredPercent: threshold === 100 && unit !== undefined && isPercentUnit(unit),
    };
  }
  const words = `${localizeText(text, "ja")}\n${localizeText(text, "en")}`;
  const numbers = [
    ...words.normalize("NFKC").matchAll(/(\d+(?:\.\d+)?)\s*(%|percent|パーセント)?/gi),
  ];
  return {
    hasNumber: numbers.length > 0,
    hundredPercent: numbers.some((match) => Number(match[1]) === 100 && match[2] !== undefined),
  };
};

/**
 * Seed 003: an exit criterion is quantitative and realistic, so not 100%.
 * Flagged: a criterion with no number (no threshold and no number in its
 * text), or one that asks for exactly 100%: threshold 100 with unit "%" (or
 * "percent", "パーセント"; without a unit 100 may be a count), or, with no
 * threshold, "100%" in its text. Above 100% is left alone: ratios such as
 * NRR 110% are realistic.
 */
const exitCriterionUnrealistic: Rule = ({ options, finding }) =>
  (options.exitCriteria ?? []).flatMap((criterion) => {
    const { hasNumber, hundredPercent } = readCriterion(criterion);
    const { key, text } = criterion;
    const ja = localizeText(text, "ja");
    const en = localizeText(text, "en");
    if (!hasNumber) {
      return [
        finding(
          "exit-criterion-unrealistic",
          key,
          {
            ja: `フェーズのゴール「${ja}」に数値がありません。データで判定できる定量的な基準にしてください。`,
            en: `The exit criterion "${en}" has no number; make it a quantitative rule on data.`,
          },
          { text, reason: "no-number" },
        ),
      ];
    }
    if (!hundredPercent) return [];
    return [
      finding(
        "exit-criterion-unrealistic",
        key,
        {
          ja: `フェーズのゴール「${ja}」が100%を求めています。現実的な水準にしてください。`,
          en: `The exit criterion "${en}" asks for 100%; set a realistic level.`,
        },
        { text, reason: "hundred-percent" },
      ),
    ];
  });

/** In the order of planCheckCodes, so findings come out in the table's order. */
const rules: readonly Rule[] = [
  goalMissing,
  winConditionUnmeasurable,
  objectiveWithoutMeasure,
  measureWithoutObjective,
  noEvaluator,
  noPromoter,
  kpiIncomplete,
  overCapacity,
  tooManyInProgress,
  taskUnassigned,
  overdue,
  evaluatorNotMet,
  exitCriterionUnrealistic,
];

/**
 * Whether `by` makes `finding` a restatement, per planCheckSupersessions.
 * Every finding is compared with every other, dropped ones included (what
 * restates a restatement restates the cause too), so no order of dropping
 * is needed.
 */
const supersedes = (by: PlanFinding, finding: PlanFinding) =>
  planCheckSupersessions.some(
    (relation) =>
      relation.code === by.code &&
      relation.supersedes === finding.code &&
      (relation.on === "plan" || by.target === finding.target) &&
      Object.entries(relation.when ?? {}).every(
        ([name, value]) => finding.params?.[name] === value,
      ),
  );

/**
 * The plan's own health: every finding of every check, in the order of
 * planCheckCodes, less those that only restate another (planCheckSupersessions).
 */
export const checkPlan = (plan: PlanDocument, options: CheckPlanOptions): PlanFinding[] => {
  const finding: Context["finding"] = (code, target, message, params) => ({
    code,
    severity: planCheckSeverities[code],
    target,
    message,
    ...(params ? { params } : {}),
  });
  const all = rules.flatMap((rule) => rule({ plan, options, finding }));
  return all.filter((candidate) => !all.some((by) => supersedes(by, candidate)));
};
