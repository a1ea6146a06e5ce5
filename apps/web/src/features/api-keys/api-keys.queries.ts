import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, expectOk, readJson } from "../../lib/api-client";

export type ApiKey = InferResponseType<(typeof api)["api-keys"]["$get"], 200>["data"][number];
export type ApiKeyInput = InferRequestType<(typeof api)["api-keys"]["$post"]>["json"];

export const apiKeyKeys = { all: ["api-keys"] as const };

export const apiKeysQueryOptions = () =>
  queryOptions({
    queryKey: apiKeyKeys.all,
    queryFn: () => readJson(api["api-keys"].$get()),
  });

export const createApiKey = (json: ApiKeyInput) => readJson(api["api-keys"].$post({ json }));

export const revokeApiKey = (id: string) =>
  expectOk(api["api-keys"][":id"].$delete({ param: { id } }));
