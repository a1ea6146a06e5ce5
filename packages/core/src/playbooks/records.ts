/*
 * What acting on signals leaves behind (issue 17): account events (what
 * changed, for playbooks, webhooks and the timeline), playbook runs, account
 * tasks (the work queue), interactions (notes, calls, meetings, emails) and
 * webhook deliveries. The names here are the stored values and the API's.
 */

/** Event types a webhook subscription can name; also the timeline's change entries. */
export const webhookEventTypes = [
  "account.health_band_changed",
  "account.phase_changed",
  "account.maturity_changed",
  "account.contract_created",
  "account.contract_ended",
  "task.created",
  "task.completed",
  "playbook.run_completed",
  "plan.stage_closed",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/**
 * What account_events holds: the webhook types, and a usage event a playbook
 * listens for (its `usageEvent` trigger), which no subscription receives.
 */
export type AccountEventType = WebhookEventType | "usage.event";

export const playbookRunStatuses = [
  "running",
  "waiting",
  "completed",
  "stopped",
  "failed",
] as const;
export type PlaybookRunStatus = (typeof playbookRunStatuses)[number];

/** What became of one action of a run. */
export const runStepOutcomes = ["done", "skipped", "notSent", "failed"] as const;
export type RunStepOutcome = (typeof runStepOutcomes)[number];

export const accountTaskStatuses = ["open", "done"] as const;
export type AccountTaskStatus = (typeof accountTaskStatuses)[number];

/** How a task ended, chosen when it is completed (the note says the rest). */
export const taskResultCodes = [
  "resolved",
  "contacted",
  "noResponse",
  "escalated",
  "notNeeded",
] as const;
export type TaskResultCode = (typeof taskResultCodes)[number];

/** Touchpoints (タッチポイント) on the timeline: what a person logs, and the emails Michi sends. */
export const interactionKinds = ["note", "call", "meeting", "email"] as const;
export type InteractionKind = (typeof interactionKinds)[number];

export const emailDeliveryStatuses = ["sent", "notSent", "failed"] as const;
export type EmailDeliveryStatus = (typeof emailDeliveryStatuses)[number];

export const webhookDeliveryStatuses = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/** The kinds a timeline can be filtered by. */
export const timelineKinds = [
  "note",
  "call",
  "meeting",
  "email",
  "task",
  "playbookRun",
  "healthBand",
  "phase",
  "maturity",
  "contract",
  "planStage",
  "kpiMeasurement",
] as const;
export type TimelineKind = (typeof timelineKinds)[number];
