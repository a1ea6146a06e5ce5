import {
  type Playbook,
  type PlaybookAction,
  type PlaybookFacts,
  type PlaybookRunStatus,
  type PlaybookSignal,
  playbookSchema,
  type RunStepOutcome,
} from "@michi/core";
import { actionsDueNow, planPlaybookRun } from "@michi/core/playbook-runs";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client";
import {
  accountInteractions,
  accounts,
  playbookRuns,
  playbooks,
  type StoredRunStep,
  webhookEndpoints,
} from "../../db/schema";
import { utcDay } from "../../lib/days";
import { logger } from "../../lib/logger";
import { postChatMessage } from "../../lib/outbound/chat";
import type { OutboundMailer } from "../../lib/outbound/mail";
import { type DeliveryResult, postJson } from "../../lib/outbound/post-json";
import { nextRetryDelay } from "../../lib/outbound/retry";
import { createUnsubscribeToken } from "../../lib/outbound/unsubscribe-token";
import { deliverWebhook, type WebhookEvent, webhookPayloadOf } from "../../lib/outbound/webhooks";
import { insertPlaybookTask } from "../account-tasks/account-tasks.queries";
import { insertAccountEvent } from "./account-events.queries";
import { loadPlaybookFactsBatch } from "./playbook-facts.queries";

/*
 * The runner carries out due runs (status running or waiting, resume_at
 * come). One statement claims a batch (FOR UPDATE SKIP LOCKED) and pushes
 * their resume_at a lease ahead, so no other pass or process takes them
 * while this one works; the work itself is outside any transaction (emails
 * and webhooks take seconds). Each run is planned from next_step with the
 * facts of the day (core's planPlaybookRun), its actions up to the first
 * wait are carried out, and after each step the run is saved (steps,
 * next_step): a crash resumes at the step in progress, whose actions are
 * idempotent by their unique keys (the task by run and step, the email and
 * note by their dedupe key).
 *
 * A failed step (a webhook, chat post or email that may succeed later) is
 * tried again after nextRetryDelay; after the last attempt, or at once when
 * the failure is final, the step is recorded as failed and the run fails
 * with the error, which the runs API shows.
 *
 * Webhook steps are signed when the workspace has a webhook subscription
 * with the same URL (its secret, which the receiver already holds);
 * otherwise they carry the Standard Webhooks id and timestamp headers but no
 * signature, since the receiver could not know a secret of Michi's making.
 */

export type RunnerDeps = {
  mailer: OutboundMailer;
  /** The instance's URL: account links and unsubscribe links. */
  baseURL: string;
  /** Signs unsubscribe tokens (ensureAuthSecret's secret). */
  authSecret: string;
  /** MICHI_WEBHOOKS_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  /** The wait after failed attempt n (1 = the first), null after the last. Tests shorten it. */
  retryDelayMs?: (attempt: number) => number | null;
  /** Per webhook or chat attempt. */
  timeoutMs?: number;
};

/** Runs per pass. */
export const RUNNER_BATCH_SIZE = 50;
/** How long a claimed run is kept from other passes; each saved step extends it. */
export const RUN_LEASE_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

type ClaimedRun = {
  workspaceId: string;
  id: string;
  playbookId: string;
  accountId: string;
  signal: PlaybookSignal;
  nextStep: number;
  attempts: number;
  steps: StoredRunStep[];
};

const parsedJson = <T>(value: T | string): T =>
  typeof value === "string" ? (JSON.parse(value) as T) : value;

const claimDueRuns = async (
  db: Db,
  now: Date,
  limit: number,
  workspaceId: string | undefined,
): Promise<ClaimedRun[]> => {
  const lease = new Date(now.getTime() + RUN_LEASE_MS);
  const rows = await rowsOf<ClaimedRun>(
    db,
    sql`update playbook_runs set resume_at = ${lease.toISOString()}::timestamptz
      where id = any(array(
        select id from playbook_runs
        where status in ('running', 'waiting') and resume_at <= ${now.toISOString()}::timestamptz
          ${workspaceId ? sql`and workspace_id = ${workspaceId}` : sql``}
        order by resume_at limit ${limit} for update skip locked))
        and status in ('running', 'waiting')
      returning workspace_id as "workspaceId", id, playbook_id as "playbookId",
        account_id as "accountId", signal, next_step as "nextStep", attempts, steps`,
  );
  return rows.map((row) => ({
    ...row,
    signal: parsedJson(row.signal),
    steps: parsedJson(row.steps),
  }));
};

/** One pass: claims the due runs and carries them forward. Answers how many it took. */
export const runDuePlaybookRuns = async (
  db: Db,
  deps: RunnerDeps,
  /** workspaceId: that workspace's runs only (tests sharing a PostgreSQL database). */
  options: { now?: Date; limit?: number; workspaceId?: string } = {},
): Promise<{ runs: number }> => {
  const now = options.now ?? new Date();
  const claimed = await claimDueRuns(
    db,
    now,
    options.limit ?? RUNNER_BATCH_SIZE,
    options.workspaceId,
  );
  const byWorkspace = new Map<string, ClaimedRun[]>();
  for (const run of claimed) {
    const list = byWorkspace.get(run.workspaceId) ?? [];
    list.push(run);
    byWorkspace.set(run.workspaceId, list);
  }
  for (const [workspaceId, runs] of byWorkspace) {
    const definitions = await db
      .select({
        id: playbooks.id,
        definition: playbooks.definition,
        archivedAt: playbooks.archivedAt,
      })
      .from(playbooks)
      .where(
        and(
          eq(playbooks.workspaceId, workspaceId),
          inArray(playbooks.id, [...new Set(runs.map((run) => run.playbookId))]),
        ),
      );
    const playbookOf = new Map(
      definitions.map((row) => [
        row.id,
        { playbook: playbookSchema.parse(row.definition), archived: row.archivedAt !== null },
      ]),
    );
    const factsOf = await loadPlaybookFactsBatch(db, {
      workspaceId,
      accountIds: runs.map((run) => run.accountId),
      at: now,
      baseURL: deps.baseURL,
      playbooks: [...playbookOf.values()].map((entry) => entry.playbook),
    });
    for (const run of runs) {
      const entry = playbookOf.get(run.playbookId);
      const facts = factsOf.get(run.accountId);
      try {
        if (!entry || !facts) {
          await finishRun(db, run, { status: "stopped", steps: run.steps, now, error: null });
        } else if (entry.archived) {
          await finishRun(db, run, {
            status: "stopped",
            steps: run.steps,
            now,
            error: "the playbook was deleted",
          });
        } else {
          await carryOutRun(db, deps, { run, playbook: entry.playbook, facts, now });
        }
      } catch (error) {
        // A bug or a lost database: the lease runs out and the run is taken again.
        logger.error({ err: error, runId: run.id }, "playbook run failed to advance");
      }
    }
  }
  return { runs: claimed.length };
};

type Ctx = { db: Db; deps: RunnerDeps; run: ClaimedRun; facts: PlaybookFacts; now: Date };

/** What became of one action: recorded, to try again, or failed for good. */
type ActionResult =
  | { kind: "recorded"; step: StoredRunStep }
  | { kind: "retry"; message: string }
  | { kind: "failed"; step: StoredRunStep; message: string };

const record = (
  ctx: Ctx,
  action: PlaybookAction,
  outcome: RunStepOutcome,
  extra: { detail?: string | null; ref?: string | null } = {},
): StoredRunStep => ({
  stepIndex: action.stepIndex,
  kind: action.kind,
  outcome,
  at: ctx.now.toISOString(),
  ...(extra.detail ? { detail: extra.detail } : {}),
  ...(extra.ref ? { ref: extra.ref } : {}),
});

const carryOutRun = async (
  db: Db,
  deps: RunnerDeps,
  params: { run: ClaimedRun; playbook: Playbook; facts: PlaybookFacts; now: Date },
) => {
  const { run, playbook, facts, now } = params;
  const ctx: Ctx = { db, deps, run, facts, now };
  const actions = planPlaybookRun({
    playbookId: run.playbookId,
    playbook,
    signal: run.signal,
    facts,
    today: utcDay(now),
    fromStep: run.nextStep,
  });
  const { now: due, resume } = actionsDueNow(actions);
  const steps = [...run.steps];
  // Actions of one step together (an email to each contact of a role is one step).
  const groups: PlaybookAction[][] = [];
  for (const action of due) {
    const last = groups.at(-1);
    if (last && last[0]!.stepIndex === action.stepIndex) last.push(action);
    else groups.push([action]);
  }
  for (const group of groups) {
    const stepIndex = group[0]!.stepIndex;
    const records: StoredRunStep[] = [];
    for (const action of group) {
      const result = await carryOutAction(ctx, action);
      if (result.kind === "retry") {
        const attempts = run.attempts + 1;
        const delay = (deps.retryDelayMs ?? defaultRetryDelay)(attempts);
        if (delay !== null) {
          await saveRun(db, run, {
            steps,
            nextStep: stepIndex,
            attempts,
            status: "running",
            resumeAt: new Date(now.getTime() + delay),
            error: `step ${stepIndex + 1}, attempt ${attempts}: ${result.message}`,
            now,
          });
          return;
        }
        steps.push(...records, record(ctx, action, "failed", { detail: result.message }));
        await finishRun(db, run, {
          status: "failed",
          steps,
          now,
          error: `step ${stepIndex + 1} failed after ${attempts} attempts: ${result.message}`,
          attempts,
        });
        return;
      }
      records.push(result.step);
      if (result.kind === "failed") {
        steps.push(...records);
        await finishRun(db, run, {
          status: "failed",
          steps,
          now,
          error: `step ${stepIndex + 1} failed: ${result.message}`,
        });
        return;
      }
    }
    steps.push(...records);
    const last = group.at(-1)!;
    if (last.kind === "stopIf" && last.holds) {
      await finishRun(db, run, { status: "stopped", steps, now, error: null });
      return;
    }
    if (last.kind === "wait" && resume) {
      await saveRun(db, run, {
        steps,
        nextStep: resume.fromStep,
        attempts: 0,
        status: "waiting",
        resumeAt: new Date(now.getTime() + last.days * DAY_MS),
        error: null,
        now,
      });
      return;
    }
    await saveRun(db, run, {
      steps,
      nextStep: stepIndex + 1,
      attempts: 0,
      status: "running",
      resumeAt: new Date(now.getTime() + RUN_LEASE_MS),
      error: null,
      now,
    });
    run.attempts = 0;
  }
  await finishRun(db, run, { status: "completed", steps, now, error: null });
};

const defaultRetryDelay = (attempt: number) => nextRetryDelay(attempt, Math.random());

const saveRun = async (
  db: Db,
  run: ClaimedRun,
  values: {
    steps: StoredRunStep[];
    nextStep: number;
    attempts: number;
    status: PlaybookRunStatus;
    resumeAt: Date;
    error: string | null;
    now: Date;
  },
) => {
  await db
    .update(playbookRuns)
    .set({
      steps: values.steps,
      nextStep: values.nextStep,
      attempts: values.attempts,
      status: values.status,
      resumeAt: values.resumeAt,
      error: values.error,
      updatedAt: values.now,
    })
    .where(and(eq(playbookRuns.workspaceId, run.workspaceId), eq(playbookRuns.id, run.id)));
};

/** The run's end, and its `playbook.run_completed` event, together. */
const finishRun = async (
  db: Db,
  run: ClaimedRun,
  values: {
    status: Extract<PlaybookRunStatus, "completed" | "stopped" | "failed">;
    steps: StoredRunStep[];
    now: Date;
    error: string | null;
    attempts?: number;
  },
) => {
  await db.transaction(async (tx) => {
    await tx
      .update(playbookRuns)
      .set({
        status: values.status,
        steps: values.steps,
        resumeAt: null,
        error: values.error,
        updatedAt: values.now,
        finishedAt: values.now,
        ...(values.attempts === undefined ? {} : { attempts: values.attempts }),
      })
      .where(and(eq(playbookRuns.workspaceId, run.workspaceId), eq(playbookRuns.id, run.id)));
    await insertAccountEvent(tx, {
      workspaceId: run.workspaceId,
      accountId: run.accountId,
      type: "playbook.run_completed",
      dedupeKey: `run-finished:${run.id}`,
      data: {
        runId: run.id,
        playbookId: run.playbookId,
        status: values.status,
        steps: values.steps,
        ...(values.error ? { error: values.error } : {}),
      },
      occurredAt: values.now,
    });
  });
};

const carryOutAction = async (ctx: Ctx, action: PlaybookAction): Promise<ActionResult> => {
  const { db, run } = ctx;
  switch (action.kind) {
    case "createTask": {
      const taskId = await db.transaction((tx) =>
        insertPlaybookTask(tx, {
          workspaceId: run.workspaceId,
          accountId: run.accountId,
          title: action.title,
          ownerUserId: action.owner.userId,
          dueDate: action.dueDate,
          playbookRunId: run.id,
          playbookStep: action.stepIndex,
        }),
      );
      return {
        kind: "recorded",
        step: record(ctx, action, "done", { ref: taskId, detail: action.owner.problem ?? null }),
      };
    }
    case "sendEmail":
      return sendEmail(ctx, action);
    case "skipEmail": {
      let ref: string | null = null;
      if (action.contactId) {
        // The timeline shows the email that was not sent, and why.
        ref = await insertEmailInteraction(ctx, {
          stepIndex: action.stepIndex,
          recipientKey: `contact:${action.contactId}`,
          subject: null,
          body: "",
          emailTo: null,
          emailStatus: "notSent",
          emailDetail: action.reason,
        }).then((row) => row.id);
      }
      return {
        kind: "recorded",
        step: record(ctx, action, "skipped", { detail: action.reason, ref }),
      };
    }
    case "callWebhook":
      return delivered(ctx, action, await callWebhook(ctx, action));
    case "postToChat":
      return delivered(
        ctx,
        action,
        await postChatMessage(action.url, action.body, {
          allowPrivate: ctx.deps.allowPrivate,
          ...(ctx.deps.timeoutMs ? { timeoutMs: ctx.deps.timeoutMs } : {}),
        }),
      );
    case "setField": {
      const where = and(eq(accounts.workspaceId, run.workspaceId), eq(accounts.id, run.accountId));
      if (action.field === "owner") {
        if (action.value.userId === null) {
          return {
            kind: "recorded",
            step: record(ctx, action, "skipped", { detail: action.value.problem ?? null }),
          };
        }
        await db
          .update(accounts)
          .set({ ownerUserId: action.value.userId, updatedAt: ctx.now })
          .where(where);
        return {
          kind: "recorded",
          step: record(ctx, action, "done", { detail: `owner: ${action.value.userId}` }),
        };
      }
      if (action.field === "touchModel") {
        await db
          .update(accounts)
          .set({ touchModel: action.value, updatedAt: ctx.now })
          .where(where);
      } else {
        await db.update(accounts).set({ segment: action.value, updatedAt: ctx.now }).where(where);
      }
      return {
        kind: "recorded",
        step: record(ctx, action, "done", { detail: `${action.field}: ${action.value}` }),
      };
    }
    case "addNote": {
      const dedupeKey = `run:${run.id}:${action.stepIndex}:note`;
      await db
        .insert(accountInteractions)
        .values({
          workspaceId: run.workspaceId,
          accountId: run.accountId,
          kind: "note",
          occurredAt: ctx.now,
          body: action.body,
          playbookRunId: run.id,
          dedupeKey,
        })
        .onConflictDoNothing({
          target: [accountInteractions.workspaceId, accountInteractions.dedupeKey],
        });
      const id = await interactionIdOf(ctx, dedupeKey);
      return { kind: "recorded", step: record(ctx, action, "done", { ref: id }) };
    }
    case "wait":
      return { kind: "recorded", step: record(ctx, action, "done", { detail: action.until }) };
    case "stopIf":
      return {
        kind: "recorded",
        step: record(ctx, action, "done", {
          detail: action.holds ? "condition holds: stopped" : "condition does not hold",
        }),
      };
  }
};

const interactionIdOf = async (ctx: Ctx, dedupeKey: string) => {
  const [row] = await ctx.db
    .select({ id: accountInteractions.id })
    .from(accountInteractions)
    .where(
      and(
        eq(accountInteractions.workspaceId, ctx.run.workspaceId),
        eq(accountInteractions.dedupeKey, dedupeKey),
      ),
    );
  return row?.id ?? null;
};

/** A webhook or chat attempt's result as an action's. */
const delivered = (ctx: Ctx, action: PlaybookAction, result: DeliveryResult): ActionResult => {
  if (result.ok) {
    return {
      kind: "recorded",
      step: record(ctx, action, "done", { detail: `HTTP ${result.status}` }),
    };
  }
  const message =
    result.status === null ? result.message : `HTTP ${result.status}: ${result.message}`;
  if (result.retryable) return { kind: "retry", message };
  return { kind: "failed", step: record(ctx, action, "failed", { detail: message }), message };
};

const callWebhook = async (
  ctx: Ctx,
  action: Extract<PlaybookAction, { kind: "callWebhook" }>,
): Promise<DeliveryResult> => {
  const event: WebhookEvent = {
    // The same on every attempt of this step, so the receiver can drop repeats.
    id: `run_${ctx.run.id}_${action.stepIndex}`,
    type: action.payload.type,
    occurredAt: ctx.now,
    data: action.payload,
  };
  const options = {
    allowPrivate: ctx.deps.allowPrivate,
    ...(ctx.deps.timeoutMs ? { timeoutMs: ctx.deps.timeoutMs } : {}),
  };
  const [subscription] = await ctx.db
    .select({ secret: webhookEndpoints.secret })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.workspaceId, ctx.run.workspaceId),
        eq(webhookEndpoints.url, action.url),
      ),
    )
    .limit(1);
  if (subscription)
    return deliverWebhook({ url: action.url, secret: subscription.secret }, event, options);
  return postJson({
    ...options,
    url: action.url,
    body: webhookPayloadOf(event),
    headers: {
      "webhook-id": event.id,
      "webhook-timestamp": String(Math.floor(ctx.now.getTime() / 1000)),
    },
  });
};

type EmailRow = {
  id: string;
  emailStatus: string | null;
  emailDetail: string | null;
  fresh: boolean;
};

/** The email's interaction row, inserted once per (run, step, recipient). */
const insertEmailInteraction = async (
  ctx: Ctx,
  values: {
    stepIndex: number;
    recipientKey: string;
    subject: string | null;
    body: string;
    emailTo: string | null;
    emailStatus: "notSent" | null;
    emailDetail: string | null;
  },
): Promise<EmailRow> => {
  const dedupeKey = `run:${ctx.run.id}:${values.stepIndex}:${values.recipientKey}`;
  const [inserted] = await ctx.db
    .insert(accountInteractions)
    .values({
      workspaceId: ctx.run.workspaceId,
      accountId: ctx.run.accountId,
      kind: "email",
      occurredAt: ctx.now,
      subject: values.subject,
      body: values.body,
      playbookRunId: ctx.run.id,
      emailTo: values.emailTo,
      emailStatus: values.emailStatus,
      emailDetail: values.emailDetail,
      dedupeKey,
    })
    .onConflictDoNothing({
      target: [accountInteractions.workspaceId, accountInteractions.dedupeKey],
    })
    .returning({ id: accountInteractions.id });
  if (inserted) {
    return {
      id: inserted.id,
      emailStatus: values.emailStatus,
      emailDetail: values.emailDetail,
      fresh: true,
    };
  }
  const [existing] = await ctx.db
    .select({
      id: accountInteractions.id,
      emailStatus: accountInteractions.emailStatus,
      emailDetail: accountInteractions.emailDetail,
    })
    .from(accountInteractions)
    .where(
      and(
        eq(accountInteractions.workspaceId, ctx.run.workspaceId),
        eq(accountInteractions.dedupeKey, dedupeKey),
      ),
    );
  if (!existing) throw new Error("the email's interaction is neither new nor stored");
  return { ...existing, fresh: false };
};

const MAIL_NOT_CONFIGURED = "mail is not configured";

/**
 * The interaction row first (status empty: being sent), then the mail, then
 * its status. A row found sent or not sent is not sent again; one found
 * failed is tried again (a retry); one found empty was being sent when the
 * server stopped, and is not sent again, so no one gets it twice.
 */
const sendEmail = async (
  ctx: Ctx,
  action: Extract<PlaybookAction, { kind: "sendEmail" }>,
): Promise<ActionResult> => {
  const { to } = action;
  const recipientKey = to.kind === "contact" ? `contact:${to.contactId}` : `user:${to.userId}`;
  const row = await insertEmailInteraction(ctx, {
    stepIndex: action.stepIndex,
    recipientKey,
    subject: action.subject,
    body: action.text,
    emailTo: to.email,
    emailStatus: null,
    emailDetail: null,
  });
  if (!row.fresh) {
    if (row.emailStatus === "sent") {
      return {
        kind: "recorded",
        step: record(ctx, action, "done", { ref: row.id, detail: to.email }),
      };
    }
    if (row.emailStatus === "notSent") {
      return {
        kind: "recorded",
        step: record(ctx, action, "notSent", { ref: row.id, detail: row.emailDetail }),
      };
    }
    if (row.emailStatus === null) {
      const message = "the server stopped while sending; not sent again, to never send it twice";
      await setEmailStatus(ctx, row.id, "failed", message);
      return {
        kind: "failed",
        step: record(ctx, action, "failed", { ref: row.id, detail: message }),
        message,
      };
    }
  }
  const unsubscribeUrl =
    to.kind === "contact"
      ? `${ctx.deps.baseURL.replace(/\/+$/, "")}/unsubscribe?token=${await createUnsubscribeToken(
          ctx.deps.authSecret,
          { workspaceId: ctx.run.workspaceId, contactId: to.contactId },
          ctx.now,
        )}`
      : undefined;
  const result = await ctx.deps.mailer.send({
    to: to.name ? `"${to.name.replace(/["\\]/g, "")}" <${to.email}>` : to.email,
    subject: action.subject,
    text: action.text,
    ...(action.html ? { html: action.html } : {}),
    ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
  });
  switch (result.status) {
    case "sent":
      await setEmailStatus(ctx, row.id, "sent", null);
      return {
        kind: "recorded",
        step: record(ctx, action, "done", { ref: row.id, detail: to.email }),
      };
    case "notConfigured":
      await setEmailStatus(ctx, row.id, "notSent", MAIL_NOT_CONFIGURED);
      return {
        kind: "recorded",
        step: record(ctx, action, "notSent", { ref: row.id, detail: MAIL_NOT_CONFIGURED }),
      };
    case "failed":
      await setEmailStatus(ctx, row.id, "failed", result.error);
      if (result.retryable) return { kind: "retry", message: result.error };
      return {
        kind: "failed",
        step: record(ctx, action, "failed", { ref: row.id, detail: result.error }),
        message: result.error,
      };
  }
};

const setEmailStatus = async (
  ctx: Ctx,
  id: string,
  status: "sent" | "notSent" | "failed",
  detail: string | null,
) => {
  await ctx.db
    .update(accountInteractions)
    .set({ emailStatus: status, emailDetail: detail })
    .where(
      and(eq(accountInteractions.workspaceId, ctx.run.workspaceId), eq(accountInteractions.id, id)),
    );
};

/**
 * Passes until fewer runs are due than a pass takes, or `maxPasses` were
 * made: the job's run, so the 1,000 runs of a recompute that changed 1,000
 * bands are carried out in one job run, not 50 every few seconds.
 */
export const runAllDuePlaybookRuns = async (
  db: Db,
  deps: RunnerDeps,
  options: { now?: Date; maxPasses?: number } = {},
): Promise<{ runs: number }> => {
  let runs = 0;
  for (let i = 0; i < (options.maxPasses ?? 40); i += 1) {
    const pass = await runDuePlaybookRuns(db, deps, options.now ? { now: options.now } : {});
    runs += pass.runs;
    if (pass.runs < RUNNER_BATCH_SIZE) break;
  }
  return { runs };
};
