import { AppError, coded, webhookEventTypes } from "@michi/core";
import type { Db } from "../../db/client";
import { badCursorError, decodeCursor, encodeCursor } from "../../lib/cursor";
import type { Actor } from "../../lib/hono-env";
import { checkOutboundUrl, type UrlRefusal } from "../../lib/outbound/url-guard";
import { deliverWebhook, generateWebhookSecret } from "../../lib/outbound/webhooks";
import { iso } from "../../lib/sql";
import {
  DELIVERIES_PAGE,
  deleteWebhookEndpoint,
  findLastFailures,
  findWebhookDeliveries,
  findWebhookEndpoint,
  findWebhookEndpoints,
  insertWebhookEndpoint,
  requeueWebhookDelivery,
  updateWebhookEndpoint,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from "./webhooks.queries";
import type {
  WebhookDisabledReason,
  WebhookDto,
  WebhookInput,
  WebhookPatch,
} from "./webhooks.schemas";

/** What the webhook operations need beyond the database: the guard's setting. */
export type WebhookOptions = { allowPrivate: boolean };

type LastFailure = { createdAt: Date; lastStatusCode: number | null; lastError: string | null };

const toWebhookDto = (row: WebhookEndpointRow, lastFailure?: LastFailure): WebhookDto => ({
  id: row.id,
  url: row.url,
  description: row.description,
  eventTypes: row.eventTypes,
  enabled: row.enabled,
  disabledReason: row.enabled ? null : ((row.disabledReason as WebhookDisabledReason) ?? "manual"),
  disabledAt: row.enabled || !row.disabledAt ? null : iso(row.disabledAt),
  failuresInARow: row.failuresInARow,
  lastFailure:
    lastFailure?.lastError != null
      ? {
          at: iso(lastFailure.createdAt),
          statusCode: lastFailure.lastStatusCode,
          error: lastFailure.lastError,
        }
      : null,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const toDeliveryDto = (row: WebhookDeliveryRow) => ({
  id: row.id,
  eventType: row.eventType,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.status === "pending" && row.nextAttemptAt ? iso(row.nextAttemptAt) : null,
  lastStatusCode: row.lastStatusCode,
  lastError: row.lastError,
  createdAt: iso(row.createdAt),
  deliveredAt: row.deliveredAt ? iso(row.deliveredAt) : null,
});

const refusalMessage = (refusal: UrlRefusal): string => {
  switch (refusal.reason) {
    case "invalidUrl":
      return "is not a URL";
    case "unsupportedScheme":
      return `must be an http or https URL, not ${refusal.scheme}`;
    case "unresolvable":
      return `names a host that does not resolve (${refusal.host})`;
    case "privateAddress":
      return `points at ${refusal.address}, a loopback, private, link-local or metadata address`;
  }
};

/** 422 naming `url` unless the guard lets Michi post there. */
const assertUrlAllowed = async (url: string, options: WebhookOptions) => {
  const check = await checkOutboundUrl(url, { allowPrivate: options.allowPrivate });
  if (check.ok) return;
  const { ok: _ok, ...refusal } = check;
  throw new AppError("validation-failed", "The webhook URL is refused.", [
    {
      pointer: "/url",
      message: refusalMessage(refusal),
      ...coded("webhook-url-refused", {
        reason: refusal.reason,
        ...("host" in refusal ? { host: refusal.host } : {}),
        ...("address" in refusal ? { address: refusal.address } : {}),
      }),
    },
  ]);
};

const notFound = () => new AppError("not-found", "There is no such webhook subscription.");

const endpointOf = async (db: Db, actor: Actor, id: string) => {
  const row = await findWebhookEndpoint(db, { workspaceId: actor.workspaceId, id });
  if (!row) throw notFound();
  return row;
};

export const listWebhooks = async (db: Db, actor: Actor) => {
  const workspaceId = actor.workspaceId;
  const [rows, failures] = await Promise.all([
    findWebhookEndpoints(db, { workspaceId }),
    findLastFailures(db, { workspaceId }),
  ]);
  return {
    data: rows.map((row) => toWebhookDto(row, failures.get(row.id))),
    eventTypes: [...webhookEventTypes],
  };
};

export const createWebhook = async (
  db: Db,
  actor: Actor,
  input: WebhookInput,
  options: WebhookOptions,
) => {
  await assertUrlAllowed(input.url, options);
  const secret = generateWebhookSecret();
  const row = await insertWebhookEndpoint(db, {
    workspaceId: actor.workspaceId,
    url: input.url,
    eventTypes: input.eventTypes,
    description: input.description,
    secret,
  });
  return { ...toWebhookDto(row), secret };
};

export const patchWebhook = async (
  db: Db,
  actor: Actor,
  params: { id: string; patch: WebhookPatch },
  options: WebhookOptions,
  now = new Date(),
) => {
  const current = await endpointOf(db, actor, params.id);
  const { patch } = params;
  if (patch.url !== undefined && patch.url !== current.url) {
    await assertUrlAllowed(patch.url, options);
  }
  const enabling = patch.enabled === true && !current.enabled;
  const disabling = patch.enabled === false && current.enabled;
  const row = await updateWebhookEndpoint(
    db,
    { workspaceId: actor.workspaceId, id: params.id },
    {
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.eventTypes !== undefined ? { eventTypes: patch.eventTypes } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      // On again: its past failures no longer count towards turning it off.
      ...(enabling
        ? { enabled: true, disabledReason: null, disabledAt: null, failuresInARow: 0 }
        : {}),
      ...(disabling ? { enabled: false, disabledReason: "manual", disabledAt: now } : {}),
    },
  );
  if (!row) throw notFound();
  const failures = await findLastFailures(db, { workspaceId: actor.workspaceId });
  return toWebhookDto(row, failures.get(row.id));
};

export const removeWebhook = async (db: Db, actor: Actor, id: string) => {
  if (!(await deleteWebhookEndpoint(db, { workspaceId: actor.workspaceId, id }))) {
    throw notFound();
  }
};

/** A new signing secret; the old one stops signing at once. */
export const rotateWebhookSecret = async (db: Db, actor: Actor, id: string) => {
  const secret = generateWebhookSecret();
  const row = await updateWebhookEndpoint(db, { workspaceId: actor.workspaceId, id }, { secret });
  if (!row) throw notFound();
  return { secret };
};

export const listWebhookDeliveries = async (
  db: Db,
  actor: Actor,
  params: { id: string; cursor?: string | undefined },
) => {
  await endpointOf(db, actor, params.id);
  let after: { createdAt: Date; id: string } | undefined;
  if (params.cursor) {
    const cursor = decodeCursor(params.cursor);
    const createdAt = new Date(cursor.v);
    if (Number.isNaN(createdAt.getTime())) throw badCursorError();
    after = { createdAt, id: cursor.id };
  }
  const rows = await findWebhookDeliveries(db, {
    workspaceId: actor.workspaceId,
    id: params.id,
    ...(after ? { after } : {}),
  });
  const page = rows.slice(0, DELIVERIES_PAGE);
  const last = page.at(-1);
  return {
    data: page.map(toDeliveryDto),
    nextCursor:
      rows.length > DELIVERIES_PAGE && last
        ? encodeCursor({ v: iso(last.createdAt), id: last.id })
        : null,
  };
};

/** Sends a delivery again: a new series of attempts, due now, picked up by the delivery job. */
export const resendWebhookDelivery = async (
  db: Db,
  actor: Actor,
  params: { id: string; deliveryId: string },
  now = new Date(),
) => {
  const endpoint = await endpointOf(db, actor, params.id);
  if (!endpoint.enabled) {
    throw new AppError(
      "conflict",
      "The subscription is turned off; turn it on to send its deliveries.",
      { problem: coded("webhook-disabled") },
    );
  }
  const row = await requeueWebhookDelivery(db, {
    workspaceId: actor.workspaceId,
    id: params.id,
    deliveryId: params.deliveryId,
    now,
  });
  if (!row) throw new AppError("not-found", "There is no such delivery of this subscription.");
  return toDeliveryDto(row);
};

/**
 * Sends a `webhook.test` ping to the subscription at once (enabled or not) and answers
 * how the receiver took it. Not recorded in the delivery log, which holds real events.
 */
export const sendTestWebhook = async (
  db: Db,
  actor: Actor,
  id: string,
  options: WebhookOptions,
  now = new Date(),
) => {
  const endpoint = await endpointOf(db, actor, id);
  const result = await deliverWebhook(
    { url: endpoint.url, secret: endpoint.secret },
    {
      id: crypto.randomUUID(),
      type: "webhook.test",
      occurredAt: now,
      data: { webhookId: endpoint.id, message: "A test event from Michi." },
    },
    { allowPrivate: options.allowPrivate },
  );
  return result.ok
    ? {
        ok: true,
        statusCode: result.status,
        error: null,
        message: null,
        durationMs: result.durationMs,
      }
    : {
        ok: false,
        statusCode: result.status,
        error: result.error,
        message: result.message,
        durationMs: result.durationMs,
      };
};
