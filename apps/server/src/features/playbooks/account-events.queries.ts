import type { PlaybookSignal, WebhookEventType } from "@michi/core";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accountEvents, webhookDeliveries, webhookEndpoints } from "../../db/schema";

/*
 * The changes the database cannot see by itself (a task made or completed, a
 * run finished, a plan stage closed) are recorded here by the service that
 * makes them; the others by migration 0025's triggers. Either way one row per
 * change, named by its dedupe key.
 */

export type NewAccountEvent = {
  workspaceId: string;
  accountId: string;
  type: WebhookEventType;
  dedupeKey: string;
  data: Record<string, unknown>;
  signal?: PlaybookSignal;
  occurredAt?: Date;
};

export const insertAccountEvent = async (db: DbOrTx, event: NewAccountEvent) => {
  await db
    .insert(accountEvents)
    .values({
      workspaceId: event.workspaceId,
      accountId: event.accountId,
      type: event.type,
      dedupeKey: event.dedupeKey,
      data: event.data,
      signal: event.signal ?? null,
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
    })
    .onConflictDoNothing({ target: [accountEvents.workspaceId, accountEvents.dedupeKey] });
};

export type DispatchedEvent = {
  workspaceId: string;
  id: string;
  accountId: string;
  type: WebhookEventType;
  occurredAt: Date;
  data: Record<string, unknown>;
};

/** What a delivery keeps of its event: deliverWebhook (lib/outbound) sends `{ type, timestamp, data }`. */
export const deliveryPayloadOf = (event: DispatchedEvent) => ({
  type: event.type,
  timestamp: event.occurredAt.toISOString(),
  data: { ...event.data, accountId: event.accountId, eventId: event.id },
});

/**
 * Queues one delivery per (enabled subscription naming the event's type,
 * event) of one workspace. Unique per (endpoint, event): dispatching the same
 * events again queues nothing more.
 */
export const queueWebhookDeliveries = async (
  db: DbOrTx,
  workspaceId: string,
  events: readonly DispatchedEvent[],
): Promise<number> => {
  if (events.length === 0) return 0;
  const endpoints = await db
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.enabled, true)));
  const rows = endpoints.flatMap((endpoint) =>
    events
      .filter((event) => endpoint.eventTypes.includes(event.type))
      .map((event) => ({
        workspaceId,
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        payload: deliveryPayloadOf(event),
        nextAttemptAt: new Date(),
      })),
  );
  if (rows.length === 0) return 0;
  const queued = await db
    .insert(webhookDeliveries)
    .values(rows)
    .onConflictDoNothing({
      target: [
        webhookDeliveries.workspaceId,
        webhookDeliveries.endpointId,
        webhookDeliveries.eventId,
      ],
    })
    .returning({ id: webhookDeliveries.id });
  return queued.length;
};
