import type { Playbook, PlaybookAction, PlaybookInput, SkipReason } from "@michi/core";
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, expectOk, parseApiError, readJson } from "../../lib/api-client";

export type PlaybookRecord = Omit<
  InferResponseType<(typeof api.playbooks)[":id"]["$get"], 200>,
  "definition"
> & { definition: Playbook };
export type PlaybookTemplateItem = {
  key: string;
  summary: string | { ja: string; en: string };
  playbook: Playbook;
};
export type PlaybookRun = InferResponseType<
  (typeof api)["playbook-runs"]["$get"],
  200
>["data"][number];
export type DryRunResult = {
  fires: boolean;
  skipped: { reason: SkipReason; until?: string } | null;
  actions: PlaybookAction[];
};

export const playbookKeys = {
  all: ["playbooks"] as const,
  templates: () => [...playbookKeys.all, "templates"] as const,
  list: () => [...playbookKeys.all, "list"] as const,
  detail: (id: string) => [...playbookKeys.all, "detail", id] as const,
  runs: (filter: { playbookId?: string; accountId?: string }) =>
    [...playbookKeys.all, "runs", filter] as const,
};

export const playbookTemplatesQueryOptions = () =>
  queryOptions({
    queryKey: playbookKeys.templates(),
    queryFn: async () =>
      (await readJson(api["playbook-templates"].$get())) as { data: PlaybookTemplateItem[] },
    staleTime: Number.POSITIVE_INFINITY,
  });

export const playbooksQueryOptions = () =>
  queryOptions({
    queryKey: playbookKeys.list(),
    queryFn: async () => (await readJson(api.playbooks.$get())) as { data: PlaybookRecord[] },
  });

export const playbookQueryOptions = (id: string) =>
  queryOptions({
    queryKey: playbookKeys.detail(id),
    queryFn: async () =>
      (await readJson(api.playbooks[":id"].$get({ param: { id } }))) as PlaybookRecord,
  });

export const playbookRunsQueryOptions = (filter: { playbookId?: string; accountId?: string }) =>
  infiniteQueryOptions({
    queryKey: playbookKeys.runs(filter),
    queryFn: ({ pageParam }) =>
      readJson(
        api["playbook-runs"].$get({
          query: {
            ...(filter.playbookId ? { playbookId: filter.playbookId } : {}),
            ...(filter.accountId ? { accountId: filter.accountId } : {}),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export const createPlaybook = async (body: { definition: PlaybookInput; templateKey?: string }) =>
  (await readJson(api.playbooks.$post({ json: body }))) as PlaybookRecord;

export const patchPlaybook = async (
  id: string,
  body: { definition: PlaybookInput } | { paused: boolean },
) => (await readJson(api.playbooks[":id"].$patch({ param: { id }, json: body }))) as PlaybookRecord;

export const deletePlaybook = (id: string) =>
  expectOk(api.playbooks[":id"].$delete({ param: { id } }));

export const dryRunPlaybook = async (id: string, accountId: string) =>
  (await readJson(
    api.playbooks[":id"]["dry-run"].$post({ param: { id }, json: { accountId } }),
  )) as DryRunResult;

export const startPlaybook = async (id: string, accountId: string): Promise<{ runId: string }> => {
  const response = await api.playbooks[":id"].start.$post({ param: { id }, json: { accountId } });
  // 202 Accepted: readJson reads 200 and 201 answers only.
  if (!response.ok) throw await parseApiError(response as unknown as Response);
  return (await response.json()) as { runId: string };
};
