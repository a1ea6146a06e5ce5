import type {
  AccountPicklists,
  ChurnReason,
  MaturityModel,
  Phase,
  PhaseMode,
  Scorecard,
  ScorecardAppliesTo,
  TouchModelPolicy,
  UsageLabels,
  WorkspaceScorecard,
} from "@michi/core";
import { queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, readJson } from "../../lib/api-client";

/*
 * The workspace's CS model settings (scorecards, phases, maturity models,
 * touch-model policy, usage retention). Definitions travel raw (DisplayText
 * {ja, en}) so they can be edited; shapes are core's schemas.
 */

const settings = api.settings;

export type ScorecardsAnswer = InferResponseType<typeof settings.scorecards.$get, 200>;
export type ScorecardPreview = InferResponseType<
  (typeof settings.scorecards.preview)["$post"],
  200
>;
export type BandCounts = ScorecardPreview["current"];
export type PreviewRow = ScorecardPreview["rows"][number];
export type PhasesAnswer = Omit<InferResponseType<typeof settings.phases.$get, 200>, "phases"> & {
  phases: Phase[];
};
export type MaturityModelsAnswer = Omit<
  InferResponseType<(typeof settings)["maturity-models"]["$get"], 200>,
  "models"
> & { models: MaturityModel[] };
export type TouchModelPolicyAnswer = { policy: TouchModelPolicy | null };
export type UsageSettingsAnswer = InferResponseType<typeof settings.usage.$get, 200>;
export type UsageLabelsAnswer = InferResponseType<(typeof settings)["usage-labels"]["$get"], 200>;
export type ChurnReasonsAnswer = InferResponseType<(typeof settings)["churn-reasons"]["$get"], 200>;

export const csSettingsKeys = {
  all: ["cs-settings"] as const,
  scorecards: () => [...csSettingsKeys.all, "scorecards"] as const,
  preview: (body: unknown) => [...csSettingsKeys.all, "preview", body] as const,
  phases: () => [...csSettingsKeys.all, "phases"] as const,
  maturity: () => [...csSettingsKeys.all, "maturity-models"] as const,
  touchModel: () => [...csSettingsKeys.all, "touch-model-policy"] as const,
  usage: () => [...csSettingsKeys.all, "usage"] as const,
  churnReasons: () => [...csSettingsKeys.all, "churn-reasons"] as const,
  accountPicklists: () => [...csSettingsKeys.all, "account-picklists"] as const,
  usageLabels: () => [...csSettingsKeys.all, "usage-labels"] as const,
};

export const scorecardsQueryOptions = () =>
  queryOptions({
    queryKey: csSettingsKeys.scorecards(),
    queryFn: () => readJson(settings.scorecards.$get()),
  });

export const saveScorecards = (scorecards: WorkspaceScorecard[]) =>
  readJson(settings.scorecards.$put({ json: { scorecards } }));

export type PreviewBody = { scorecard: Scorecard; appliesTo?: ScorecardAppliesTo };

export const previewScorecard = (body: PreviewBody) =>
  readJson(settings.scorecards.preview.$post({ json: body }));

export const phasesQueryOptions = () =>
  queryOptions({
    queryKey: csSettingsKeys.phases(),
    queryFn: () => readJson(settings.phases.$get()) as Promise<PhasesAnswer>,
  });

/** phases null: back to core's default phases. */
export const savePhases = (body: { phases: Phase[] | null; mode: PhaseMode }) =>
  readJson(settings.phases.$put({ json: body })) as Promise<PhasesAnswer>;

export const maturityModelsQueryOptions = () =>
  queryOptions({
    queryKey: csSettingsKeys.maturity(),
    queryFn: () => readJson(settings["maturity-models"].$get()) as Promise<MaturityModelsAnswer>,
  });

/** An empty list: back to core's default models. */
export const saveMaturityModels = (models: MaturityModel[]) =>
  readJson(settings["maturity-models"].$put({ json: { models } })) as Promise<MaturityModelsAnswer>;

export const touchModelPolicyQueryOptions = () =>
  queryOptions({
    queryKey: csSettingsKeys.touchModel(),
    queryFn: () =>
      readJson(settings["touch-model-policy"].$get()) as Promise<TouchModelPolicyAnswer>,
  });

export const saveTouchModelPolicy = (policy: TouchModelPolicy | null) =>
  readJson(
    settings["touch-model-policy"].$put({ json: { policy } }),
  ) as Promise<TouchModelPolicyAnswer>;

export const usageSettingsQueryOptions = () =>
  queryOptions({
    queryKey: csSettingsKeys.usage(),
    queryFn: () => readJson(settings.usage.$get()),
  });

export const saveUsageSettings = (retentionDays: number | null) =>
  readJson(settings.usage.$put({ json: { retentionDays } }));

/** The reasons an account can be marked churned with, in order. */
export const churnReasonsQueryOptions = () =>
  queryOptions({
    queryKey: csSettingsKeys.churnReasons(),
    queryFn: () => readJson(settings["churn-reasons"].$get()),
  });

/** reasons null: back to Michi's default list. */
export const saveChurnReasons = (reasons: ChurnReason[] | null) =>
  readJson(settings["churn-reasons"].$put({ json: { reasons } }));

/** The options of industry and segment (empty: free text). */
export const accountPicklistsQueryOptions = () =>
  queryOptions({
    queryKey: csSettingsKeys.accountPicklists(),
    queryFn: () => readJson(settings["account-picklists"].$get()),
  });

export const saveAccountPicklists = (picklists: AccountPicklists) =>
  readJson(settings["account-picklists"].$put({ json: picklists }));

/** Display names of events and products, and the names there are to label. */
export const usageLabelsQueryOptions = () =>
  queryOptions({
    queryKey: csSettingsKeys.usageLabels(),
    queryFn: () => readJson(settings["usage-labels"].$get()),
  });

export const saveUsageLabels = (labels: UsageLabels) =>
  readJson(settings["usage-labels"].$put({ json: labels }));
