import { queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../lib/api-client";
import { accountKeys } from "../accounts/accounts.queries";

const overview = api.accounts[":id"].overview;

export type AccountOverview = InferResponseType<(typeof overview)["$get"], 200>;
export type OverviewLanguage = "ja" | "en";

export const accountOverviewKeys = {
  /** Under the account's detail key, so invalidating the account refreshes it too. */
  detail: (accountId: string, lang: OverviewLanguage) =>
    [...accountKeys.detail(accountId), "overview", lang] as const,
};

export const accountOverviewQueryOptions = (accountId: string, lang: OverviewLanguage) =>
  queryOptions({
    queryKey: accountOverviewKeys.detail(accountId, lang),
    queryFn: () => readJson(overview.$get({ param: { id: accountId }, query: { lang } })),
  });
