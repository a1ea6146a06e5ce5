import { queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, expectOk, readJson } from "../../lib/api-client";

export type WorkspaceUser = InferResponseType<typeof api.users.$get, 200>["data"][number];

export const userKeys = { all: ["users"] as const };

export const usersQueryOptions = () =>
  queryOptions({
    queryKey: userKeys.all,
    queryFn: () => readJson(api.users.$get()),
    staleTime: 5 * 60_000,
  });

export const changeUserRole = (userId: string, role: WorkspaceUser["role"]) =>
  readJson(api.users[":userId"].$patch({ param: { userId }, json: { role } }));

export const removeUser = (userId: string) =>
  expectOk(api.users[":userId"].$delete({ param: { userId } }));
