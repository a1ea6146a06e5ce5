import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, expectOk, readJson } from "../../lib/api-client";

export type Contact = InferResponseType<(typeof api.contacts)[":id"]["$get"], 200>;
export type ContactInput = InferRequestType<
  (typeof api.accounts)[":id"]["contacts"]["$post"]
>["json"];
export type ContactPatch = InferRequestType<(typeof api.contacts)[":id"]["$patch"]>["json"];

export const contactKeys = {
  ofAccount: (accountId: string) => ["accounts", "detail", accountId, "contacts"] as const,
};

export const contactsQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: contactKeys.ofAccount(accountId),
    queryFn: () => readJson(api.accounts[":id"].contacts.$get({ param: { id: accountId } })),
  });

export const createContact = (accountId: string, json: ContactInput) =>
  readJson(api.accounts[":id"].contacts.$post({ param: { id: accountId }, json }));

export const updateContact = (id: string, json: ContactPatch) =>
  readJson(api.contacts[":id"].$patch({ param: { id }, json }));

export const deleteContact = (id: string) =>
  expectOk(api.contacts[":id"].$delete({ param: { id } }));
