import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, readJson } from "../../lib/api-client";

const tasks = api["account-tasks"][":id"];

export type WorkQueue = InferResponseType<(typeof api)["work-queue"]["$get"], 200>;
export type WorkQueueItem = WorkQueue["data"][number];
export type TaskLoad = NonNullable<WorkQueue["load"]>[number];
export type AccountTaskInput = InferRequestType<
  (typeof api.accounts)[":id"]["tasks"]["$post"]
>["json"];
export type AccountTaskPatch = InferRequestType<(typeof tasks)["$patch"]>["json"];
export type AccountTaskCompletion = InferRequestType<(typeof tasks)["complete"]["$post"]>["json"];

/** Whose queue: mine, everyone's ("all"), or one member's user id. */
export type QueueOwner = "me" | "all" | (string & {});

export const workQueueKeys = {
  all: ["work-queue"] as const,
  list: (owner: QueueOwner, includeAll: boolean) =>
    [...workQueueKeys.all, owner, includeAll] as const,
  accountChoices: (q: string) => [...workQueueKeys.all, "accounts", q] as const,
};

export const workQueueQueryOptions = (owner: QueueOwner, includeAll: boolean) =>
  queryOptions({
    queryKey: workQueueKeys.list(owner, includeAll),
    queryFn: () =>
      readJson(api["work-queue"].$get({ query: { owner, include: includeAll ? "all" : "open" } })),
  });

/** Accounts to put a new task on, by name (the first 20 found). */
export const accountChoicesQueryOptions = (q: string) =>
  queryOptions({
    queryKey: workQueueKeys.accountChoices(q),
    queryFn: () => readJson(api.accounts.$get({ query: { ...(q ? { q } : {}), limit: "20" } })),
    staleTime: 30_000,
  });

export const createAccountTask = (accountId: string, json: AccountTaskInput) =>
  readJson(api.accounts[":id"].tasks.$post({ param: { id: accountId }, json }));

export const patchAccountTask = (id: string, json: AccountTaskPatch) =>
  readJson(tasks.$patch({ param: { id }, json }));

export const completeAccountTask = (id: string, json: AccountTaskCompletion) =>
  readJson(tasks.complete.$post({ param: { id }, json }));

export const reopenAccountTask = (id: string) => readJson(tasks.reopen.$post({ param: { id } }));
