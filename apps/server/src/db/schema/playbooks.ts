import type {
  AccountEventType,
  AccountTaskStatus,
  EmailDeliveryStatus,
  InteractionKind,
  PlaybookInput,
  PlaybookRunStatus,
  PlaybookSignal,
  RunStepOutcome,
  TaskResultCode,
  WebhookDeliveryStatus,
  WebhookEventType,
} from "@michi/core";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { users, workspaces } from "./auth";

/*
 * Acting on signals (issue 17, decision 0030). Every table leads with
 * workspace_id like the others, and rows of one account go with it.
 */

const workspaceId = () =>
  text("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });
const id = () => uuid("id").notNull().defaultRandom();
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const accountFk = (name: string, t: { workspaceId: AnyPgColumn; accountId: AnyPgColumn }) =>
  foreignKey({
    name,
    columns: [t.workspaceId, t.accountId],
    foreignColumns: [accounts.workspaceId, accounts.id],
  }).onDelete("cascade");

/** One action of a run as carried out: kept on the run, shown in its history. */
export type StoredRunStep = {
  stepIndex: number;
  kind: string;
  outcome: RunStepOutcome;
  at: string;
  /** What was done or why not, in a few words (a task id, "mail is not configured"…). */
  detail?: string;
  /** Ids of what the step made, for links: a task, an interaction, a delivery. */
  ref?: string;
};

/**
 * What changed on an account, written where the change is stored (triggers on
 * account_health_latest, account_phases, account_maturity_levels and
 * contracts, migration 0025; the services for tasks, runs and plan stages).
 * It is at once the history the timeline shows and an outbox: the dispatcher
 * job matches playbooks against `signal` and queues webhook deliveries, then
 * sets dispatched_at. `dedupe_key` names the change, so a recompute that runs
 * twice, or two processes, write it once.
 */
export const accountEvents = pgTable(
  "account_events",
  {
    workspaceId: workspaceId(),
    id: id(),
    accountId: uuid("account_id").notNull(),
    type: text("type").$type<AccountEventType>().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    dedupeKey: text("dedupe_key").notNull(),
    /** The event's body as webhooks send it (`data`), and the timeline reads it. */
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** The playbook signal this change is, when playbooks can fire on it. */
    signal: jsonb("signal").$type<PlaybookSignal>(),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    accountFk("account_events_account_fk", t),
    uniqueIndex("account_events_dedupe_key").on(t.workspaceId, t.dedupeKey),
    index("account_events_account_idx").on(t.workspaceId, t.accountId, t.occurredAt),
    index("account_events_undispatched_idx").on(t.occurredAt).where(sql`${t.dispatchedAt} is null`),
  ],
);

/** A workspace's playbooks; `definition` is core's playbookSchema. Archived, never deleted: runs point at them. */
export const playbooks = pgTable(
  "playbooks",
  {
    workspaceId: workspaceId(),
    id: id(),
    definition: jsonb("definition").$type<PlaybookInput>().notNull(),
    /** The shipped template it was made from, if any (core's playbookTemplates). */
    templateKey: text("template_key"),
    createdByUserId: text("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/**
 * One run of a playbook on an account. `occurrence_key` (core's
 * occurrenceKey) is unique: "once per occurrence" is the database's job.
 * The runner carries out steps from `next_step` when `resume_at` has come
 * (after a wait, or a retry with backoff), recording each in `steps`.
 */
export const playbookRuns = pgTable(
  "playbook_runs",
  {
    workspaceId: workspaceId(),
    id: id(),
    playbookId: uuid("playbook_id").notNull(),
    accountId: uuid("account_id").notNull(),
    occurrenceKey: text("occurrence_key").notNull(),
    signal: jsonb("signal").$type<PlaybookSignal>().notNull(),
    status: text("status").$type<PlaybookRunStatus>().notNull().default("running"),
    nextStep: integer("next_step").notNull().default(0),
    resumeAt: timestamp("resume_at", { withTimezone: true }),
    /** Failed attempts of the step at next_step; reset when it succeeds. */
    attempts: integer("attempts").notNull().default(0),
    steps: jsonb("steps").$type<StoredRunStep[]>().notNull().default([]),
    error: text("error"),
    startedByUserId: text("started_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: "playbook_runs_playbook_fk",
      columns: [t.workspaceId, t.playbookId],
      foreignColumns: [playbooks.workspaceId, playbooks.id],
    }).onDelete("cascade"),
    accountFk("playbook_runs_account_fk", t),
    uniqueIndex("playbook_runs_occurrence_key").on(t.workspaceId, t.occurrenceKey),
    index("playbook_runs_account_idx").on(t.workspaceId, t.accountId, t.createdAt),
    index("playbook_runs_playbook_idx").on(t.workspaceId, t.playbookId, t.createdAt),
    index("playbook_runs_due_idx").on(t.resumeAt).where(sql`${t.status} in ('running', 'waiting')`),
  ],
);

/**
 * Work on an account for someone on the workspace's side (the work queue,
 * コックピット): made by a playbook step or by a person. Plan tasks stay in
 * the plan (plan_tasks); the queue shows both. A step's task is unique by
 * (run, step), so a retried step never makes a second one.
 */
export const accountTasks = pgTable(
  "account_tasks",
  {
    workspaceId: workspaceId(),
    id: id(),
    accountId: uuid("account_id").notNull(),
    title: text("title").notNull(),
    ownerUserId: text("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    dueDate: date("due_date", { mode: "string" }),
    status: text("status").$type<AccountTaskStatus>().notNull().default("open"),
    /** Hidden from the queue until this day. */
    snoozedUntil: date("snoozed_until", { mode: "string" }),
    resultCode: text("result_code").$type<TaskResultCode>(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    completedByUserId: text("completed_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    playbookRunId: uuid("playbook_run_id"),
    playbookStep: integer("playbook_step"),
    createdByUserId: text("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    accountFk("account_tasks_account_fk", t),
    uniqueIndex("account_tasks_run_step_key").on(t.workspaceId, t.playbookRunId, t.playbookStep),
    index("account_tasks_owner_idx").on(t.workspaceId, t.ownerUserId, t.status, t.dueDate),
    index("account_tasks_account_idx").on(t.workspaceId, t.accountId, t.createdAt),
  ],
);

/**
 * Touchpoints on the account's timeline: notes, logged calls and meetings
 * (markdown, @mentions), and every email Michi sent or could not send.
 * `dedupe_key` (a run's step and recipient) keeps a retried email step from
 * logging, or sending, twice.
 */
export const accountInteractions = pgTable(
  "account_interactions",
  {
    workspaceId: workspaceId(),
    id: id(),
    accountId: uuid("account_id").notNull(),
    kind: text("kind").$type<InteractionKind>().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    /** An email's subject; a call's or meeting's title. */
    subject: text("subject"),
    body: text("body").notNull().default(""),
    /** Users @mentioned in the body. */
    mentionedUserIds: jsonb("mentioned_user_ids").$type<string[]>().notNull().default([]),
    authorUserId: text("author_user_id").references(() => users.id, { onDelete: "set null" }),
    /** The task this was logged on completing, if any. */
    taskId: uuid("task_id"),
    playbookRunId: uuid("playbook_run_id"),
    emailTo: text("email_to"),
    emailStatus: text("email_status").$type<EmailDeliveryStatus>(),
    /** Why an email was not sent, or what failed. */
    emailDetail: text("email_detail"),
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    accountFk("account_interactions_account_fk", t),
    uniqueIndex("account_interactions_dedupe_key").on(t.workspaceId, t.dedupeKey),
    index("account_interactions_account_idx").on(t.workspaceId, t.accountId, t.occurredAt),
  ],
);

/** Webhook subscriptions: signed per Standard Webhooks with `secret` (whsec_…). */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    workspaceId: workspaceId(),
    id: id(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    eventTypes: jsonb("event_types").$type<WebhookEventType[]>().notNull(),
    secret: text("secret").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** Why it was turned off: by a person, or after repeated failures (and since when). */
    disabledReason: text("disabled_reason"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** Failed deliveries in a row; reset by a delivered one. */
    failuresInARow: integer("failures_in_a_row").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/**
 * One event to one subscription, with its attempts: the delivery log. Its id
 * is the `webhook-id` the receiver dedupes on. Unique per (endpoint, event):
 * dispatching an event twice queues it once.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    workspaceId: workspaceId(),
    id: id(),
    endpointId: uuid("endpoint_id").notNull(),
    eventId: uuid("event_id"),
    eventType: text("event_type").$type<WebhookEventType>().notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<WebhookDeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: "webhook_deliveries_endpoint_fk",
      columns: [t.workspaceId, t.endpointId],
      foreignColumns: [webhookEndpoints.workspaceId, webhookEndpoints.id],
    }).onDelete("cascade"),
    uniqueIndex("webhook_deliveries_event_key").on(t.workspaceId, t.endpointId, t.eventId),
    index("webhook_deliveries_endpoint_idx").on(t.workspaceId, t.endpointId, t.createdAt),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);
