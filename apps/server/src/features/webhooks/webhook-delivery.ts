import type { Db } from "../../db/client";
import { logger } from "../../lib/logger";
import type { DeliveryResult } from "../../lib/outbound/post-json";
import { nextRetryDelay, shouldDisable } from "../../lib/outbound/retry";
import { deliverWebhook } from "../../lib/outbound/webhooks";
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  countEndpointFailure,
  disableFailingEndpoint,
  findFailingSince,
  recordDeliveryAttempt,
  resetEndpointFailures,
} from "./webhooks.queries";

/**
 * The `deliver-webhooks` job: sends the due deliveries queued by the
 * dispatcher (queueWebhookDeliveries) or a resend, one attempt each, and
 * records how each went (decision 0029). Claimed in small batches in a short
 * transaction (webhooks.queries.ts, claimDueDeliveries), sent after it commits.
 */

/** Deliveries taken per claim; a run claims again until nothing is due. */
const BATCH_SIZE = 10;
/** How long a claimed delivery is not due again: well above one attempt's 10 s timeout. */
const LEASE_MS = 5 * 60 * 1000;
/** Batches per run at most, so one run of the job does not hold on for ever. */
const MAX_BATCHES = 20;

export type DeliverWebhooksOptions = {
  allowPrivate: boolean;
  /** The clock and the jitter, for tests. */
  now?: () => Date;
  random?: () => number;
};

export type DeliverWebhooksSummary = { delivered: number; retrying: number; failed: number };

const errorText = (result: Extract<DeliveryResult, { ok: false }>) =>
  `${result.error}: ${result.message}`.slice(0, 1000);

const eventOf = (delivery: ClaimedDelivery) => {
  const payload = delivery.payload as { timestamp?: unknown; data?: unknown };
  const at = typeof payload.timestamp === "string" ? new Date(payload.timestamp) : undefined;
  return {
    // The delivery's id: the same on every attempt and on a resend, so receivers drop repeats.
    id: delivery.id,
    type: delivery.eventType,
    occurredAt: at && !Number.isNaN(at.getTime()) ? at : new Date(),
    data: payload.data ?? {},
  };
};

const afterFailure = async (
  db: Db,
  delivery: ClaimedDelivery,
  result: Extract<DeliveryResult, { ok: false }>,
  options: { now: Date; random: number },
): Promise<"retrying" | "failed"> => {
  const attempts = delivery.attempts + 1;
  const delay = result.retryable ? nextRetryDelay(attempts, options.random) : null;
  await recordDeliveryAttempt(db, delivery, {
    status: delay === null ? "failed" : "pending",
    attempts,
    nextAttemptAt: delay === null ? null : new Date(options.now.getTime() + delay),
    lastStatusCode: result.status,
    lastError: errorText(result),
    deliveredAt: null,
  });
  const endpoint = { workspaceId: delivery.workspaceId, id: delivery.endpointId };
  const counted = await countEndpointFailure(db, endpoint);
  if (counted?.enabled) {
    // 410 Gone: the receiver says the URL is not coming back.
    const gone = result.error === "http" && result.status === 410;
    const failingSince = gone ? undefined : await findFailingSince(db, endpoint);
    const failing =
      failingSince !== undefined &&
      shouldDisable({
        consecutiveFailures: counted.failuresInARow,
        failingSince,
        now: options.now,
      });
    if (gone || failing) {
      const reason = gone ? "gone" : "failing";
      if (await disableFailingEndpoint(db, { ...endpoint, reason, at: options.now })) {
        logger.warn(
          {
            workspaceId: delivery.workspaceId,
            webhookId: delivery.endpointId,
            url: delivery.url,
            failuresInARow: counted.failuresInARow,
            reason,
          },
          "webhook subscription turned off after failed deliveries",
        );
      }
    }
  }
  return delay === null ? "failed" : "retrying";
};

/** Sends what is due now; answers how many were delivered, will be retried, or failed. */
export const deliverDueWebhooks = async (
  db: Db,
  options: DeliverWebhooksOptions,
): Promise<DeliverWebhooksSummary> => {
  const clock = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const summary: DeliverWebhooksSummary = { delivered: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const claimed = await claimDueDeliveries(db, {
      now: clock(),
      leaseMs: LEASE_MS,
      limit: BATCH_SIZE,
    });
    if (claimed.length === 0) break;
    await Promise.all(
      claimed.map(async (delivery) => {
        const result = await deliverWebhook(
          { url: delivery.url, secret: delivery.secret },
          eventOf(delivery),
          { allowPrivate: options.allowPrivate, now: clock },
        );
        const now = clock();
        if (result.ok) {
          await recordDeliveryAttempt(db, delivery, {
            status: "delivered",
            attempts: delivery.attempts + 1,
            nextAttemptAt: null,
            lastStatusCode: result.status,
            lastError: null,
            deliveredAt: now,
          });
          await resetEndpointFailures(db, {
            workspaceId: delivery.workspaceId,
            id: delivery.endpointId,
          });
          summary.delivered += 1;
        } else {
          summary[await afterFailure(db, delivery, result, { now, random: random() })] += 1;
        }
      }),
    );
    if (claimed.length < BATCH_SIZE) break;
  }
  return summary;
};
