import { queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../lib/api-client";

const account = api.accounts[":id"];

export type AccountHealth = InferResponseType<(typeof account)["health"]["$get"], 200>;
export type HealthContribution = AccountHealth["contributions"][number];
export type HealthBand = NonNullable<AccountHealth["band"]>;
export type HealthHistoryPoint = InferResponseType<
  (typeof account)["health"]["history"]["$get"],
  200
>["data"][number];
export type AccountMaturity = InferResponseType<(typeof account)["maturity"]["$get"], 200>;

export const healthKeys = {
  all: ["health"] as const,
  account: (accountId: string) => ["accounts", "detail", accountId, "health"] as const,
  history: (accountId: string, days: number) =>
    [...healthKeys.account(accountId), "history", days] as const,
  maturity: (accountId: string) => ["accounts", "detail", accountId, "maturity"] as const,
};

export const accountHealthQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: healthKeys.account(accountId),
    queryFn: () => readJson(account.health.$get({ param: { id: accountId } })),
  });

export const accountHealthHistoryQueryOptions = (accountId: string, days = 90) =>
  queryOptions({
    queryKey: healthKeys.history(accountId, days),
    queryFn: () =>
      readJson(
        account.health.history.$get({ param: { id: accountId }, query: { days: String(days) } }),
      ),
  });

export const accountMaturityQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: healthKeys.maturity(accountId),
    queryFn: () => readJson(account.maturity.$get({ param: { id: accountId } })),
  });

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
