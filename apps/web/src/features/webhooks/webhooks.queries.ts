import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, expectOk, readJson } from "../../lib/api-client";

export type WebhookList = InferResponseType<(typeof api)["webhooks"]["$get"], 200>;
export type Webhook = WebhookList["data"][number];
export type WebhookEventType = WebhookList["eventTypes"][number];
export type WebhookInput = InferRequestType<(typeof api)["webhooks"]["$post"]>["json"];
export type WebhookPatch = InferRequestType<(typeof api)["webhooks"][":id"]["$patch"]>["json"];
export type WebhookDeliveryPage = InferResponseType<
  (typeof api)["webhooks"][":id"]["deliveries"]["$get"],
  200
>;
export type WebhookDelivery = WebhookDeliveryPage["data"][number];
export type WebhookTestResult = InferResponseType<
  (typeof api)["webhooks"][":id"]["test"]["$post"],
  200
>;

export const webhookKeys = {
  all: ["webhooks"] as const,
  deliveries: (id: string) => ["webhooks", id, "deliveries"] as const,
};

export const webhooksQueryOptions = () =>
  queryOptions({
    queryKey: webhookKeys.all,
    queryFn: () => readJson(api.webhooks.$get()),
  });

export const webhookDeliveriesQueryOptions = (id: string) =>
  infiniteQueryOptions({
    queryKey: webhookKeys.deliveries(id),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      readJson(
        api.webhooks[":id"].deliveries.$get({
          param: { id },
          query: pageParam ? { cursor: pageParam } : {},
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const createWebhook = (json: WebhookInput) => readJson(api.webhooks.$post({ json }));

export const updateWebhook = (id: string, json: WebhookPatch) =>
  readJson(api.webhooks[":id"].$patch({ param: { id }, json }));

export const deleteWebhook = (id: string) =>
  expectOk(api.webhooks[":id"].$delete({ param: { id } }));

export const rotateWebhookSecret = (id: string) =>
  readJson(api.webhooks[":id"]["rotate-secret"].$post({ param: { id } }));

export const testWebhook = (id: string) =>
  readJson(api.webhooks[":id"].test.$post({ param: { id } }));

export const resendWebhookDelivery = (id: string, deliveryId: string) =>
  expectOk(
    api.webhooks[":id"].deliveries[":deliveryId"].resend.$post({ param: { id, deliveryId } }),
  );

type Underscored<T extends string> = T extends `${infer A}.${infer B}` ? `${A}_${B}` : T;

/** i18n keys cannot hold dots: account.health_band_changed → account_health_band_changed. */
export const eventTypeKey = <T extends WebhookEventType>(type: T) =>
  `webhooks.eventTypes.${type.replace(".", "_")}` as `webhooks.eventTypes.${Underscored<T>}`;
