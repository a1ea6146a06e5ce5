import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, expectOk, readJson } from "../../lib/api-client";

export type Contract = InferResponseType<(typeof api.contracts)[":id"]["$get"], 200>;
export type ContractInput = InferRequestType<
  (typeof api.accounts)[":id"]["contracts"]["$post"]
>["json"];
export type ContractPatch = InferRequestType<(typeof api.contracts)[":id"]["$patch"]>["json"];

export const contractKeys = {
  ofAccount: (accountId: string) => ["accounts", "detail", accountId, "contracts"] as const,
};

export const contractsQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: contractKeys.ofAccount(accountId),
    queryFn: () => readJson(api.accounts[":id"].contracts.$get({ param: { id: accountId } })),
  });

export const createContract = (accountId: string, json: ContractInput) =>
  readJson(api.accounts[":id"].contracts.$post({ param: { id: accountId }, json }));

export const updateContract = (id: string, json: ContractPatch) =>
  readJson(api.contracts[":id"].$patch({ param: { id }, json }));

export const deleteContract = (id: string) =>
  expectOk(api.contracts[":id"].$delete({ param: { id } }));
