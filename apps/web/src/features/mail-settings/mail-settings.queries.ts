import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, readJson } from "../../lib/api-client";

export type MailSettings = InferResponseType<(typeof api)["settings"]["mail"]["$get"], 200>;
export type MailTestInput = InferRequestType<
  (typeof api)["settings"]["mail"]["test"]["$post"]
>["json"];
export type MailTestResult = InferResponseType<
  (typeof api)["settings"]["mail"]["test"]["$post"],
  200
>;

export const mailSettingsKeys = { all: ["settings", "mail"] as const };

export const mailSettingsQueryOptions = () =>
  queryOptions({
    queryKey: mailSettingsKeys.all,
    queryFn: () => readJson(api.settings.mail.$get()),
  });

export const sendTestMail = (json: MailTestInput) =>
  readJson(api.settings.mail.test.$post({ json }));
