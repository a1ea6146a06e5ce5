import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { HealthBand } from "../health/scorecard";

/*
 * The Health Lab's backtest: how well health scores given on past days told
 * which accounts would churn soon after. A high score means healthy, so a
 * good scorecard gives churners LOWER scores; the AUC is the probability that
 * a random churner scored below a random account that stayed (ties count ½),
 * the same figure as scikit-learn's roc_auc_score(churned, -score).
 */

/** Which end of the values the positive class (churn) is expected at. */
export type AucDirection = "higher-is-positive" | "lower-is-positive";

/** One account on one observation day, with what its scorecard said then. */
export type ScoredObservation = {
  /** Health score 0–100; null when the account had too little data for one. */
  score: number | null;
  band: HealthBand | null;
  /** Churned within the horizon after the observation day. */
  churned: boolean;
  /** Measure key → points 0–100 (null: the measure's value was missing). */
  measures: Readonly<Record<string, number | null>>;
};

/**
 * A point of the ROC curve: flagging the observations at `threshold` or
 * beyond it (at or above for higher-is-positive, at or below for
 * lower-is-positive) catches `tpr` of the positives and `fpr` of the others.
 * The first point, (0, 0), flags nothing: its threshold is null (scikit-learn
 * writes +inf, which JSON cannot carry).
 */
export type RocPoint = { fpr: number; tpr: number; threshold: number | null };

export type AucInterval = { low: number; high: number };

export type LiftDecile = {
  /** 1 is the riskiest tenth (lowest scores), 10 the safest. */
  decile: number;
  observations: number;
  churned: number;
  /** null when the decile is empty (fewer than 10 observations in all). */
  churnRate: number | null;
  /** churnRate / the overall churn rate; null when either is null or the overall rate is 0. */
  lift: number | null;
};

export type BandOutcome = {
  /** "none": observations without a score. */
  band: HealthBand | "none";
  /** Observations (an account on one day) in the band. */
  accounts: number;
  churned: number;
  /** null when the band holds no observation. */
  churnRate: number | null;
};

export type MeasureBacktest = {
  key: string;
  /** AUC of the measure's points alone (higher points = healthier); null with one class only. */
  auc: number | null;
  /** Observations where the measure had points. */
  observations: number;
};

export type ScoreBacktest = {
  /** All observations, with or without a score. */
  observations: number;
  churned: number;
  /** Over the observations with a score; null when they hold one class only. */
  auc: number | null;
  aucLow: number | null;
  aucHigh: number | null;
  roc: RocPoint[];
  liftByDecile: LiftDecile[];
  bands: BandOutcome[];
  measures: MeasureBacktest[];
};

const checkInputs = (values: readonly number[], positives: readonly boolean[]) => {
  if (values.length !== positives.length) {
    throw new Error(
      `values (${values.length}) and positives (${positives.length}) differ in length`,
    );
  }
  // NaN would make the sort below inconsistent and every figure meaningless.
  if (!values.every(Number.isFinite)) throw new Error("values must be finite numbers");
};

/** The value turned so that higher always means "more likely positive". */
const orient = (value: number, direction: AucDirection) =>
  direction === "higher-is-positive" ? value : -value;

/** Runs of tied values, least likely positive first; `order` holds indices into the input. */
type TieRuns = { order: number[]; starts: number[] };

const findTieRuns = (values: readonly number[], direction: AucDirection): TieRuns => {
  const oriented = values.map((value) => orient(value, direction));
  const order = values.map((_, index) => index);
  order.sort((a, b) => oriented[a]! - oriented[b]! || a - b);
  const starts: number[] = [];
  order.forEach((index, position) => {
    if (position === 0 || oriented[index] !== oriented[order[position - 1]!]) starts.push(position);
  });
  return { order, starts };
};

/**
 * The Mann–Whitney U statistic over (pos × neg), with average ranks for ties:
 * U = R₊ − n₊(n₊ + 1)/2, where R₊ is the positives' rank sum. `weights`
 * counts each observation that many times, so a bootstrap resample is scored
 * from the runs sorted once, in O(n), without sorting again.
 */
const computeMannWhitneyAuc = (
  runs: TieRuns,
  positives: readonly boolean[],
  weights?: ArrayLike<number>,
): number | null => {
  const { order, starts } = runs;
  let below = 0;
  let positiveCount = 0;
  let positiveRankSum = 0;
  for (let run = 0; run < starts.length; run++) {
    const end = run + 1 < starts.length ? starts[run + 1]! : order.length;
    let inRun = 0;
    let positiveInRun = 0;
    for (let position = starts[run]!; position < end; position++) {
      const index = order[position]!;
      const weight = weights === undefined ? 1 : weights[index]!;
      inRun += weight;
      if (positives[index]) positiveInRun += weight;
    }
    // The tied observations share the mean of the ranks below + 1 … below + inRun.
    positiveRankSum += positiveInRun * (below + (inRun + 1) / 2);
    positiveCount += positiveInRun;
    below += inRun;
  }
  const negativeCount = below - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) return null;
  const u = positiveRankSum - (positiveCount * (positiveCount + 1)) / 2;
  return u / (positiveCount * negativeCount);
};

/**
 * The area under the ROC curve: the probability that a random positive lies
 * further in `direction` than a random negative, ties counting ½. O(n log n).
 * null when either class is empty.
 */
export const rocAuc = (
  values: readonly number[],
  positives: readonly boolean[],
  direction: AucDirection,
): number | null => {
  checkInputs(values, positives);
  return computeMannWhitneyAuc(findTieRuns(values, direction), positives);
};

/** Whether b lies on the straight line from a to c (exact: the counts are whole numbers). */
const isCollinear = (
  a: { fp: number; tp: number },
  b: { fp: number; tp: number },
  c: { fp: number; tp: number },
) => (b.fp - a.fp) * (c.tp - b.tp) === (b.tp - a.tp) * (c.fp - b.fp);

/**
 * The ROC curve from (0, 0) to (1, 1), one point per distinct value (most
 * likely positive first). Points in the middle of a straight stretch are
 * dropped, as scikit-learn's drop_intermediate does, and a longer curve is
 * thinned to `maxPoints` evenly spaced points, ends kept, for a chart.
 * null when either class is empty.
 */
export const rocCurve = (
  values: readonly number[],
  positives: readonly boolean[],
  direction: AucDirection,
  { maxPoints = 101 }: { maxPoints?: number } = {},
): RocPoint[] | null => {
  checkInputs(values, positives);
  if (maxPoints < 2) throw new RangeError("maxPoints must be at least 2");
  const { order, starts } = findTieRuns(values, direction);
  const raw = [{ fp: 0, tp: 0, threshold: null as number | null }];
  let fp = 0;
  let tp = 0;
  for (let run = starts.length - 1; run >= 0; run--) {
    const end = run + 1 < starts.length ? starts[run + 1]! : order.length;
    for (let position = starts[run]!; position < end; position++) {
      if (positives[order[position]!]) tp++;
      else fp++;
    }
    raw.push({ fp, tp, threshold: values[order[starts[run]!]!]! });
  }
  if (tp === 0 || fp === 0) return null;

  const kept = [raw[0]!];
  for (let index = 1; index < raw.length; index++) {
    const next = raw[index + 1];
    if (next !== undefined && isCollinear(kept[kept.length - 1]!, raw[index]!, next)) continue;
    kept.push(raw[index]!);
  }
  const thinned =
    kept.length <= maxPoints
      ? kept
      : [
          ...new Set(
            Array.from({ length: maxPoints }, (_, k) =>
              Math.round((k * (kept.length - 1)) / (maxPoints - 1)),
            ),
          ),
        ].map((index) => kept[index]!);
  return thinned.map((point) => ({
    fpr: point.fp / fp,
    tpr: point.tp / tp,
    threshold: point.threshold,
  }));
};

/** The p-quantile (0–1) of sorted numbers, interpolating linearly between ranks (numpy's default). */
const interpolateQuantile = (sorted: readonly number[], p: number): number => {
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
};

export type BootstrapOptions = {
  /** Resamples to draw; default 1000. */
  samples?: number;
  /** The PRNG's seed: the same seed gives the same interval. */
  seed: number;
  /** Coverage of the interval, 0–1; default 0.95. */
  level?: number;
};

/**
 * A percentile bootstrap interval for the AUC: resample the observations
 * with replacement, take each resample's AUC, and read the interval off
 * their quantiles. A resample that drew one class only has no AUC and is
 * skipped, so a tiny class yields fewer than `samples` AUCs. null when no
 * resample had both classes.
 */
export const bootstrapAucInterval = (
  values: readonly number[],
  positives: readonly boolean[],
  direction: AucDirection,
  { samples = 1000, seed, level = 0.95 }: BootstrapOptions,
): AucInterval | null => {
  checkInputs(values, positives);
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError("samples must be a whole number above 0");
  }
  if (!(level > 0 && level < 1)) throw new RangeError("level must lie between 0 and 1");
  const n = values.length;
  if (n === 0) return null;
  const runs = findTieRuns(values, direction);
  const rng = xoroshiro128plus(seed);
  const counts = new Int32Array(n);
  const aucs: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    counts.fill(0);
    for (let draw = 0; draw < n; draw++) counts[uniformInt(rng, 0, n - 1)]! += 1;
    const auc = computeMannWhitneyAuc(runs, positives, counts);
    if (auc !== null) aucs.push(auc);
  }
  if (aucs.length === 0) return null;
  aucs.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { low: interpolateQuantile(aucs, tail), high: interpolateQuantile(aucs, 1 - tail) };
};

/**
 * Observations sorted riskiest first (most likely positive in `direction`)
 * and cut into 10 groups as equal as possible (sizes differ by at most one).
 * Tied values may fall either side of a cut; they keep their input order, so
 * the split is deterministic. Lift is the group's churn rate over the overall
 * one: 3 in the first decile means its accounts churned three times as often.
 */
export const liftByDecile = (
  values: readonly number[],
  positives: readonly boolean[],
  direction: AucDirection,
): LiftDecile[] => {
  checkInputs(values, positives);
  const n = values.length;
  const oriented = values.map((value) => orient(value, direction));
  const order = values.map((_, index) => index);
  order.sort((a, b) => oriented[b]! - oriented[a]! || a - b);
  const overall = n === 0 ? null : positives.filter(Boolean).length / n;
  return Array.from({ length: 10 }, (_, k) => {
    const group = order.slice(Math.floor((k * n) / 10), Math.floor(((k + 1) * n) / 10));
    const churned = group.filter((index) => positives[index]).length;
    const churnRate = group.length === 0 ? null : churned / group.length;
    return {
      decile: k + 1,
      observations: group.length,
      churned,
      churnRate,
      lift: churnRate === null || overall === null || overall === 0 ? null : churnRate / overall,
    };
  });
};

const bandOrder = ["red", "yellow", "green", "none"] as const;

/**
 * The whole backtest of a scorecard over past observations: AUC with its
 * bootstrap interval, ROC curve and lift by decile over the observations
 * with a score; churn by band (those without a score under "none"); and
 * each measure's own AUC over the observations where it had points.
 */
export const backtestScores = (
  observations: readonly ScoredObservation[],
  { seed, bootstrapSamples = 1000 }: { seed: number; bootstrapSamples?: number },
): ScoreBacktest => {
  const scored = observations.filter(
    (observation): observation is ScoredObservation & { score: number } =>
      observation.score !== null,
  );
  const scores = scored.map((observation) => observation.score);
  const churnedScored = scored.map((observation) => observation.churned);
  const interval = bootstrapAucInterval(scores, churnedScored, "lower-is-positive", {
    samples: bootstrapSamples,
    seed,
  });

  const bands = bandOrder.map((band) => {
    const inBand = observations.filter(
      (observation) =>
        (observation.score === null ? "none" : (observation.band ?? "none")) === band,
    );
    const churned = inBand.filter((observation) => observation.churned).length;
    return {
      band,
      accounts: inBand.length,
      churned,
      churnRate: inBand.length === 0 ? null : churned / inBand.length,
    };
  });

  const measureKeys = [...new Set(observations.flatMap((o) => Object.keys(o.measures)))];
  const measures = measureKeys.map((key) => {
    const withPoints = observations.filter((observation) => {
      const points = observation.measures[key];
      return typeof points === "number" && Number.isFinite(points);
    });
    return {
      key,
      auc: rocAuc(
        withPoints.map((observation) => observation.measures[key]!),
        withPoints.map((observation) => observation.churned),
        "lower-is-positive",
      ),
      observations: withPoints.length,
    };
  });

  return {
    observations: observations.length,
    churned: observations.filter((observation) => observation.churned).length,
    auc: rocAuc(scores, churnedScored, "lower-is-positive"),
    aucLow: interval?.low ?? null,
    aucHigh: interval?.high ?? null,
    roc: rocCurve(scores, churnedScored, "lower-is-positive") ?? [],
    liftByDecile: liftByDecile(scores, churnedScored, "lower-is-positive"),
    bands,
    measures,
  };
};
