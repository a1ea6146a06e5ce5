import {
  DEFAULT_SCORECARD_KEY,
  type DisplayText,
  defaultScorecard,
  type Scorecard,
} from "@michi/core";
import type { StoredHealthMeasure } from "../../db/schema";
import type { CsModel } from "../../recompute";

/** One measure of a score as the API answers it. */
export type HealthContribution = {
  measure: string;
  name: DisplayText;
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
 * A stored score's measures with their names from its scorecard; a measure
 * since removed from it is named by its key.
 */
export const readStoredMeasures = (
  model: CsModel,
  scorecardKey: string | null,
  stored: readonly StoredHealthMeasure[],
): HealthContribution[] => {
  const names = new Map(
    storedScorecardOf(model, scorecardKey)?.measures.map((m) => [m.key, m.name]) ?? [],
  );
  return stored.map(([measure, value, points, weight, contribution]) => ({
    measure,
    name: names.get(measure) ?? measure,
    value,
    points,
    weight,
    contribution,
  }));
};
