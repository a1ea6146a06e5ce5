import type { TimelineKind } from "@michi/core";
import { infiniteQueryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, expectOk, readJson } from "../../lib/api-client";

type TimelineApi = (typeof api.accounts)[":id"]["timeline"];
export type TimelinePage = InferResponseType<TimelineApi["$get"], 200>;
export type TimelineItem = TimelinePage["data"][number];
export type TimelineItemOf<K extends TimelineItem["kind"]> = Extract<TimelineItem, { kind: K }>;
export type InteractionInput = InferRequestType<
  (typeof api.accounts)[":id"]["interactions"]["$post"]
>["json"];

/** Items per page of the timeline. */
export const TIMELINE_PAGE_SIZE = 30;

export const timelineKeys = {
  ofAccount: (accountId: string) => ["accounts", "detail", accountId, "timeline"] as const,
  list: (accountId: string, kinds: readonly TimelineKind[]) =>
    [...timelineKeys.ofAccount(accountId), [...kinds].sort()] as const,
};

/** The account's timeline, newest first, a page at a time (`nextCursor`); no kinds: all. */
export const timelineQueryOptions = (accountId: string, kinds: readonly TimelineKind[]) =>
  infiniteQueryOptions({
    queryKey: timelineKeys.list(accountId, kinds),
    queryFn: ({ pageParam }) =>
      readJson(
        api.accounts[":id"].timeline.$get({
          param: { id: accountId },
          query: {
            limit: String(TIMELINE_PAGE_SIZE),
            ...(kinds.length > 0 ? { kind: kinds.join(",") } : {}),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const addNote = (accountId: string, body: string) =>
  readJson(api.accounts[":id"].notes.$post({ param: { id: accountId }, json: { body } }));

export const logInteraction = (accountId: string, json: InteractionInput) =>
  readJson(api.accounts[":id"].interactions.$post({ param: { id: accountId }, json }));

export const deleteNote = (accountId: string, noteId: string) =>
  expectOk(api.accounts[":id"].notes[":noteId"].$delete({ param: { id: accountId, noteId } }));
