import { apportionLargestRemainder, computeHealth } from "../health/compute-health";
import {
  type Scorecard,
  type ScorecardInput,
  type Scoring,
  scorecardSchema,
  scoreValue,
} from "../health/scorecard";
import type { LocalizedText } from "../success-plan/plan-check-codes";
import { describeMetric, type MetricRef, metricKey, readMetric } from "../usage/metric-ref";
import { addCalendarDays } from "../usage/metrics";
import type { UsageLabels } from "../usage/usage-labels";
import { type AucInterval, bootstrapAucInterval, rocAuc } from "./backtest";
import {
  buildChurnBins,
  type ChurnBin,
  computeMonotoneChurnRates,
  explainBestCut,
  sumChurnBins,
} from "./churn-bins";
import { fitLogisticRegression, type LogisticRegressionFit } from "./logistic-regression";

/*
 * A scorecard fitted to a workspace's own history of churn, kept readable:
 * a few measures, each a step table a CSM can check against a sentence
 * ("accounts with fewer than 12 posts in 30 days churned 4× as often"),
 * weighted by a logistic regression, and proven on days the fit never saw.
 */

/** One account on one observation day: its metric values then, and whether it churned soon after. */
export type FitObservation = {
  /** The observation day, YYYY-MM-DD. */
  day: string;
  /** Churned within the horizon after the day. */
  churned: boolean;
  /** metricKey(ref) → value; null or absent when missing. */
  values: Readonly<Record<string, number | null>>;
};

export type FitScorecardOptions = {
  candidates: readonly MetricRef[];
  observations: readonly FitObservation[];
  /** Seeds the bootstrap interval of the held-out AUC. */
  seed: number;
  /** At most this many measures; default 6. */
  maxMeasures?: number;
  /**
   * The churn horizon behind the labels, in days. When given, training days
   * whose horizon reaches the first held-out day are left out: their labels
   * were decided by churn that happened in the held-out period.
   */
  horizonDays?: number;
  /** The workspace's names of events, for the measures' names and explanations. */
  usageLabels?: UsageLabels;
};

export type FittedMeasure = {
  key: string;
  metric: MetricRef;
  /** Whole-number weight; the measures' weights add up to 100. */
  weight: number;
  /** The AUC of this measure's points alone on the training observations. */
  trainingAuc: number | null;
  explanation: LocalizedText;
};

export type ScorecardFit = {
  scorecard: Scorecard;
  measures: FittedMeasure[];
  /** The days the fit learned from: the earlier ones, less those purged by horizonDays. */
  trainingDays: string[];
  /** The later days it was proven on. */
  holdoutDays: string[];
  /** Of the fitted scorecard's scores (computeHealth) on the training observations. */
  trainingAuc: number | null;
  /** The same on the held-out observations: the figure to trust. */
  holdoutAuc: number | null;
  holdoutAucInterval: AucInterval | null;
  holdoutObservations: number;
};

export type FitFailureReason = "too-few-days" | "no-churn-in-training" | "no-usable-measure";

export type FitScorecardResult =
  | { ok: true; fit: ScorecardFit }
  | { ok: false; reason: FitFailureReason; message: string };

/** Share of the distinct days that train; the later rest is held out. */
const TRAINING_SHARE = 2 / 3;
/** A measure must add at least this much training AUC to be chosen. */
const MIN_AUC_GAIN = 0.005;
/** Points this correlated with a chosen measure's say nothing new. */
const MAX_CORRELATION = 0.9;
/** A candidate needs values on at least this many training observations. */
const MIN_VALUES = 30;
/** The L2 penalty of the weights' regression; mild against thousands of rows. */
const L2_PENALTY = 1;
const MIN_COVERAGE = 0.5;

/**
 * The metrics worth trying, for the events a workspace sends: each event's
 * count over 7, 30 and 90 days and its 30-day change, and the account-wide
 * use, recency, trend and contract numbers.
 */
export const fitCandidateRefs = (eventNames: readonly string[]): MetricRef[] => [
  ...[...new Set(eventNames)].flatMap((event): MetricRef[] => [
    { name: "eventCount", windowDays: 7, event },
    { name: "eventCount", windowDays: 30, event },
    { name: "eventCount", windowDays: 90, event },
    { name: "eventCountChange", windowDays: 30, event },
  ]),
  { name: "totalEvents", windowDays: 7 },
  { name: "totalEvents", windowDays: 30 },
  { name: "totalEvents", windowDays: 90 },
  { name: "activeUsers", windowDays: 30 },
  { name: "activeDays", windowDays: 7 },
  { name: "activeDays", windowDays: 30 },
  { name: "activeDays", windowDays: 90 },
  { name: "eventCountChange", windowDays: 30 },
  { name: "daysSinceLastSeen" },
  { name: "mrr" },
  { name: "licensedSeats" },
  { name: "seatUtilisation", windowDays: 30 },
];

/** The lowest value a metric can take, when it has one: where its first step starts. */
const lowestPossibleValue = (ref: MetricRef): number | null => {
  switch (ref.name) {
    case "eventCountChange":
    case "activeUsersChange":
    case "lastNps":
      return -100;
    case "daysToRenewal":
    case "custom":
      return null;
    default:
      return 0;
  }
};

/** A measure key from a metric key: `eventCount:30d:post` → `eventCount-30d-post`. */
const toMeasureKey = (ref: MetricRef, taken: Set<string>): string => {
  const base =
    metricKey(ref)
      .replace(/[^A-Za-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "measure";
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A candidate metric scored by its training bins, with its points on each training observation. */
type Candidate = {
  ref: MetricRef;
  bins: ChurnBin[];
  scoring: Scoring & { kind: "thresholds" };
  /** Points per training observation; NaN where the value is missing. */
  points: Float64Array;
  /** Mean of the known points, standing in for missing ones in the regression. */
  meanPoints: number;
  trainingAuc: number | null;
};

const buildCandidate = (ref: MetricRef, training: readonly FitObservation[]): Candidate | null => {
  const values: number[] = [];
  const churned: boolean[] = [];
  for (const observation of training) {
    const value = readMetric(observation.values, ref);
    if (value === null) continue;
    values.push(value);
    churned.push(observation.churned);
  }
  if (values.length < MIN_VALUES) return null;
  // Not Math.min(...values): a spread of 100,000 arguments overflows the stack.
  const lowest = values.reduce((low, value) => (value < low ? value : low), values[0]!);
  const bins = buildChurnBins(values, churned, lowestPossibleValue(ref) ?? lowest);
  const rates = computeMonotoneChurnRates(bins);
  const riskiest = Math.max(...rates);
  const safest = Math.min(...rates);
  if (bins.length < 2 || riskiest - safest < 1e-12) return null;

  // The safest bin earns 100, the riskiest 0; neighbours with equal points merge into one step.
  const steps: { min: number; points: number }[] = [];
  bins.forEach((bin, index) => {
    const points = Math.round((100 * (riskiest - rates[index]!)) / (riskiest - safest));
    if (steps.at(-1)?.points !== points) steps.push({ min: bin.min, points });
  });
  const scoring = { kind: "thresholds" as const, steps };

  const points = new Float64Array(training.length);
  let sum = 0;
  const known: number[] = [];
  const knownChurned: boolean[] = [];
  training.forEach((observation, index) => {
    const value = readMetric(observation.values, ref);
    points[index] = value === null ? Number.NaN : scoreValue(scoring, value);
    if (value === null) return;
    sum += points[index]!;
    known.push(points[index]!);
    knownChurned.push(observation.churned);
  });
  return {
    ref,
    bins,
    scoring,
    points,
    meanPoints: sum / known.length,
    trainingAuc: rocAuc(known, knownChurned, "lower-is-positive"),
  };
};

/** Pearson correlation of two candidates' points where both are known; 0 when undefined. */
const correlatePoints = (a: Float64Array, b: Float64Array): number => {
  let n = 0;
  let sumA = 0;
  let sumB = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!) || Number.isNaN(b[i]!)) continue;
    n++;
    sumA += a[i]!;
    sumB += b[i]!;
  }
  if (n < 2) return 0;
  const meanA = sumA / n;
  const meanB = sumB / n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!) || Number.isNaN(b[i]!)) continue;
    cov += (a[i]! - meanA) * (b[i]! - meanB);
    varA += (a[i]! - meanA) ** 2;
    varB += (b[i]! - meanB) ** 2;
  }
  return varA === 0 || varB === 0 ? 0 : cov / Math.sqrt(varA * varB);
};

/**
 * Raw weights from a logistic regression of churn on points / 100: a
 * coefficient below 0 says "more points, less churn", and its size is the
 * weight. Missing points take the measure's mean (the score leaves the
 * measure out instead, which the mean imitates). Wrong-signed measures get 0.
 */
const fitRawWeights = (
  chosen: readonly Candidate[],
  training: readonly FitObservation[],
  start?: LogisticRegressionFit,
): { weights: number[]; fit: LogisticRegressionFit } => {
  const features = training.map((_, row) =>
    chosen.map((candidate) => {
      const points = candidate.points[row]!;
      return (Number.isNaN(points) ? candidate.meanPoints : points) / 100;
    }),
  );
  const fit = fitLogisticRegression({
    features,
    outcomes: training.map((observation) => observation.churned),
    l2: L2_PENALTY,
    // From the chosen set's fit with the newcomer at 0: half the Newton steps of a cold start.
    start:
      start === undefined
        ? undefined
        : { intercept: start.intercept, coefficients: [...start.coefficients, 0] },
  });
  return { weights: fit.coefficients.map((coefficient) => Math.max(0, -coefficient)), fit };
};

/**
 * The AUC over pairs of observations on the same day only. A health score
 * ranks the accounts of one day; pairs across days would also reward a
 * metric that merely tells the days apart (a 90-day count still filling up
 * in the first months, while churn rises with time), which carries over to
 * no later day.
 */
const computeWithinDayAuc = (
  scores: readonly number[],
  churned: readonly boolean[],
  days: readonly string[],
): number | null => {
  const byDay = new Map<string, number[]>();
  days.forEach((day, index) => {
    const rows = byDay.get(day);
    if (rows) rows.push(index);
    else byDay.set(day, [index]);
  });
  let weighted = 0;
  let pairs = 0;
  for (const rows of byDay.values()) {
    const positives = rows.filter((row) => churned[row]).length;
    const auc = rocAuc(
      rows.map((row) => scores[row]!),
      rows.map((row) => churned[row]!),
      "lower-is-positive",
    );
    if (auc === null) continue;
    weighted += auc * positives * (rows.length - positives);
    pairs += positives * (rows.length - positives);
  }
  return pairs === 0 ? null : weighted / pairs;
};

/**
 * The within-day AUC of the weighted mean of points, leaving out a
 * measure's missing value and giving no score below the minimum coverage,
 * as computeHealth scores (before its rounding, which only adds ties).
 */
const computeCombinedAuc = (
  chosen: readonly Candidate[],
  weights: readonly number[],
  training: readonly FitObservation[],
): number | null => {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) return null;
  const scores: number[] = [];
  const churned: boolean[] = [];
  const days: string[] = [];
  training.forEach((observation, row) => {
    let known = 0;
    let sum = 0;
    chosen.forEach((candidate, j) => {
      const points = candidate.points[row]!;
      if (Number.isNaN(points) || weights[j] === 0) return;
      known += weights[j]!;
      sum += weights[j]! * points;
    });
    if (known === 0 || known / total < MIN_COVERAGE) return;
    scores.push(sum / known);
    churned.push(observation.churned);
    days.push(observation.day);
  });
  return computeWithinDayAuc(scores, churned, days);
};

/**
 * Forward selection: start with no measure; each round tries every
 * candidate not yet chosen and not a near copy of a chosen one, weighs the
 * set by regression, and keeps the one that lifts the training AUC (within
 * days, see computeWithinDayAuc) most.
 * It stops when the best lift is below MIN_AUC_GAIN or at maxMeasures, so a
 * measure must earn its place: fewer measures are easier to trust.
 */
const selectMeasures = (
  candidates: readonly Candidate[],
  training: readonly FitObservation[],
  maxMeasures: number,
): Candidate[] => {
  const chosen: Candidate[] = [];
  let chosenAuc = 0.5;
  let chosenFit: LogisticRegressionFit | undefined;
  while (chosen.length < maxMeasures) {
    let best: { candidate: Candidate; auc: number; fit: LogisticRegressionFit } | null = null;
    for (const candidate of candidates) {
      if (chosen.includes(candidate)) continue;
      if (
        chosen.some((c) => Math.abs(correlatePoints(c.points, candidate.points)) > MAX_CORRELATION)
      ) {
        continue;
      }
      const trial = [...chosen, candidate];
      const { weights, fit } = fitRawWeights(trial, training, chosenFit);
      const auc = computeCombinedAuc(trial, weights, training);
      if (auc !== null && (best === null || auc > best.auc)) best = { candidate, auc, fit };
    }
    if (best === null || best.auc - chosenAuc < MIN_AUC_GAIN) break;
    chosen.push(best.candidate);
    chosenAuc = best.auc;
    chosenFit = best.fit;
  }
  return chosen;
};

/** Whole weights adding up to 100; a measure whose share rounds to 0 is left out. */
const apportionWeights = (
  chosen: readonly Candidate[],
  training: readonly FitObservation[],
): { candidate: Candidate; weight: number }[] => {
  let kept = [...chosen];
  while (kept.length > 0) {
    const raw = fitRawWeights(kept, training).weights;
    // Refit without a wrong-signed measure: its presence bent the others' weights.
    if (raw.some((weight) => weight === 0)) {
      kept = kept.filter((_, j) => raw[j]! > 0);
      continue;
    }
    const total = raw.reduce((sum, weight) => sum + weight, 0);
    const whole = apportionLargestRemainder(
      raw.map((weight) => (weight * 100) / total),
      100,
    );
    if (whole.some((weight) => weight === 0)) {
      kept = kept.filter((_, j) => whole[j]! > 0);
      continue;
    }
    return kept.map((candidate, j) => ({ candidate, weight: whole[j]! }));
  }
  return [];
};

/** A scorecard's scores (computeHealth) of observations, with their labels; unscored ones left out. */
const scoreObservations = (observations: readonly FitObservation[], scorecard: Scorecard) => {
  const scores: number[] = [];
  const churned: boolean[] = [];
  for (const observation of observations) {
    const { score } = computeHealth(observation.values, scorecard);
    if (score === null) continue;
    scores.push(score);
    churned.push(observation.churned);
  }
  return { scores, churned };
};

/**
 * Fits a scorecard to past observations and proves it on later ones.
 *
 * 1. Temporal hold-out: the earliest ~2/3 of the distinct days train, the
 *    rest are held out; nothing from held-out days reaches the fit.
 * 2. Each candidate metric is cut into quintile bins on training data; a
 *    bin's points follow its smoothed churn rate, made monotone: safest
 *    100, riskiest 0.
 * 3. Measures are chosen by forward selection on training AUC (within days).
 * 4. Weights come from an L2 logistic regression of churn on the points.
 * 5. The result is an ordinary scorecard, scored by computeHealth on the
 *    held-out days for the AUC to trust.
 */
export const fitScorecard = ({
  candidates,
  observations,
  seed,
  maxMeasures = 6,
  horizonDays,
  usageLabels,
}: FitScorecardOptions): FitScorecardResult => {
  const days = [...new Set(observations.map((observation) => observation.day))].sort();
  if (days.length < 2) {
    return {
      ok: false,
      reason: "too-few-days",
      message: `needs observations on at least 2 days to hold some out; got ${days.length}`,
    };
  }
  const trainingCount = Math.min(
    days.length - 1,
    Math.max(1, Math.round(days.length * TRAINING_SHARE)),
  );
  const holdoutDays = days.slice(trainingCount);
  const firstHeldOut = holdoutDays[0]!;
  const trainingDays = days
    .slice(0, trainingCount)
    .filter(
      (day) => horizonDays === undefined || addCalendarDays(day, horizonDays) <= firstHeldOut,
    );
  if (trainingDays.length === 0) {
    return {
      ok: false,
      reason: "too-few-days",
      message: `no training day ends its ${horizonDays}-day horizon before the first held-out day ${firstHeldOut}`,
    };
  }
  const trainingSet = new Set(trainingDays);
  const holdoutSet = new Set(holdoutDays);
  const training = observations.filter((observation) => trainingSet.has(observation.day));
  const holdout = observations.filter((observation) => holdoutSet.has(observation.day));
  const trainingChurned = training.filter((observation) => observation.churned).length;
  if (trainingChurned === 0) {
    return {
      ok: false,
      reason: "no-churn-in-training",
      message: `no account churned after the training days (${trainingDays[0]} to ${trainingDays.at(-1)})`,
    };
  }

  const built = candidates
    .map((ref) => buildCandidate(ref, training))
    .filter((candidate): candidate is Candidate => candidate !== null);
  const weighted = apportionWeights(selectMeasures(built, training, maxMeasures), training);
  if (weighted.length === 0) {
    return {
      ok: false,
      reason: "no-usable-measure",
      message: "no candidate metric told churners from the others on the training days",
    };
  }

  const taken = new Set<string>();
  const measures = weighted.map(({ candidate, weight }) => {
    const cut = explainBestCut(candidate.ref, candidate.bins, usageLabels);
    const total = sumChurnBins(candidate.bins);
    return {
      key: toMeasureKey(candidate.ref, taken),
      metric: candidate.ref,
      weight,
      trainingAuc: candidate.trainingAuc,
      // A chosen measure has bins with different rates, hence churners and a cut.
      explanation: cut?.explanation ?? {
        en: `${total.churned} of ${total.observations} accounts churned.`,
        ja: `${total.observations}件中${total.churned}件が解約しました。`,
      },
      scoring: candidate.scoring,
    };
  });
  const scorecard = scorecardSchema.parse({
    name: { ja: "過去の解約から学習したヘルススコア", en: "Health score fitted to past churn" },
    measures: measures.map((measure) => ({
      kind: "metric",
      key: measure.key,
      name: {
        ja: describeMetric(measure.metric, "ja", usageLabels),
        en: capitalise(describeMetric(measure.metric, "en", usageLabels)),
      },
      metric: measure.metric,
      scoring: measure.scoring,
      weight: measure.weight,
    })),
    minCoverage: MIN_COVERAGE,
  } satisfies ScorecardInput);

  const trained = scoreObservations(training, scorecard);
  const held = scoreObservations(holdout, scorecard);
  return {
    ok: true,
    fit: {
      scorecard,
      measures: measures.map(({ scoring: _, ...measure }) => measure),
      trainingDays,
      holdoutDays,
      trainingAuc: rocAuc(trained.scores, trained.churned, "lower-is-positive"),
      holdoutAuc: rocAuc(held.scores, held.churned, "lower-is-positive"),
      holdoutAucInterval: bootstrapAucInterval(held.scores, held.churned, "lower-is-positive", {
        seed,
      }),
      holdoutObservations: holdout.length,
    },
  };
};
