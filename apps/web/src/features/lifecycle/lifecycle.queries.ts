import { queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../lib/api-client";

const account = api.accounts[":id"];

export type UiLanguage = "ja" | "en";

export type AccountPhase = InferResponseType<(typeof account)["phase"]["$get"], 200>;
export type PhaseCriterion = AccountPhase["criteria"][number];
export type RulePartResult = PhaseCriterion["parts"][number];

export const lifecycleKeys = {
  phase: (accountId: string, lang: UiLanguage) =>
    ["accounts", "detail", accountId, "phase", lang] as const,
  phaseAll: (accountId: string) => ["accounts", "detail", accountId, "phase"] as const,
};

export const accountPhaseQueryOptions = (accountId: string, lang: UiLanguage) =>
  queryOptions({
    queryKey: lifecycleKeys.phase(accountId, lang),
    queryFn: () => readJson(account.phase.$get({ param: { id: accountId }, query: { lang } })),
  });

/** Moves the account to a phase by hand; an open proposal is withdrawn. */
export const moveAccountPhase = (accountId: string, phaseKey: string, lang: UiLanguage) =>
  readJson(account.phase.$put({ param: { id: accountId }, query: { lang }, json: { phaseKey } }));

/** Accepts (moves on) or dismisses the account's open phase proposal. */
export const decidePhaseProposal = (
  accountId: string,
  decision: "accept" | "dismiss",
  lang: UiLanguage,
) =>
  readJson(
    account.phase.proposal.$post({ param: { id: accountId }, query: { lang }, json: { decision } }),
  );
