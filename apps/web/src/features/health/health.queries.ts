import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, readJson } from "../../lib/api-client";

const account = api.accounts[":id"];

export type AccountHealth = InferResponseType<(typeof account)["health"]["$get"], 200>;
export type HealthContribution = AccountHealth["contributions"][number];
export type HealthBand = NonNullable<AccountHealth["band"]>;
export type HealthHistoryPoint = InferResponseType<
  (typeof account)["health"]["history"]["$get"],
  200
>["data"][number];
export type AccountRatings = InferResponseType<(typeof account)["health"]["ratings"]["$get"], 200>;
export type RatingMeasure = AccountRatings["measures"][number];
export type RatingInput = InferRequestType<(typeof account)["health"]["ratings"]["$post"]>["json"];
export type AccountHealthChange = InferResponseType<
  (typeof account)["health"]["change"]["$get"],
  200
>;
export type AccountMaturity = InferResponseType<(typeof account)["maturity"]["$get"], 200>;

export const healthKeys = {
  all: ["health"] as const,
  account: (accountId: string) => ["accounts", "detail", accountId, "health"] as const,
  historyAll: (accountId: string) => [...healthKeys.account(accountId), "history"] as const,
  history: (accountId: string, days: number) =>
    [...healthKeys.historyAll(accountId), days] as const,
  change: (accountId: string, from: string, to: string) =>
    [...healthKeys.account(accountId), "change", from, to] as const,
  ratingsAll: (accountId: string) => [...healthKeys.account(accountId), "ratings"] as const,
  ratings: (accountId: string, lang: "ja" | "en") =>
    [...healthKeys.ratingsAll(accountId), lang] as const,
  maturity: (accountId: string) => ["accounts", "detail", accountId, "maturity"] as const,
  maturityIn: (accountId: string, lang: "ja" | "en") =>
    [...healthKeys.maturity(accountId), lang] as const,
};

export const accountHealthQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: healthKeys.account(accountId),
    queryFn: () => readJson(account.health.$get({ param: { id: accountId }, query: {} })),
  });

export const accountHealthHistoryQueryOptions = (accountId: string, days = 90) =>
  queryOptions({
    queryKey: healthKeys.history(accountId, days),
    queryFn: () =>
      readJson(
        account.health.history.$get({ param: { id: accountId }, query: { days: String(days) } }),
      ),
  });

export const accountMaturityQueryOptions = (accountId: string, lang: "ja" | "en") =>
  queryOptions({
    queryKey: healthKeys.maturityIn(accountId, lang),
    queryFn: () => readJson(account.maturity.$get({ param: { id: accountId }, query: { lang } })),
  });

export const accountRatingsQueryOptions = (accountId: string, lang: "ja" | "en") =>
  queryOptions({
    queryKey: healthKeys.ratings(accountId, lang),
    queryFn: () =>
      readJson(account.health.ratings.$get({ param: { id: accountId }, query: { lang } })),
  });

/** Why the score moved between two days: each measure's contribution before and after. */
export const accountHealthChangeQueryOptions = (accountId: string, from: string, to: string) =>
  queryOptions({
    queryKey: healthKeys.change(accountId, from, to),
    queryFn: () =>
      readJson(account.health.change.$get({ param: { id: accountId }, query: { from, to } })),
  });

/** Rates one measure; answers the account's health, recomputed at once. */
export const rateAccount = (accountId: string, body: RatingInput) =>
  readJson(account.health.ratings.$post({ param: { id: accountId }, json: body }));

/** Recomputes every account's health and answers when done. */
export const recomputeHealth = () =>
  readJson(api.health.recompute.$post({ query: { wait: "true" } }));

/** Mantine colour of each band. */
export const bandColors: Record<HealthBand, string> = {
  red: "red",
  yellow: "yellow",
  green: "teal",
};

/** Largest contribution first; ties by weight. */
export const sortContributions = (rows: readonly HealthContribution[]): HealthContribution[] =>
  [...rows].sort((a, b) => b.contribution - a.contribution || b.weight - a.weight);
