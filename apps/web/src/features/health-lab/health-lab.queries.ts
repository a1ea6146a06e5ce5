import type { Scorecard } from "@michi/core";
import { queryOptions } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, readJson } from "../../lib/api-client";

/*
 * The Health Lab (ヘルスラボ): scorecards proved against the workspace's own
 * churn (backtest), a scorecard fitted to it (fit, stored as a draft) and
 * adopted by a person (accept). Key events are suggested for the editor.
 */

const health = api.health;
const draft = health.drafts[":id"];

export type Backtest = InferResponseType<typeof health.backtest.$post, 200>;
export type BacktestBand = Backtest["bands"][number];
export type BacktestMeasure = Backtest["measures"][number];
export type BacktestBody = InferRequestType<typeof health.backtest.$post>["json"];
export type LabRange = Omit<BacktestBody, "scorecard"> & {
  everyDays: number;
  horizonDays: number;
};

/** A fitted draft; its scorecard is an ordinary scorecard (core's schema, checked by the server). */
export type ScorecardDraft = Omit<InferResponseType<typeof draft.$get, 200>, "scorecard"> & {
  scorecard: Scorecard;
};
export type DraftReport = ScorecardDraft["report"];
export type KeyEvent = InferResponseType<
  (typeof health)["key-events"]["$get"],
  200
>["events"][number];

/** What a backtest scores: a saved scorecard's key ("default": core's) or a scorecard document. */
export type BacktestTarget = string | Scorecard;

export const healthLabKeys = {
  all: ["health-lab"] as const,
  backtest: (body: BacktestBody) => [...healthLabKeys.all, "backtest", body] as const,
  draft: (id: string) => [...healthLabKeys.all, "draft", id] as const,
  keyEvents: () => [...healthLabKeys.all, "key-events"] as const,
};

/**
 * A backtest, cached by its question: asking the same again (switching
 * columns, coming back) answers at once. The server computes it in seconds.
 */
export const backtestQueryOptions = (body: BacktestBody) =>
  queryOptions({
    queryKey: healthLabKeys.backtest(body),
    queryFn: () => readJson(health.backtest.$post({ json: body })),
    staleTime: 5 * 60_000,
  });

/** Fits a scorecard to the churn of the range; answers the stored draft. */
export const fitScorecard = async (range: LabRange): Promise<ScorecardDraft> =>
  (await readJson(health.fit.$post({ json: range }))) as ScorecardDraft;

export const draftQueryOptions = (id: string) =>
  queryOptions({
    queryKey: healthLabKeys.draft(id),
    queryFn: async () => (await readJson(draft.$get({ param: { id } }))) as ScorecardDraft,
  });

/** Adopts the draft (as edited when a scorecard is given) as the catch-all scorecard. */
export const acceptDraft = async (id: string, scorecard?: Scorecard) => {
  const answer = await readJson(
    draft.accept.$post({ param: { id }, json: scorecard ? { scorecard } : {} }),
  );
  return { ...answer, draft: answer.draft as ScorecardDraft };
};

export const keyEventsQueryOptions = () =>
  queryOptions({
    queryKey: healthLabKeys.keyEvents(),
    queryFn: () => readJson(health["key-events"].$get()),
    staleTime: 5 * 60_000,
  });
