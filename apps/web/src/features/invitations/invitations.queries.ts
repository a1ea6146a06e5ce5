import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, expectOk, readJson } from "../../lib/api-client";

export type Invitation = InferResponseType<typeof api.invitations.$get, 200>["data"][number];
export type InvitationInput = InferRequestType<typeof api.invitations.$post>["json"];
export type CreatedInvitation = InferResponseType<typeof api.invitations.$post, 201>;
export type AcceptInput = InferRequestType<
  (typeof api)["invitation-links"][":token"]["accept"]["$post"]
>["json"];

export const invitationKeys = {
  all: ["invitations"] as const,
  link: (token: string) => ["invitation-link", token] as const,
};

export const invitationsQueryOptions = () =>
  queryOptions({
    queryKey: invitationKeys.all,
    queryFn: () => readJson(api.invitations.$get()),
  });

export const createInvitation = (json: InvitationInput) =>
  readJson(api.invitations.$post({ json }));

export const revokeInvitation = (id: string) =>
  expectOk(api.invitations[":id"].$delete({ param: { id } }));

/** What the link offers; no login needed. A used, revoked or expired link answers 409. */
export const invitationLinkQueryOptions = (token: string) =>
  queryOptions({
    queryKey: invitationKeys.link(token),
    queryFn: () => readJson(api["invitation-links"][":token"].$get({ param: { token } })),
    retry: false,
  });

export const acceptInvitation = (token: string, json: AcceptInput) =>
  readJson(api["invitation-links"][":token"].accept.$post({ param: { token }, json }));
