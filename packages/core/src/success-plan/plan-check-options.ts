import { type Phase, planExitCriteria } from "../lifecycle/phases";
import type { UsageLabels } from "../usage/usage-labels";
import {
  type CheckPlanOptions,
  DEFAULT_MAX_IN_PROGRESS,
  type PlanMeetingRecord,
} from "./plan-checks";
import { todayInTokyo } from "./plan-dates";

export type PlanCheckInputs = {
  /** The moment of the check; "today" is its date in Tokyo unless `asOf` names a day. */
  now: Date;
  /** Checks the plan as of this day (YYYY-MM-DD) instead of today. */
  asOf?: string;
  /** The workspace's lifecycle phases (its CS model, or core's defaults): their exit criteria are checked. */
  phases: readonly Phase[];
  /**
   * The plan's meeting records, or null when they are not known (yet): then
   * evaluator-not-met is left out rather than raised for want of them.
   */
  meetings: readonly PlanMeetingRecord[] | null;
  /** The workspace's names of events and products, for the exit criteria's words. */
  usageLabels?: UsageLabels;
};

/**
 * The one way to build checkPlan's options, for every place the product runs
 * the checks (the API, the editor, the print view, a closed stage): each
 * check gets what it reads, so every code in planCheckCodes can fire wherever
 * a plan is checked. A check that needs something new gets it here.
 */
export const buildPlanCheckOptions = ({
  now,
  asOf,
  phases,
  meetings,
  usageLabels,
}: PlanCheckInputs): CheckPlanOptions => ({
  today: asOf ?? todayInTokyo(now),
  // No per-workspace setting yet: the default of DOMAIN.md.
  limits: { maxInProgress: DEFAULT_MAX_IN_PROGRESS },
  ...(meetings === null ? {} : { meetings }),
  exitCriteria: planExitCriteria(phases, usageLabels),
});
