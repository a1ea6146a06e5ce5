import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { type DeliveryResult, type PostJsonParams, postJson } from "./post-json";
import type { GuardOptions } from "./url-guard";

/**
 * Webhooks per the Standard Webhooks specification (standardwebhooks.com), signed with its
 * own library so receivers can verify with any of the spec's libraries (`Webhook.verify`).
 */

export type WebhookEndpoint = { url: string; secret: string };

export type WebhookEvent = {
  /** `webhook-id`: the same on every attempt of this event, so receivers can drop repeats. */
  id: string;
  type: string;
  occurredAt: Date;
  data: unknown;
};

export type DeliveryOptions = GuardOptions &
  Pick<PostJsonParams, "timeoutMs"> & {
    /** When the attempt is signed; `webhook-timestamp` is the attempt's, not the event's. */
    now?: () => Date;
  };

/** A new signing secret in the spec's format: `whsec_` and 32 random bytes in base64. */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64")}`;

/** The body every receiver gets: the spec's recommended `{ type, timestamp, data }`. */
export const webhookPayloadOf = (event: WebhookEvent): string =>
  JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data });

/** The three headers of the spec for one attempt. */
export const signWebhook = (params: {
  secret: string;
  id: string;
  at: Date;
  body: string;
}): Record<string, string> => ({
  "webhook-id": params.id,
  "webhook-timestamp": String(Math.floor(params.at.getTime() / 1000)),
  "webhook-signature": new Webhook(params.secret).sign(params.id, params.at, params.body),
});

/** One attempt to deliver `event` to `endpoint`; never throws (see `postJson`). */
export const deliverWebhook = (
  endpoint: WebhookEndpoint,
  event: WebhookEvent,
  options: DeliveryOptions,
): Promise<DeliveryResult> => {
  const { now, ...post } = options;
  const body = webhookPayloadOf(event);
  const at = now?.() ?? new Date();
  let headers: Record<string, string>;
  try {
    headers = signWebhook({ secret: endpoint.secret, id: event.id, at, body });
  } catch (error) {
    // The library throws on a secret that is not whsec_ base64: nothing was sent, and a retry with
    // the same secret would fail the same way.
    return Promise.resolve({
      ok: false,
      error: "refused",
      status: null,
      durationMs: 0,
      responseSnippet: "",
      message: `the signing secret is not usable: ${(error as Error).message}`,
      retryable: false,
    });
  }
  return postJson({ ...post, url: endpoint.url, body, headers });
};
