import { z } from "zod";
import { isoDateSchema } from "../accounts/account-fields";
import { AppError } from "../errors";
import type { PlanExitCriterion } from "../success-plan/plan-checks";
import { daysBetween } from "../success-plan/plan-dates";
import { type DisplayText, displayTextSchema } from "../usage/display-text";
import { type MetricValues, metricUnit } from "../usage/metric-ref";
import type { UsageLabels } from "../usage/usage-labels";
import {
  describeComparison,
  evaluateRule,
  type MetricRule,
  metricRuleSchema,
  type RulePart,
} from "./rules";

/*
 * Lifecycle phases (seed 003): an ordered list a workspace can edit. Each
 * phase carries the four columns of seed 003's design table (what the user
 * does, what they experience, what service we give, the phase's goal) and its
 * exit criteria as rules on data. An account leaves its phase when every
 * exit criterion holds: moved at once, or proposed to the CSM, per workspace.
 */

const phaseKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a key of 1 to 64 letters, digits, _ or -");

export const exitCriterionSchema = z.strictObject({
  key: phaseKey,
  name: displayTextSchema,
  rule: metricRuleSchema,
});
export type ExitCriterion = z.infer<typeof exitCriterionSchema>;

export const phaseSchema = z.strictObject({
  key: phaseKey,
  name: displayTextSchema,
  /** ユーザーが実行すること */
  userActions: displayTextSchema.optional(),
  /** ユーザーが体験すること */
  userExperience: displayTextSchema.optional(),
  /** 提供するサービス */
  services: displayTextSchema.optional(),
  /** フェーズのゴール, in words; `exitCriteria` is the same goal as rules. */
  goal: displayTextSchema.optional(),
  /** Empty: the phase is left only by hand (the last phase, or one with no data to judge). */
  exitCriteria: z
    .array(exitCriterionSchema)
    .max(20)
    .superRefine((criteria, ctx) => {
      const seen = new Set<string>();
      criteria.forEach((criterion, index) => {
        if (seen.has(criterion.key)) {
          ctx.addIssue({
            code: "custom",
            path: [index, "key"],
            message: `repeats the key "${criterion.key}"`,
          });
        }
        seen.add(criterion.key);
      });
    }),
});
export type Phase = z.infer<typeof phaseSchema>;

export const phasesSchema = z
  .array(phaseSchema)
  .min(1, "must define at least one phase")
  .max(30)
  .superRefine((phases, ctx) => {
    const seen = new Set<string>();
    phases.forEach((phase, index) => {
      if (seen.has(phase.key)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "key"],
          message: `repeats the key "${phase.key}"`,
        });
      }
      seen.add(phase.key);
    });
  });

export const phaseModes = ["auto", "propose"] as const;
export type PhaseMode = (typeof phaseModes)[number];

export type ExitCriterionResult = {
  key: string;
  name: DisplayText;
  holds: boolean;
  parts: RulePart[];
};

export type PhaseDecision = {
  /** The phase the account is in. */
  phase: string;
  criteria: ExitCriterionResult[];
  /** Every criterion holds; false for a phase without criteria. */
  allHold: boolean;
  /** The phase after this one in the list; null for the last. */
  nextPhase: string | null;
  /** stay; move (auto mode: the account moves on now); propose (propose mode: the CSM confirms). */
  action: "stay" | "move" | "propose";
  /** Where the account is after the decision: nextPhase when moved, else the phase. */
  resultPhase: string;
};

/**
 * Whether an account's exit criteria hold in its current phase, and what
 * follows. One step at a time: a move is recorded with its date and the
 * next phase's criteria are judged at the next recompute, so history shows
 * every phase the account went through.
 * Throws AppError("bad-request") for a phase key not in the list.
 */
export const decidePhase = (
  phases: readonly Phase[],
  currentKey: string,
  metrics: MetricValues,
  { mode }: { mode: PhaseMode },
): PhaseDecision => {
  const index = phases.findIndex((phase) => phase.key === currentKey);
  const phase = phases[index];
  if (phase === undefined) {
    throw new AppError("bad-request", `"${currentKey}" is not one of the workspace's phases`);
  }
  const criteria = phase.exitCriteria.map((criterion) => ({
    key: criterion.key,
    name: criterion.name,
    ...evaluateRule(criterion.rule, metrics),
  }));
  const allHold = criteria.length > 0 && criteria.every((criterion) => criterion.holds);
  const nextPhase = phases[index + 1]?.key ?? null;
  const action = !allHold || nextPhase === null ? "stay" : mode === "auto" ? "move" : "propose";
  return {
    phase: currentKey,
    criteria,
    allHold,
    nextPhase,
    action,
    resultPhase: action === "move" && nextPhase !== null ? nextPhase : currentKey,
  };
};

/** One entry of an account's phase history: the phase it entered and when. */
export const phaseHistoryEntrySchema = z.strictObject({ phase: phaseKey, since: isoDateSchema });
export type PhaseHistoryEntry = z.infer<typeof phaseHistoryEntrySchema>;

export type PhaseStay = {
  phase: string;
  since: string;
  /** The day the next phase was entered; null for the current stay. */
  until: string | null;
  /** Days in the phase: to `until`, or to asOf for the current stay (null without asOf). */
  days: number | null;
};

/** An account's history as stays, oldest first (entries may come in any order). */
export const phaseStays = (history: readonly PhaseHistoryEntry[], asOf?: string): PhaseStay[] => {
  const ordered = [...history].sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  return ordered.map((entry, index) => {
    const until = ordered[index + 1]?.since ?? null;
    const end = until ?? asOf;
    return {
      phase: entry.phase,
      since: entry.since,
      until,
      days: end === undefined ? null : daysBetween(entry.since, end),
    };
  });
};

/** The current phase and how many days the account has been in it; null without history. */
export const timeInPhase = (
  history: readonly PhaseHistoryEntry[],
  asOf: string,
): { phase: string; since: string; days: number } | null => {
  const current = phaseStays(history, asOf).at(-1);
  return current === undefined
    ? null
    : { phase: current.phase, since: current.since, days: current.days! };
};

/** Median of numbers: the middle one, or the mean of the two middle ones. */
const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export type PhaseTimeSummary = { medianDays: number | null; completedStays: number };

/**
 * Median days per phase over many accounts' histories. Only completed stays
 * count: an account still in its phase has not yet shown how long it takes,
 * and counting it short would pull the median down (right-censoring).
 * A phase revisited counts each stay.
 */
export const medianTimeInPhase = (
  histories: readonly (readonly PhaseHistoryEntry[])[],
): Record<string, PhaseTimeSummary> => {
  const days = new Map<string, number[]>();
  for (const history of histories) {
    for (const stay of phaseStays(history)) {
      if (stay.until === null || stay.days === null) continue;
      const list = days.get(stay.phase) ?? [];
      list.push(stay.days);
      days.set(stay.phase, list);
    }
  }
  return Object.fromEntries(
    [...days.entries()].map(([phase, list]) => [
      phase,
      { medianDays: median(list), completedStays: list.length },
    ]),
  );
};

const comparisons = (rule: MetricRule): Extract<MetricRule, { metric: unknown }>[] =>
  "all" in rule
    ? rule.all.flatMap(comparisons)
    : "any" in rule
      ? rule.any.flatMap(comparisons)
      : [rule];

/**
 * Exit criteria in the form checkPlan's exit-criterion-unrealistic check
 * reads: one entry per comparison, keyed phase.criterion, so a criterion
 * asking for 100 % of seats is flagged where it is written; its text in both
 * languages, as findings carry both.
 */
export const planExitCriteria = (
  phases: readonly Phase[],
  labels?: UsageLabels,
): PlanExitCriterion[] =>
  phases.flatMap((phase) =>
    phase.exitCriteria.flatMap((criterion) =>
      comparisons(criterion.rule).map((comparison) => ({
        key: `${phase.key}.${criterion.key}`,
        text: {
          ja: describeComparison(comparison, "ja", labels),
          en: describeComparison(comparison, "en", labels),
        },
        threshold: comparison.value,
        ...(metricUnit(comparison.metric) === "percent" ? { unit: "%" } : {}),
      })),
    ),
  );
