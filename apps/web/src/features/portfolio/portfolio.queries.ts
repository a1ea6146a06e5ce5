import { touchModels } from "@michi/core";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { z } from "zod";
import { api, readJson } from "../../lib/api-client";

export type Portfolio = InferResponseType<typeof api.portfolio.$get, 200>;
export type AtRiskAccount = Portfolio["atRisk"][number];
export type MoneyTotals = Portfolio["mrr"];

/** The dashboard's filters, kept in the URL like the accounts list's. */
export const portfolioSearchSchema = z.object({
  owner: z.string().optional(),
  segment: z.string().optional(),
  touchModel: z.enum(touchModels).optional(),
});
export type PortfolioSearch = z.infer<typeof portfolioSearchSchema>;

export const portfolioKeys = {
  all: ["portfolio"] as const,
  view: (search: PortfolioSearch, lang: "ja" | "en") =>
    [...portfolioKeys.all, search, lang] as const,
};

export const portfolioQueryOptions = (search: PortfolioSearch, lang: "ja" | "en") =>
  queryOptions({
    queryKey: portfolioKeys.view(search, lang),
    queryFn: () =>
      readJson(
        api.portfolio.$get({
          query: {
            ...(search.owner ? { owner: search.owner } : {}),
            ...(search.segment ? { segment: search.segment } : {}),
            ...(search.touchModel ? { touchModel: search.touchModel } : {}),
            lang,
          },
        }),
      ),
    // Changing a filter keeps the last dashboard on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });
