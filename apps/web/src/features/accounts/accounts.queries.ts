import { accountBandFilters, accountSorts, touchModels } from "@michi/core";
import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { z } from "zod";
import { api, expectOk, readJson } from "../../lib/api-client";

export type Account = InferResponseType<(typeof api.accounts)[":id"]["$get"], 200>;
export type AccountInput = InferRequestType<typeof api.accounts.$post>["json"];
export type AccountPatch = InferRequestType<(typeof api.accounts)[":id"]["$patch"]>["json"];

/** A row of the list: the account with its latest health score and current phase. */
export type AccountChurn = NonNullable<Account["churn"]>;
export type AccountChurnHistory = InferResponseType<
  (typeof api.accounts)[":id"]["churn"]["$get"],
  200
>;
export type MrrChange = AccountChurnHistory["mrrChanges"][number];
export type ChurnMark = InferRequestType<(typeof api.accounts)[":id"]["churn"]["$put"]>["json"];

export type AccountListItem = InferResponseType<typeof api.accounts.$get, 200>["data"][number];

/** The list's filters, kept in the URL so a filtered list can be shared. */
export const accountListSearchSchema = z.object({
  q: z.string().optional(),
  sort: z.enum(accountSorts).optional(),
  ownerUserId: z.string().optional(),
  segment: z.string().optional(),
  touchModel: z.enum(touchModels).optional(),
  band: z.enum(accountBandFilters).optional(),
  /** Absent: customers only (the API's default); churned; or all. */
  status: z.enum(["churned", "all"]).optional(),
});
export type AccountListSearch = z.infer<typeof accountListSearchSchema>;

export const ACCOUNT_PAGE_SIZE = 100;

export const accountKeys = {
  all: ["accounts"] as const,
  lists: () => [...accountKeys.all, "list"] as const,
  list: (search: AccountListSearch) => [...accountKeys.lists(), search] as const,
  detail: (id: string) => [...accountKeys.all, "detail", id] as const,
  churn: (id: string) => [...accountKeys.detail(id), "churn"] as const,
};

export const accountListQueryOptions = (search: AccountListSearch) =>
  infiniteQueryOptions({
    queryKey: accountKeys.list(search),
    queryFn: ({ pageParam }) =>
      readJson(
        api.accounts.$get({
          query: {
            ...(search.q ? { q: search.q } : {}),
            ...(search.ownerUserId ? { ownerUserId: search.ownerUserId } : {}),
            ...(search.segment ? { segment: search.segment } : {}),
            ...(search.touchModel ? { touchModel: search.touchModel } : {}),
            ...(search.band ? { band: search.band } : {}),
            ...(search.status ? { status: search.status } : {}),
            sort: search.sort ?? "name",
            limit: String(ACCOUNT_PAGE_SIZE),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // While a new search loads, the last result stays on screen instead of a spinner.
    placeholderData: keepPreviousData,
  });

export const accountQueryOptions = (id: string) =>
  queryOptions({
    queryKey: accountKeys.detail(id),
    queryFn: () => readJson(api.accounts[":id"].$get({ param: { id } })),
  });

export const createAccount = (json: AccountInput) => readJson(api.accounts.$post({ json }));

export const updateAccount = (id: string, json: AccountPatch) =>
  readJson(api.accounts[":id"].$patch({ param: { id }, json }));

export const deleteAccount = (id: string) =>
  expectOk(api.accounts[":id"].$delete({ param: { id } }));

/** Whether and when the account churned, and its MRR movements (downgrades among them). */
export const accountChurnQueryOptions = (id: string) =>
  queryOptions({
    queryKey: accountKeys.churn(id),
    queryFn: () => readJson(api.accounts[":id"].churn.$get({ param: { id } })),
  });

/** Marks the account churned on a day with one of the workspace's reasons. */
export const markAccountChurned = (id: string, json: ChurnMark) =>
  readJson(api.accounts[":id"].churn.$put({ param: { id }, json }));

/** Takes a person's mark away; the contracts say again whether it churned. */
export const unmarkAccountChurned = (id: string) =>
  readJson(api.accounts[":id"].churn.$delete({ param: { id } }));

export type AccountListView = InferResponseType<
  (typeof api)["account-views"]["$get"],
  200
>["data"][number];

/** The signed-in person's saved views of the list (never anyone else's). */
export const accountViewsQueryOptions = () =>
  queryOptions({
    queryKey: [...accountKeys.all, "views"] as const,
    queryFn: () => readJson(api["account-views"].$get()),
  });

export const saveAccountView = (json: { name: string; search: AccountListSearch }) =>
  readJson(api["account-views"].$post({ json }));

export const deleteAccountView = (id: string) =>
  expectOk(api["account-views"][":id"].$delete({ param: { id } }));
