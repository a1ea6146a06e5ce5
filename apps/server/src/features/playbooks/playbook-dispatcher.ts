import { playbookSignalSchema, type WebhookEventType, webhookEventTypes } from "@michi/core";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client";
import { accountEvents } from "../../db/schema";
import { type DispatchedEvent, queueWebhookDeliveries } from "./account-events.queries";
import { loadPlaybookFactsBatch } from "./playbook-facts.queries";
import {
  findLastRunDays,
  findLivePlaybooks,
  insertRuns,
  type NewRun,
  runsForSignal,
} from "./playbook-runs.queries";

/*
 * The outbox's dispatcher (decision 0030): takes account events not yet
 * dispatched, starts the playbooks their signals fire (a run each, unique by
 * occurrence) and queues their webhook deliveries, then marks them. The
 * recompute only writes the events; it never waits for this.
 *
 * Facts are read first, outside any transaction (they read with the
 * recompute's evaluator, which takes the database, and PGlite runs one
 * transaction at a time). Then, per workspace, one transaction locks the
 * events still undispatched (FOR UPDATE SKIP LOCKED: a second process takes
 * others or none), inserts the runs (ON CONFLICT DO NOTHING on the
 * occurrence key), queues the deliveries and sets dispatched_at. A crash
 * before the commit leaves the events to dispatch again; the unique keys keep
 * every run and delivery once.
 */

export type DispatchDeps = {
  /** For the account's link in texts (facts.account.url). */
  baseURL: string | null;
};

/** Events per pass: a recompute's band changes of a large workspace take a few passes. */
export const DISPATCH_BATCH_SIZE = 500;

/** An event as stored: its type may be one no webhook names (a usage event a playbook hears). */
type EventRow = Omit<DispatchedEvent, "type"> & { type: string; signal: unknown };

const isWebhookType = (type: string): type is WebhookEventType =>
  (webhookEventTypes as readonly string[]).includes(type);

/** The events webhooks can be subscribed to; the others only start playbooks. */
const webhookEventsOf = (events: readonly EventRow[]): DispatchedEvent[] =>
  events.flatMap(({ type, signal: _signal, ...event }) =>
    isWebhookType(type) ? [{ ...event, type }] : [],
  );

/** One pass: up to `limit` events dispatched. Answers how many, and the runs started. */
export const dispatchAccountEvents = async (
  db: Db,
  deps: DispatchDeps,
  options: { now?: Date; limit?: number; workspaceId?: string } = {},
): Promise<{ events: number; runs: number }> => {
  const now = options.now ?? new Date();
  const pending: EventRow[] = await db
    .select({
      workspaceId: accountEvents.workspaceId,
      id: accountEvents.id,
      accountId: accountEvents.accountId,
      type: accountEvents.type,
      occurredAt: accountEvents.occurredAt,
      data: accountEvents.data,
      signal: accountEvents.signal,
    })
    .from(accountEvents)
    .where(
      and(
        isNull(accountEvents.dispatchedAt),
        // One workspace's only: tests sharing a PostgreSQL database keep to their own.
        options.workspaceId ? eq(accountEvents.workspaceId, options.workspaceId) : undefined,
      ),
    )
    .orderBy(asc(accountEvents.occurredAt), asc(accountEvents.id))
    .limit(options.limit ?? DISPATCH_BATCH_SIZE);
  const byWorkspace = new Map<string, EventRow[]>();
  for (const event of pending) {
    const list = byWorkspace.get(event.workspaceId) ?? [];
    list.push(event);
    byWorkspace.set(event.workspaceId, list);
  }
  let events = 0;
  let runs = 0;
  for (const [workspaceId, list] of byWorkspace) {
    const result = await dispatchWorkspaceEvents(db, deps, { workspaceId, events: list, now });
    events += result.events;
    runs += result.runs;
  }
  return { events, runs };
};

/**
 * Passes until the outbox is empty or `maxPasses` were made: the job's run,
 * so a full recompute's thousands of first scores go out in one run rather
 * than one batch every few seconds.
 */
export const dispatchPendingAccountEvents = async (
  db: Db,
  deps: DispatchDeps,
  options: { now?: Date; maxPasses?: number; workspaceId?: string } = {},
): Promise<{ events: number; runs: number }> => {
  const total = { events: 0, runs: 0 };
  const { maxPasses, ...pass1 } = options;
  for (let i = 0; i < (maxPasses ?? 20); i += 1) {
    const pass = await dispatchAccountEvents(db, deps, pass1);
    total.events += pass.events;
    total.runs += pass.runs;
    if (pass.events < DISPATCH_BATCH_SIZE) break;
  }
  return total;
};

const dispatchWorkspaceEvents = async (
  db: Db,
  deps: DispatchDeps,
  params: { workspaceId: string; events: EventRow[]; now: Date },
) => {
  const { workspaceId, now } = params;
  const signals = params.events.flatMap((event) => {
    if (event.signal === null) return [];
    const parsed = playbookSignalSchema.safeParse(event.signal);
    return parsed.success ? [{ eventId: event.id, signal: parsed.data }] : [];
  });
  const playbooks = signals.length > 0 ? await findLivePlaybooks(db, workspaceId) : [];
  const accountIds = playbooks.length > 0 ? signals.map((s) => s.signal.accountId) : [];
  const [factsOf, lastRuns] = await Promise.all([
    loadPlaybookFactsBatch(db, {
      workspaceId,
      accountIds,
      at: now,
      baseURL: deps.baseURL,
      playbooks: playbooks.map((entry) => entry.playbook),
    }),
    findLastRunDays(db, { workspaceId, accountIds }),
  ]);

  return db.transaction(async (tx) => {
    const locked = new Set(
      (
        await rowsOf<{ id: string }>(
          tx,
          sql`select id from account_events
            where workspace_id = ${workspaceId}
              and id = any(${sql.param(params.events.map((event) => event.id))}::uuid[])
              and dispatched_at is null
            for update skip locked`,
        )
      ).map((row) => row.id),
    );
    if (locked.size === 0) return { events: 0, runs: 0 };
    const newRuns: NewRun[] = [];
    for (const { eventId, signal } of signals) {
      if (!locked.has(eventId)) continue;
      const facts = factsOf.get(signal.accountId);
      if (!facts) continue;
      newRuns.push(...runsForSignal({ workspaceId, playbooks, signal, facts, lastRuns }));
    }
    const inserted = await insertRuns(tx, newRuns, now);
    const dispatched = params.events.filter((event) => locked.has(event.id));
    await queueWebhookDeliveries(tx, workspaceId, webhookEventsOf(dispatched));
    await tx
      .update(accountEvents)
      .set({ dispatchedAt: now })
      .where(
        and(eq(accountEvents.workspaceId, workspaceId), inArray(accountEvents.id, [...locked])),
      );
    return { events: locked.size, runs: inserted.length };
  });
};
