import { z } from "zod";
import { isoDateSchema } from "../accounts/account-fields";
import { healthBands } from "../health/scorecard";
import { daysBetween } from "../success-plan/plan-dates";
import { addCalendarDays } from "../usage/metrics";
import {
  bandOf,
  type ConditionEvaluation,
  type ConditionFacts,
  evaluatePlaybookCondition,
} from "./conditions";
import type { Playbook, PlaybookTrigger } from "./playbook";

/*
 * A signal is what changed on one account, as the part of Michi that saw it
 * reports it (the health recompute, the phase decision, plan checks, the
 * daily renewal sweep, usage ingestion, a user). Matching turns a signal and
 * the account's facts into the playbooks that fire, each with an occurrence:
 * a text that names this occurrence of the trigger on this account and
 * nothing else. The database keeps a unique (playbook, account, occurrence)
 * key, so a recompute that runs twice, or two server processes that see the
 * same change, insert one run and the second insert is refused.
 *
 * What names an occurrence is chosen so that detecting it again gives the
 * same text, and a new occurrence gives a new one:
 * - a change (band, phase, maturity, a finding appearing) is named by its
 *   states and the day it happened: scores are daily, so red → green → red
 *   over two days is two occurrences, and a second recompute on the same day
 *   sees the same day;
 * - a lasting state (a pending proposal, a KPI behind plan, an overdue
 *   milestone, a renewal window, a score drop) is named by what stays fixed
 *   while it lasts: the day the account entered its phase, the first
 *   measurement behind plan, the milestone's due date, the contract's
 *   renewal date, the first day of the drop;
 * - an event by its message id; a manual start by the request's id.
 */

const id = z.string().trim().min(1).max(200);
const band = z.enum(healthBands).nullable();
const day = isoDateSchema;
const name = z.string().trim().min(1).max(500);
const localized = z.strictObject({ ja: name, en: name });

export const playbookSignalSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("healthBandChanged"),
    accountId: id,
    at: day,
    from: band,
    to: band,
  }),
  /** The day's score with the days before it (at least the trigger's window), oldest first. */
  z.strictObject({
    kind: z.literal("healthScored"),
    accountId: id,
    at: day,
    scores: z.array(z.strictObject({ day, score: z.number().min(0).max(100).nullable() })).max(400),
  }),
  z.strictObject({
    kind: z.literal("phaseChanged"),
    accountId: id,
    at: day,
    from: id.nullable(),
    to: id,
  }),
  /** `since`: the day the account entered `from`; a proposal lasts until the move. */
  z.strictObject({
    kind: z.literal("phaseProposed"),
    accountId: id,
    at: day,
    from: id,
    to: id,
    since: day,
  }),
  z.strictObject({
    kind: z.literal("maturityLevelChanged"),
    accountId: id,
    at: day,
    product: id,
    from: z.number().int().nullable(),
    to: z.number().int().nullable(),
  }),
  /** Sent when a plan check first finds it (the diff of findings), `at` being that day. */
  z.strictObject({
    kind: z.literal("planFindingAppeared"),
    accountId: id,
    at: day,
    planId: id,
    code: id,
    target: id.nullable(),
    /** The finding's own words (PlanFinding.message), for texts. */
    message: localized.optional(),
  }),
  /** `since`: the first measurement of the spell behind the plan line (kpiOffTrackSince). */
  z.strictObject({
    kind: z.literal("kpiOffTrack"),
    accountId: id,
    at: day,
    planId: id,
    kpiKey: id,
    /** The KPI's name as written in the plan, for texts. */
    kpiName: name.optional(),
    since: day,
  }),
  z.strictObject({
    kind: z.literal("milestoneOverdue"),
    accountId: id,
    at: day,
    planId: id,
    milestoneKey: id,
    milestoneName: name.optional(),
    dueDate: day,
  }),
  /** The daily sweep's view of one contract still to renew. */
  z.strictObject({
    kind: z.literal("renewalApproaching"),
    accountId: id,
    at: day,
    contractId: id,
    renewalDate: day,
  }),
  z.strictObject({ kind: z.literal("contractCreated"), accountId: id, at: day, contractId: id }),
  z.strictObject({
    kind: z.literal("contractEnded"),
    accountId: id,
    at: day,
    contractId: id,
    endDate: day,
  }),
  z.strictObject({
    kind: z.literal("usageEvent"),
    accountId: id,
    at: day,
    event: z.string().min(1).max(200),
    messageId: id,
  }),
  /** A user starts one playbook on one account; `requestId` is unique per start. */
  z.strictObject({
    kind: z.literal("manual"),
    accountId: id,
    at: day,
    playbookId: id,
    requestId: id,
    startedBy: id,
  }),
]);
export type PlaybookSignal = z.infer<typeof playbookSignalSchema>;

/**
 * A renewal-window trigger fires from `days` before the renewal down to
 * `days − 6`: a daily sweep that missed a day or two still fires, while a
 * contract signed with 30 days to go does not get the "90 days before" play.
 */
export const RENEWAL_CATCH_UP_DAYS = 7;

type Score = { day: string; score: number | null };

/** The score fell by `points` against the best of the `withinDays` days before `day`. */
const droppedOn = (scores: readonly Score[], index: number, points: number, withinDays: number) => {
  const today = scores[index];
  if (!today || today.score === null) return false;
  const from = addCalendarDays(today.day, -withinDays);
  let best: number | null = null;
  for (let i = index - 1; i >= 0; i -= 1) {
    const earlier = scores[i]!;
    if (earlier.day < from) break;
    if (earlier.score !== null && (best === null || earlier.score > best)) best = earlier.score;
  }
  return best !== null && best - today.score >= points;
};

/** The first day of the drop that holds on `at`, or null when it does not hold then. */
const dropStart = (
  scores: readonly Score[],
  at: string,
  trigger: { points: number; withinDays: number },
): string | null => {
  const { points, withinDays } = trigger;
  const sorted = [...scores].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  let index = sorted.findIndex((score) => score.day === at);
  if (index < 0 || !droppedOn(sorted, index, points, withinDays)) return null;
  // Walk back over consecutive days on which the drop held: they are one occurrence.
  while (
    index > 0 &&
    sorted[index - 1]!.day === addCalendarDays(sorted[index]!.day, -1) &&
    droppedOn(sorted, index - 1, points, withinDays)
  ) {
    index -= 1;
  }
  return sorted[index]!.day;
};

const inList = <T>(list: readonly T[] | undefined, value: T) =>
  list === undefined || list.includes(value);

/**
 * Whether a trigger fires on a signal, and the occurrence it names (without
 * the playbook and the account, which the full key adds). A manual signal is
 * not matched here: it names its playbook itself.
 */
export const triggerOccurrence = (
  trigger: PlaybookTrigger,
  signal: PlaybookSignal,
): string | null => {
  switch (trigger.kind) {
    case "healthBandChanged": {
      if (signal.kind !== trigger.kind) return null;
      const from = bandOf(signal.from);
      const to = bandOf(signal.to);
      if (from === to || !inList(trigger.from, from) || !inList(trigger.to, to)) return null;
      return `band:${from}>${to}:${signal.at}`;
    }
    case "healthScoreDropped": {
      if (signal.kind !== "healthScored") return null;
      const start = dropStart(signal.scores, signal.at, trigger);
      if (start === null) return null;
      return `drop:${trigger.points}/${trigger.withinDays}d:${start}`;
    }
    case "phaseChanged":
      if (signal.kind !== trigger.kind) return null;
      if (signal.from === signal.to) return null;
      if (
        trigger.from !== undefined &&
        (signal.from === null || !trigger.from.includes(signal.from))
      )
        return null;
      if (!inList(trigger.to, signal.to)) return null;
      return `phase:${signal.from ?? "-"}>${signal.to}:${signal.at}`;
    case "phaseProposed":
      if (signal.kind !== trigger.kind || !inList(trigger.from, signal.from)) return null;
      return `proposed:${signal.from}>${signal.to}:${signal.since}`;
    case "maturityLevelChanged": {
      if (signal.kind !== trigger.kind || signal.from === signal.to) return null;
      if (trigger.product !== undefined && trigger.product !== signal.product) return null;
      const up = (signal.to ?? 0) > (signal.from ?? 0);
      if ((trigger.direction === "up" && !up) || (trigger.direction === "down" && up)) return null;
      return `maturity:${signal.product}:${signal.from ?? "-"}>${signal.to ?? "-"}:${signal.at}`;
    }
    case "planFindingAppeared":
      if (signal.kind !== trigger.kind) return null;
      if (!(trigger.codes as readonly string[]).includes(signal.code)) return null;
      return `finding:${signal.planId}:${signal.code}:${signal.target ?? "-"}:${signal.at}`;
    case "kpiOffTrack":
      if (signal.kind !== trigger.kind) return null;
      return `kpi:${signal.planId}:${signal.kpiKey}:${signal.since}`;
    case "milestoneOverdue":
      if (signal.kind !== trigger.kind || signal.at <= signal.dueDate) return null;
      return `milestone:${signal.planId}:${signal.milestoneKey}:${signal.dueDate}`;
    case "renewalDue": {
      if (signal.kind !== "renewalApproaching") return null;
      const left = daysBetween(signal.at, signal.renewalDate);
      if (left < 0 || left > trigger.days || left <= trigger.days - RENEWAL_CATCH_UP_DAYS)
        return null;
      return `renewal:${signal.contractId}:${signal.renewalDate}:${trigger.days}d`;
    }
    case "contractCreated":
      if (signal.kind !== trigger.kind) return null;
      return `contract-created:${signal.contractId}`;
    case "contractEnded":
      if (signal.kind !== trigger.kind) return null;
      return `contract-ended:${signal.contractId}:${signal.endDate}`;
    case "usageEvent":
      if (signal.kind !== trigger.kind || signal.event !== trigger.event) return null;
      return `event:${signal.messageId}`;
    case "manual":
      return null;
  }
};

/** The unique key of one run: this playbook, this account, this occurrence. */
export const occurrenceKey = (playbookId: string, accountId: string, occurrence: string): string =>
  `${playbookId}/${accountId}/${occurrence}`;

export type PlaybookCandidate = {
  id: string;
  playbook: Playbook;
  /** The day (YYYY-MM-DD) this playbook last started a run on this account; null: never. */
  lastRunOn: string | null;
};

export type FiredPlaybook = {
  playbookId: string;
  occurrence: string;
  occurrenceKey: string;
  /** null when the playbook has no conditions, or for a manual start. */
  conditions: ConditionEvaluation | null;
};

export type SkipReason = "paused" | "coolingDown" | "conditionsNotMet";

export type SkippedPlaybook = {
  playbookId: string;
  reason: SkipReason;
  /** For coolingDown: the first day it may fire again. */
  until?: string;
  conditions?: ConditionEvaluation;
};

export type PlaybookMatch = { fired: FiredPlaybook[]; skipped: SkippedPlaybook[] };

/**
 * The playbooks a signal fires on its account. A playbook whose trigger does
 * not fire is left out; one whose trigger fires but which is paused, cooling
 * down (fewer than coolDownDays since its last run there) or whose
 * conditions do not hold is listed in `skipped` with the reason.
 *
 * A manual start fires the playbook it names whatever its trigger, without
 * its conditions or cool-down (a user chose this account on purpose), but
 * not when it is paused.
 */
export const matchPlaybooks = (options: {
  candidates: readonly PlaybookCandidate[];
  signal: PlaybookSignal;
  facts: ConditionFacts;
}): PlaybookMatch => {
  const { candidates, signal, facts } = options;
  const fired: FiredPlaybook[] = [];
  const skipped: SkippedPlaybook[] = [];
  for (const { id: playbookId, playbook, lastRunOn } of candidates) {
    const manual = signal.kind === "manual";
    if (manual && signal.playbookId !== playbookId) continue;
    const occurrence = manual
      ? `manual:${signal.requestId}`
      : triggerOccurrence(playbook.trigger, signal);
    if (occurrence === null) continue;
    if (playbook.paused) {
      skipped.push({ playbookId, reason: "paused" });
      continue;
    }
    if (!manual && lastRunOn !== null && playbook.coolDownDays > 0) {
      const until = addCalendarDays(lastRunOn, playbook.coolDownDays);
      if (signal.at < until) {
        skipped.push({ playbookId, reason: "coolingDown", until });
        continue;
      }
    }
    let conditions: ConditionEvaluation | null = null;
    if (!manual && playbook.conditions !== undefined) {
      conditions = evaluatePlaybookCondition(playbook.conditions, facts);
      if (!conditions.holds) {
        skipped.push({ playbookId, reason: "conditionsNotMet", conditions });
        continue;
      }
    }
    fired.push({
      playbookId,
      occurrence,
      occurrenceKey: occurrenceKey(playbookId, signal.accountId, occurrence),
      conditions,
    });
  }
  return { fired, skipped };
};
