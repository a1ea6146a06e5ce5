import type { WebhookEventType } from "@michi/core";
import { and, desc, eq, inArray, isNotNull, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema";

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

type InWorkspace = { workspaceId: string };
type OneEndpoint = InWorkspace & { id: string };

export const findWebhookEndpoints = (db: DbOrTx, params: InWorkspace) =>
  db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.workspaceId, params.workspaceId))
    .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);

export const findWebhookEndpoint = async (db: DbOrTx, params: OneEndpoint) => {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(
      and(eq(webhookEndpoints.workspaceId, params.workspaceId), eq(webhookEndpoints.id, params.id)),
    );
  return row;
};

/** The latest failed attempt of each endpoint (any status: a retried one counts), for the list. */
export const findLastFailures = async (db: DbOrTx, params: InWorkspace) => {
  const rows = await db
    .selectDistinctOn([webhookDeliveries.endpointId], {
      endpointId: webhookDeliveries.endpointId,
      createdAt: webhookDeliveries.createdAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
    })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, params.workspaceId),
        isNotNull(webhookDeliveries.lastError),
      ),
    )
    .orderBy(webhookDeliveries.endpointId, desc(webhookDeliveries.createdAt));
  return new Map(rows.map((row) => [row.endpointId, row]));
};

export const insertWebhookEndpoint = async (
  db: DbOrTx,
  values: InWorkspace & {
    url: string;
    eventTypes: WebhookEventType[];
    description: string;
    secret: string;
  },
) => {
  const [row] = await db.insert(webhookEndpoints).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

export const updateWebhookEndpoint = async (
  db: DbOrTx,
  params: OneEndpoint,
  set: Partial<
    Pick<
      WebhookEndpointRow,
      | "url"
      | "eventTypes"
      | "description"
      | "secret"
      | "enabled"
      | "disabledReason"
      | "disabledAt"
      | "failuresInARow"
    >
  >,
) => {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ ...set, updatedAt: sql`now()` })
    .where(
      and(eq(webhookEndpoints.workspaceId, params.workspaceId), eq(webhookEndpoints.id, params.id)),
    )
    .returning();
  return row;
};

export const deleteWebhookEndpoint = async (db: DbOrTx, params: OneEndpoint) => {
  const rows = await db
    .delete(webhookEndpoints)
    .where(
      and(eq(webhookEndpoints.workspaceId, params.workspaceId), eq(webhookEndpoints.id, params.id)),
    )
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
};

export const DELIVERIES_PAGE = 50;

/** One endpoint's log, newest first; one row more than a page tells there is a next one. */
export const findWebhookDeliveries = (
  db: DbOrTx,
  params: OneEndpoint & { after?: { createdAt: Date; id: string } },
) =>
  db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, params.workspaceId),
        eq(webhookDeliveries.endpointId, params.id),
        params.after
          ? or(
              lt(webhookDeliveries.createdAt, params.after.createdAt),
              and(
                eq(webhookDeliveries.createdAt, params.after.createdAt),
                lt(webhookDeliveries.id, params.after.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERIES_PAGE + 1);

/** A new series of attempts of one delivery (same id, so receivers still drop a repeat). */
export const requeueWebhookDelivery = async (
  db: DbOrTx,
  params: OneEndpoint & { deliveryId: string; now: Date },
) => {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: params.now, deliveredAt: null })
    .where(
      and(
        eq(webhookDeliveries.workspaceId, params.workspaceId),
        eq(webhookDeliveries.endpointId, params.id),
        eq(webhookDeliveries.id, params.deliveryId),
      ),
    )
    .returning();
  return row;
};

/* The delivery job's queries (webhook-delivery.ts). */

export type ClaimedDelivery = {
  workspaceId: string;
  id: string;
  endpointId: string;
  eventType: WebhookEventType;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  secret: string;
};

/**
 * Takes up to `limit` due deliveries of enabled endpoints and pushes their
 * next_attempt_at `leaseMs` ahead, in one transaction: another process (or
 * the next run) skips rows locked here (SKIP LOCKED) and, once this commits,
 * finds them not due. The HTTP calls happen after the commit; a process that
 * dies while sending leaves them to be taken again when the lease ends.
 */
export const claimDueDeliveries = (
  db: DbOrTx,
  params: { now: Date; leaseMs: number; limit: number },
): Promise<ClaimedDelivery[]> =>
  db.transaction(async (tx) => {
    const due = await tx
      .select({
        workspaceId: webhookDeliveries.workspaceId,
        id: webhookDeliveries.id,
        endpointId: webhookDeliveries.endpointId,
        eventType: webhookDeliveries.eventType,
        payload: webhookDeliveries.payload,
        attempts: webhookDeliveries.attempts,
        url: webhookEndpoints.url,
        secret: webhookEndpoints.secret,
      })
      .from(webhookDeliveries)
      .innerJoin(
        webhookEndpoints,
        and(
          eq(webhookEndpoints.workspaceId, webhookDeliveries.workspaceId),
          eq(webhookEndpoints.id, webhookDeliveries.endpointId),
        ),
      )
      .where(
        and(
          eq(webhookDeliveries.status, "pending"),
          lte(webhookDeliveries.nextAttemptAt, params.now),
          eq(webhookEndpoints.enabled, true),
        ),
      )
      .orderBy(webhookDeliveries.nextAttemptAt)
      .limit(params.limit)
      .for("update", { of: webhookDeliveries, skipLocked: true });
    if (due.length === 0) return [];
    const leaseEnd = new Date(params.now.getTime() + params.leaseMs);
    for (const workspaceId of new Set(due.map((row) => row.workspaceId))) {
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: leaseEnd })
        .where(
          and(
            eq(webhookDeliveries.workspaceId, workspaceId),
            inArray(
              webhookDeliveries.id,
              due.filter((row) => row.workspaceId === workspaceId).map((row) => row.id),
            ),
          ),
        );
    }
    return due;
  });

/** One attempt's outcome on the delivery row. */
export const recordDeliveryAttempt = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string },
  set: Pick<
    WebhookDeliveryRow,
    "status" | "attempts" | "nextAttemptAt" | "lastStatusCode" | "lastError" | "deliveredAt"
  >,
) => {
  await db
    .update(webhookDeliveries)
    .set(set)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, params.workspaceId),
        eq(webhookDeliveries.id, params.id),
      ),
    );
};

/** A success: the endpoint's failures in a row start again from 0. */
export const resetEndpointFailures = async (db: DbOrTx, params: OneEndpoint) => {
  await db
    .update(webhookEndpoints)
    .set({ failuresInARow: 0 })
    .where(
      and(eq(webhookEndpoints.workspaceId, params.workspaceId), eq(webhookEndpoints.id, params.id)),
    );
};

/** A failure: one more in a row (atomically, as deliveries of one endpoint may fail together). */
export const countEndpointFailure = async (db: DbOrTx, params: OneEndpoint) => {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ failuresInARow: sql`${webhookEndpoints.failuresInARow} + 1` })
    .where(
      and(eq(webhookEndpoints.workspaceId, params.workspaceId), eq(webhookEndpoints.id, params.id)),
    )
    .returning({
      failuresInARow: webhookEndpoints.failuresInARow,
      enabled: webhookEndpoints.enabled,
    });
  return row;
};

/**
 * Since when an endpoint has been failing: the creation of its oldest failed-or-retrying
 * delivery newer than its last delivered one. The table keeps no `failing_since`; a
 * delivery's first attempt follows its creation within seconds, so this is near enough
 * for a rule measured in a day.
 */
export const findFailingSince = async (
  db: DbOrTx,
  params: OneEndpoint,
): Promise<Date | undefined> => {
  const [row] = await db
    .select({ since: sql<string | null>`min(${webhookDeliveries.createdAt})` })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, params.workspaceId),
        eq(webhookDeliveries.endpointId, params.id),
        isNotNull(webhookDeliveries.lastError),
        sql`${webhookDeliveries.status} <> 'delivered'`,
        sql`${webhookDeliveries.createdAt} > coalesce((select max(d.delivered_at) from webhook_deliveries d where d.workspace_id = ${params.workspaceId} and d.endpoint_id = ${params.id}), '-infinity'::timestamptz)`,
      ),
    );
  return row?.since ? new Date(row.since) : undefined;
};

/** Turns an endpoint off after failures; only if it is still on (one notice, not several). */
export const disableFailingEndpoint = async (
  db: DbOrTx,
  params: OneEndpoint & { reason: "failing" | "gone"; at: Date },
) => {
  const rows = await db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: params.reason, disabledAt: params.at })
    .where(
      and(
        eq(webhookEndpoints.workspaceId, params.workspaceId),
        eq(webhookEndpoints.id, params.id),
        eq(webhookEndpoints.enabled, true),
      ),
    )
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
};
