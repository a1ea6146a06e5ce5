import { queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../lib/api-client";

export type Me = InferResponseType<typeof api.me.$get, 200>;

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ["me"],
    queryFn: () => readJson(api.me.$get()),
    staleTime: 60_000,
    retry: false,
  });
