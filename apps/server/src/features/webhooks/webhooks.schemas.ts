import { z } from "@hono/zod-openapi";
import { webhookDeliveryStatuses, webhookEventTypes } from "@michi/core";

/** Why a subscription is off: turned off by a person, failing for a day, or answered 410 Gone. */
export const webhookDisabledReasons = ["manual", "failing", "gone"] as const;
export type WebhookDisabledReason = (typeof webhookDisabledReasons)[number];

const uuidParam = (name: string) =>
  z.uuid({ message: "must be a UUID" }).openapi({ param: { name, in: "path" } });

export const webhookIdParam = z.object({ id: uuidParam("id") });
export const webhookDeliveryParams = z.object({
  id: uuidParam("id"),
  deliveryId: uuidParam("deliveryId"),
});

const urlField = z.string().trim().min(1, "is required").max(2000).openapi({
  description:
    "Where events are POSTed: http(s) only. Loopback, private, link-local and metadata addresses are refused (422) unless the server runs with MICHI_WEBHOOKS_ALLOW_PRIVATE=1 (metadata addresses always).",
  example: "https://example.com/michi/webhooks",
});

const eventTypesField = z
  .array(z.enum(webhookEventTypes, { message: `must be one of ${webhookEventTypes.join(", ")}` }))
  .min(1, "choose at least one event type")
  .max(webhookEventTypes.length)
  .refine((types) => new Set(types).size === types.length, "names an event type twice")
  .openapi({ description: "The event types sent to this URL." });

const descriptionField = z.string().trim().max(500);

export const webhookInputSchema = z
  .object({
    url: urlField,
    eventTypes: eventTypesField,
    description: descriptionField.default(""),
  })
  .strict()
  .openapi("WebhookInput");

export const webhookPatchSchema = z
  .object({
    url: urlField.optional(),
    eventTypes: eventTypesField.optional(),
    description: descriptionField.optional(),
    enabled: z.boolean().optional().openapi({
      description:
        "false turns it off (reason `manual`); true turns it on again and forgets its failures.",
    }),
  })
  .strict()
  .openapi("WebhookPatch");

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.enum(webhookEventTypes)),
    enabled: z.boolean(),
    disabledReason: z.enum(webhookDisabledReasons).nullable(),
    disabledAt: z.string().nullable(),
    failuresInARow: z.number().int(),
    /** The latest failed attempt, for the list's "last failure". */
    lastFailure: z
      .object({ at: z.string(), statusCode: z.number().int().nullable(), error: z.string() })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Webhook");

export const webhookListSchema = z
  .object({
    data: z.array(webhookSchema),
    /** Every type a subscription may name, for the form's checkboxes. */
    eventTypes: z.array(z.enum(webhookEventTypes)),
  })
  .openapi("WebhookList");

export const webhookWithSecretSchema = webhookSchema
  .extend({
    secret: z.string().openapi({
      description:
        "The signing secret (whsec_…, Standard Webhooks). Shown in this answer only, never again.",
    }),
  })
  .openapi("WebhookWithSecret");

export const webhookSecretSchema = z
  .object({ secret: z.string().openapi({ description: "The new signing secret, shown once." }) })
  .openapi("WebhookSecret");

export const webhookDeliverySchema = z
  .object({
    id: z.uuid().openapi({ description: "The `webhook-id` the receiver sees." }),
    eventType: z.enum(webhookEventTypes),
    status: z.enum(webhookDeliveryStatuses),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .openapi("WebhookDelivery");

export const webhookDeliveryListSchema = z
  .object({ data: z.array(webhookDeliverySchema), nextCursor: z.string().nullable() })
  .openapi("WebhookDeliveryList");

export const webhookDeliveryQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
});

export const webhookTestResultSchema = z
  .object({
    ok: z.boolean(),
    statusCode: z.number().int().nullable(),
    error: z.string().nullable().openapi({
      description: "refused, dns, connection, tls, timeout or http; null when delivered.",
    }),
    message: z.string().nullable(),
    durationMs: z.number(),
  })
  .openapi("WebhookTestResult");

export type WebhookInput = z.infer<typeof webhookInputSchema>;
export type WebhookPatch = z.infer<typeof webhookPatchSchema>;
export type WebhookDto = z.infer<typeof webhookSchema>;
