import { z } from "zod";
import type { DisplayText } from "../usage/display-text";
import { type MetricValues, metricKey, readMetric } from "../usage/metric-ref";
import {
  HEALTH_RATING_MAX,
  HEALTH_RATING_MIN,
  type HealthBand,
  healthBand,
  type Scorecard,
  scoreValue,
} from "./scorecard";

/** A CSM's rating of a qualitative measure, with the reason in a comment. */
export const healthRatingSchema = z.strictObject({
  value: z.number().int("must be a whole number").min(HEALTH_RATING_MIN).max(HEALTH_RATING_MAX),
  comment: z.string().max(4000).optional(),
});
export type HealthRating = z.infer<typeof healthRatingSchema>;

/** Ratings by measure key. */
export type HealthRatings = Readonly<Record<string, HealthRating | undefined>>;

export type HealthMeasureResult = {
  key: string;
  name: DisplayText;
  kind: "metric" | "rating";
  /** metricKey of the measure's metric; null for a rating. */
  metric: string | null;
  /** The metric's value or the rating; null when missing. */
  value: number | null;
  /** 0–100 as scored, not rounded; null when missing. */
  points: number | null;
  /** The weight as configured. */
  weight: number;
  /** The weight's share among the measures that have a value (0–1); 0 when missing. */
  effectiveWeight: number;
  /** effectiveWeight × points before rounding. */
  exactContribution: number;
  /** Whole points of the score this measure gives; the contributions add up to the score. */
  contribution: number;
  missing: boolean;
  /** The rating's comment, for ratings. */
  comment: string | null;
};

export type HealthResult = {
  /** 0–100; null when no measure has a value or coverage is below the scorecard's minimum. */
  score: number | null;
  band: HealthBand | null;
  /** Share of the total weight whose measures had a value (0–1). */
  coverage: number;
  measures: HealthMeasureResult[];
};

/** Sheds the float noise of weight × points (49.99999999999999 is 50). */
const clean = (value: number) => Math.round(value * 1e9) / 1e9;

/**
 * Whole contributions that add up exactly to `total`, each within 1 of its
 * exact share: Hamilton's largest-remainder method (the apportionment rule
 * used for seats in parliaments). Floors first, then the units left go to the
 * largest remainders; equal remainders go to the measure listed first.
 */
export const apportionLargestRemainder = (exact: readonly number[], total: number): number[] => {
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((sum, value) => sum + value, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - floors[index]! }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  // round(Σ exact) − Σ floors never exceeds the count of non-zero remainders,
  // so one pass suffices; the loop guards only against a caller's odd total.
  for (let i = 0; left > 0 && order.length > 0; i = (i + 1) % order.length, left--) {
    floors[order[i]!.index]! += 1;
  }
  return floors;
};

/**
 * The health score of one account under a scorecard.
 *
 * - Each measure's value is its metric from `metrics` (by metricKey) or the
 *   CSM's rating from `ratings` (by measure key), scored to 0–100 points.
 * - Missing values (no metric value, no rating): the measure is left out and
 *   the other weights are renormalised, so a new account without an NPS yet
 *   is scored on what is known; the measure is listed with missing: true and
 *   `coverage` says how much of the weight was known. With nothing known, or
 *   less than the scorecard's minCoverage, score and band are null.
 * - score = round-half-up(Σ effectiveWeight × points); the whole-number
 *   contributions are apportioned by largest remainder, so they add up to the
 *   score exactly and the breakdown on screen is never off by one.
 */
export const computeHealth = (
  metrics: MetricValues,
  scorecard: Scorecard,
  ratings: HealthRatings = {},
): HealthResult => {
  // One pass that builds the result's measures, a second that weighs them: this
  // runs for every account of a recompute, and the intermediate arrays and
  // objects of a map-per-step version were a fifth of its garbage.
  const measures: HealthMeasureResult[] = [];
  let totalWeight = 0;
  let knownWeight = 0;
  for (const measure of scorecard.measures) {
    totalWeight += measure.weight;
    let value: number | null;
    let comment: string | null = null;
    let metric: string | null = null;
    if (measure.kind === "metric") {
      metric = metricKey(measure.metric);
      value = readMetric(metrics, measure.metric);
    } else {
      const rating = ratings[measure.key];
      value = rating?.value ?? null;
      comment = rating?.comment ?? null;
    }
    if (value !== null) knownWeight += measure.weight;
    measures.push({
      key: measure.key,
      name: measure.name,
      kind: measure.kind,
      metric,
      value,
      points: value === null ? null : scoreValue(measure.scoring, value),
      weight: measure.weight,
      effectiveWeight: 0,
      exactContribution: 0,
      contribution: 0,
      missing: value === null,
      comment,
    });
  }
  const coverage = clean(knownWeight / totalWeight);

  let exactSum = 0;
  for (const result of measures) {
    if (result.points === null) continue;
    result.effectiveWeight = result.weight / knownWeight;
    result.exactContribution = clean(result.effectiveWeight * result.points);
    exactSum += result.exactContribution;
  }

  const scoreable = knownWeight > 0 && coverage >= scorecard.minCoverage;
  const score = scoreable ? Math.round(clean(exactSum)) : null;
  if (score !== null) {
    const contributions = apportionLargestRemainder(
      measures.map((result) => result.exactContribution),
      score,
    );
    measures.forEach((result, index) => {
      result.contribution = contributions[index]!;
    });
  }

  return {
    score,
    band: score === null ? null : healthBand(score, scorecard.bands),
    coverage,
    measures,
  };
};
