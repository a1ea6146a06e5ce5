import { errorResponses, jsonBody, jsonContent, problem } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import {
  webhookDeliveryListSchema,
  webhookDeliveryParams,
  webhookDeliveryQuerySchema,
  webhookDeliverySchema,
  webhookIdParam,
  webhookInputSchema,
  webhookListSchema,
  webhookPatchSchema,
  webhookSchema,
  webhookSecretSchema,
  webhookTestResultSchema,
  webhookWithSecretSchema,
} from "./webhooks.schemas";
import {
  createWebhook,
  listWebhookDeliveries,
  listWebhooks,
  patchWebhook,
  removeWebhook,
  resendWebhookDelivery,
  rotateWebhookSecret,
  sendTestWebhook,
} from "./webhooks.service";

/*
 * Webhook subscriptions (decision 0029): settings, so admins and managers, as
 * API keys are. Events are queued per subscription by the dispatcher and sent
 * by the `deliver-webhooks` job (webhook-delivery.ts).
 */

const tags = ["Webhooks"];
const permission = "manage-settings" as const;

const list = defineRoute({
  method: "get",
  path: "/webhooks",
  permission,
  tags,
  summary: "List the workspace's webhook subscriptions (without their secrets)",
  responses: { 200: jsonContent(webhookListSchema, "The subscriptions"), ...errorResponses },
});

const create = defineRoute({
  method: "post",
  path: "/webhooks",
  permission,
  tags,
  summary: "Subscribe a URL to event types; the signing secret is in this answer only",
  request: { body: jsonBody(webhookInputSchema) },
  responses: {
    201: jsonContent(webhookWithSecretSchema, "The subscription, with its secret"),
    ...errorResponses,
  },
});

const update = defineRoute({
  method: "patch",
  path: "/webhooks/{id}",
  permission,
  tags,
  summary: "Change a subscription, or turn it off or on (on again forgets its failures)",
  request: { params: webhookIdParam, body: jsonBody(webhookPatchSchema) },
  responses: { 200: jsonContent(webhookSchema, "The subscription"), ...errorResponses },
});

const remove = defineRoute({
  method: "delete",
  path: "/webhooks/{id}",
  permission,
  tags,
  summary: "Delete a subscription and its delivery log",
  request: { params: webhookIdParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

const rotate = defineRoute({
  method: "post",
  path: "/webhooks/{id}/rotate-secret",
  permission,
  tags,
  summary: "Replace the signing secret; the new one is in this answer only",
  request: { params: webhookIdParam },
  responses: { 200: jsonContent(webhookSecretSchema, "The new secret"), ...errorResponses },
});

const test = defineRoute({
  method: "post",
  path: "/webhooks/{id}/test",
  permission,
  tags,
  summary: "Send a signed `webhook.test` event now and answer how the receiver took it",
  description:
    "One attempt, at once, enabled or not; not retried and not recorded in the delivery log.",
  request: { params: webhookIdParam },
  responses: { 200: jsonContent(webhookTestResultSchema, "The attempt"), ...errorResponses },
});

const deliveries = defineRoute({
  method: "get",
  path: "/webhooks/{id}/deliveries",
  permission,
  tags,
  summary: "A subscription's delivery log, newest first",
  request: { params: webhookIdParam, query: webhookDeliveryQuerySchema },
  responses: { 200: jsonContent(webhookDeliveryListSchema, "The deliveries"), ...errorResponses },
});

const resend = defineRoute({
  method: "post",
  path: "/webhooks/{id}/deliveries/{deliveryId}/resend",
  permission,
  tags,
  summary: "Send a delivery again (a new series of attempts, same webhook-id)",
  request: { params: webhookDeliveryParams },
  responses: {
    202: jsonContent(webhookDeliverySchema, "The delivery, pending"),
    ...errorResponses,
    409: problem("The subscription is turned off (webhook-disabled)"),
  },
});

const optionsOf = (deps: { webhooksAllowPrivate?: boolean | undefined }) => ({
  allowPrivate: deps.webhooksAllowPrivate ?? false,
});

export const webhooksRouter = createRouter()
  .openapi(list, async (c) => c.json(await listWebhooks(c.var.deps.db, c.var.actor), 200))
  .openapi(create, async (c) =>
    c.json(
      await createWebhook(c.var.deps.db, c.var.actor, c.req.valid("json"), optionsOf(c.var.deps)),
      201,
    ),
  )
  .openapi(update, async (c) =>
    c.json(
      await patchWebhook(
        c.var.deps.db,
        c.var.actor,
        { id: c.req.valid("param").id, patch: c.req.valid("json") },
        optionsOf(c.var.deps),
      ),
      200,
    ),
  )
  .openapi(remove, async (c) => {
    await removeWebhook(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(rotate, async (c) =>
    c.json(await rotateWebhookSecret(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  )
  .openapi(test, async (c) =>
    c.json(
      await sendTestWebhook(
        c.var.deps.db,
        c.var.actor,
        c.req.valid("param").id,
        optionsOf(c.var.deps),
      ),
      200,
    ),
  )
  .openapi(deliveries, async (c) =>
    c.json(
      await listWebhookDeliveries(c.var.deps.db, c.var.actor, {
        id: c.req.valid("param").id,
        cursor: c.req.valid("query").cursor,
      }),
      200,
    ),
  )
  .openapi(resend, async (c) =>
    c.json(await resendWebhookDelivery(c.var.deps.db, c.var.actor, c.req.valid("param")), 202),
  );
