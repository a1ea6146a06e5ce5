import {
  DEFAULT_SCORECARD_KEY,
  type DisplayText,
  defaultScorecard,
  metricKey,
  type Scorecard,
} from "@michi/core";
import type { StoredHealthMeasure } from "../../db/schema";
import type { CsModel } from "../../recompute";

/** One measure of a score as the API answers it. */
export type HealthContribution = {
  measure: string;
  name: DisplayText;
  /** metric (value in the metric's unit) or rating (the CSM's 1–5); null: since removed. */
  kind: "metric" | "rating" | null;
  /** The measure's metric key ("activeUsers:30d"), for its unit; null for a rating. */
  metric: string | null;
  value: number | null;
  points: number | null;
  weight: number;
  contribution: number;
};

/**
 * The scorecard a stored score names: the workspace's, or core's default (also
 * for rows from before scores named theirs); null when it has since been removed.
 */
export const storedScorecardOf = (model: CsModel, key: string | null): Scorecard | null =>
  key === null || key === DEFAULT_SCORECARD_KEY
    ? defaultScorecard
    : (model.scorecards.find((entry) => entry.key === key)?.scorecard ?? null);

/**
 * A stored score's measures with their names, kinds and metrics from its
 * scorecard; a measure since removed from it is named by its key, of no kind.
 */
export const readStoredMeasures = (
  model: CsModel,
  scorecardKey: string | null,
  stored: readonly StoredHealthMeasure[],
): HealthContribution[] => {
  const measures = new Map(
    storedScorecardOf(model, scorecardKey)?.measures.map((m) => [m.key, m]) ?? [],
  );
  return stored.map(([measure, value, points, weight, contribution]) => {
    const known = measures.get(measure);
    return {
      measure,
      name: known?.name ?? measure,
      kind: known?.kind ?? null,
      metric: known?.kind === "metric" ? metricKey(known.metric) : null,
      value,
      points,
      weight,
      contribution,
    };
  });
};
