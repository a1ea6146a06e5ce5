import type { LocalizedText } from "../success-plan/plan-check-codes";
import { describeMetric, type MetricRef } from "../usage/metric-ref";
import type { UsageLabels } from "../usage/usage-labels";

/*
 * A metric's training values cut into bins at their quantiles, with how many
 * accounts in each bin churned: what a fitted measure's thresholds and its
 * plain-words explanation are both read from.
 */

export type ChurnBin = {
  /** The bin holds values from `min` up to the next bin's min (the last: upwards). */
  min: number;
  observations: number;
  churned: number;
};

/** Quantiles the cut points are taken at: quintiles. */
const CUT_QUANTILES = [0.2, 0.4, 0.6, 0.8];

/**
 * Pseudo-observations at the overall churn rate added to every bin (an
 * m-estimate, Laplace's add-one generalised): a bin of 30 accounts without a
 * churner is not "never churns", and add-one proper would pull small bins
 * towards 50 %, far above a typical churn rate of a few percent.
 */
const PRIOR_OBSERVATIONS = 2;

export const smoothChurnRate = (
  bin: { observations: number; churned: number },
  overallRate: number,
): number =>
  (bin.churned + PRIOR_OBSERVATIONS * overallRate) / (bin.observations + PRIOR_OBSERVATIONS);

/**
 * Bins of `values` (finite, any order) at their quintiles, duplicates
 * merged: many accounts with 0 events give one bin from 0, not two. A cut is
 * an observed value, rounded, so thresholds read as the data do (12 events,
 * not 11.6). `floor` becomes the first bin's min, so a value below every
 * training value still falls in the first bin rather than scoring 0.
 */
export const buildChurnBins = (
  values: readonly number[],
  churned: readonly boolean[],
  floor: number,
): ChurnBin[] => {
  const order = values.map((_, index) => index).sort((a, b) => values[a]! - values[b]!);
  const sorted = order.map((index) => values[index]!);
  const lowest = sorted[0];
  if (lowest === undefined) return [];
  // Whole numbers unless the values span less than 10: "below −21 %" reads, "−21.05263 %" does not.
  const scale = sorted.at(-1)! - lowest >= 10 ? 1 : 10;
  const cuts = [
    ...new Set(
      CUT_QUANTILES.map((p) => Math.round(sorted[Math.floor(p * sorted.length)]! * scale) / scale),
    ),
  ].filter((cut) => cut > lowest);
  const bins = [Math.min(floor, lowest), ...cuts].map((min) => ({
    min,
    observations: 0,
    churned: 0,
  }));
  order.forEach((index, position) => {
    let bin = bins.length - 1;
    while (bin > 0 && sorted[position]! < bins[bin]!.min) bin--;
    bins[bin]!.observations++;
    if (churned[index]) bins[bin]!.churned++;
  });
  return bins;
};

/**
 * The closest (in weighted squares) sequence that never falls, by pooling
 * adjacent violators: each run that breaks the order is replaced by its
 * weighted mean. A dozen lines, so not worth a dependency.
 */
const poolAdjacentViolators = (values: readonly number[], weights: readonly number[]): number[] => {
  const blocks: { mean: number; weight: number; size: number }[] = [];
  values.forEach((value, index) => {
    blocks.push({ mean: value, weight: weights[index]!, size: 1 });
    while (blocks.length > 1 && blocks.at(-2)!.mean > blocks.at(-1)!.mean) {
      const last = blocks.pop()!;
      const previous = blocks.at(-1)!;
      const weight = previous.weight + last.weight;
      previous.mean = (previous.mean * previous.weight + last.mean * last.weight) / weight;
      previous.weight = weight;
      previous.size += last.size;
    }
  });
  return blocks.flatMap((block) => new Array<number>(block.size).fill(block.mean));
};

/**
 * Each bin's churn rate (smoothed), made monotone: rising or falling with the
 * value, whichever fits the bins better. A step table whose points go up and
 * down reads as noise to a CSM ("53 to 62 days is worst, 63 to 72 nearly
 * best") and usually is: mixed days or a few churners. Scorecards in credit
 * scoring keep bins monotone for the same reasons.
 */
export const computeMonotoneChurnRates = (bins: readonly ChurnBin[]): number[] => {
  const overall = sumChurnBins(bins).rate;
  const rates = bins.map((bin) => smoothChurnRate(bin, overall));
  const weights = bins.map((bin) => bin.observations + PRIOR_OBSERVATIONS);
  const rising = poolAdjacentViolators(rates, weights);
  const falling = poolAdjacentViolators(
    rates.map((rate) => -rate),
    weights,
  ).map((rate) => -rate);
  const error = (fitted: readonly number[]) =>
    fitted.reduce((sum, rate, index) => sum + weights[index]! * (rate - rates[index]!) ** 2, 0);
  return error(rising) <= error(falling) ? rising : falling;
};

/** Churners and observations over all bins, and their rate (0 when empty). */
export const sumChurnBins = (bins: readonly ChurnBin[]) => {
  const observations = bins.reduce((sum, bin) => sum + bin.observations, 0);
  const churned = bins.reduce((sum, bin) => sum + bin.churned, 0);
  return { observations, churned, rate: observations === 0 ? 0 : churned / observations };
};

export type BinCut = {
  /** Values below `cut` against values at or above it. */
  cut: number;
  /** The side that churned more. */
  riskySide: "below" | "above";
  /** How many times as often the risky side churned (smoothed rates). */
  ratio: number;
  explanation: LocalizedText;
};

/** Whole numbers as they are, others to one decimal. */
const formatValue = (value: number) => String(Math.round(value * 10) / 10);

/** 1 decimal below 10 (4.2×, and 4× for 4.0), whole numbers above. */
export const formatRatio = (ratio: number) =>
  String(ratio < 10 ? Math.round(ratio * 10) / 10 : Math.round(ratio));

/** Metrics whose values are counted ("fewer than 12"), and the Japanese counter word. */
const countWord = (ref: MetricRef): string | null => {
  switch (ref.name) {
    case "eventCount":
    case "totalEvents":
      return "回";
    case "activeUsers":
      return "人";
    case "activeDays":
      return "日";
    case "distinctEvents":
      return "種類";
    case "licensedSeats":
      return "";
    default:
      return null;
  }
};

const jaUnit = (ref: MetricRef): string => {
  switch (ref.name) {
    case "seatUtilisation":
    case "eventCountChange":
    case "activeUsersChange":
    case "openKpiProgress":
      return "%";
    case "daysSinceLastSeen":
    case "daysSinceEvaluatorMeeting":
    case "daysToRenewal":
      return "日";
    default:
      return countWord(ref) ?? "";
  }
};

const enUnit = (ref: MetricRef): string => (jaUnit(ref) === "%" ? "%" : "");

/** The sentence a CSM reads: who churned how many times as often as the others. */
const explainCut = (
  ref: MetricRef,
  cut: { at: number; side: "below" | "above"; ratio: string },
  labels: UsageLabels | undefined,
) => {
  const { side, ratio } = cut;
  const value = formatValue(cut.at);
  const en = describeMetric(ref, "en", labels);
  const ja = describeMetric(ref, "ja", labels);
  const counted = countWord(ref) !== null;
  const who = counted
    ? side === "below"
      ? `Accounts with fewer than ${value} ${en}`
      : `Accounts with ${value} or more ${en}`
    : side === "below"
      ? `Accounts with ${en} below ${value}${enUnit(ref)}`
      : `Accounts with ${en} of ${value}${enUnit(ref)} or more`;
  const jaWho = `${ja}が${value}${jaUnit(ref)}${side === "below" ? "未満" : "以上"}の顧客`;
  return {
    en: `${who} churned ${ratio}× as often as the others.`,
    ja: `${jaWho}は、それ以外の顧客の${ratio}倍の割合で解約しました。`,
  };
};

/**
 * The one cut between bins that best separates churners (the largest
 * chi-square of its 2×2 table, which weighs the gap in churn rates by how
 * many accounts are on each side), told from its riskier side. null with
 * fewer than two bins or no churner.
 */
export const explainBestCut = (
  ref: MetricRef,
  bins: readonly ChurnBin[],
  labels?: UsageLabels,
): BinCut | null => {
  const total = sumChurnBins(bins);
  if (bins.length < 2 || total.churned === 0) return null;
  let best: { cut: number; chiSquare: number; below: ChurnBin; above: ChurnBin } | null = null;
  let below = { min: bins[0]!.min, observations: 0, churned: 0 };
  for (let index = 1; index < bins.length; index++) {
    below = {
      min: below.min,
      observations: below.observations + bins[index - 1]!.observations,
      churned: below.churned + bins[index - 1]!.churned,
    };
    const above = {
      min: bins[index]!.min,
      observations: total.observations - below.observations,
      churned: total.churned - below.churned,
    };
    if (below.observations === 0 || above.observations === 0) continue;
    const a = below.churned;
    const b = below.observations - below.churned;
    const c = above.churned;
    const d = above.observations - above.churned;
    const margins = (a + b) * (c + d) * (a + c) * (b + d);
    const chiSquare = margins === 0 ? 0 : (total.observations * (a * d - b * c) ** 2) / margins;
    if (best === null || chiSquare > best.chiSquare) {
      best = { cut: bins[index]!.min, chiSquare, below, above };
    }
  }
  if (best === null) return null;
  const belowRate = smoothChurnRate(best.below, total.rate);
  const aboveRate = smoothChurnRate(best.above, total.rate);
  const riskySide = belowRate >= aboveRate ? "below" : "above";
  const ratio =
    riskySide === "below"
      ? belowRate / Math.max(aboveRate, 1e-12)
      : aboveRate / Math.max(belowRate, 1e-12);
  return {
    cut: best.cut,
    riskySide,
    ratio,
    explanation: explainCut(
      ref,
      { at: best.cut, side: riskySide, ratio: formatRatio(ratio) },
      labels,
    ),
  };
};
