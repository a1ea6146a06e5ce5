import type { MetricRef, Scorecard, Scoring } from "@michi/core";

/*
 * Numbers of the Health Lab said so a CS person can act on them: an AUC with
 * its interval and a verdict in words, churn rates as percentages, lift as
 * "2.3×", and a measure's step table as ranges of the metric.
 */

/**
 * How well scores told churners apart, in words. The cut-offs follow the
 * usual reading of a ROC AUC (Hosmer & Lemeshow: 0.7 acceptable, 0.8
 * excellent), with a band around 0.5 read as chance.
 */
export type AucVerdict = "unknown" | "inverse" | "chance" | "weak" | "fair" | "good" | "strong";

export const aucVerdict = (auc: number | null): AucVerdict => {
  if (auc === null) return "unknown";
  if (auc < 0.45) return "inverse";
  if (auc < 0.55) return "chance";
  if (auc < 0.6) return "weak";
  if (auc < 0.7) return "fair";
  if (auc < 0.8) return "good";
  return "strong";
};

/** Mantine colour of a verdict. */
export const verdictColors: Record<AucVerdict, string> = {
  unknown: "gray",
  inverse: "red",
  chance: "red",
  weak: "orange",
  fair: "yellow",
  good: "teal",
  strong: "green",
};

/** An AUC to two decimals ("0.71"), or "—". */
export const formatAuc = (auc: number | null | undefined, locale: string): string =>
  auc === null || auc === undefined
    ? "—"
    : new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
        auc,
      );

/** A lift ("2.3×"), or "—". */
export const formatLift = (lift: number | null | undefined, locale: string): string =>
  lift === null || lift === undefined
    ? "—"
    : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(lift)}×`;

/** A ratio to one decimal ("3.2"), for "3.2倍" / "3.2×" in the sentence around it. */
export const formatTimes = (value: number, locale: string): string =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);

/** One row of a threshold step table: values from `from` (inclusive) up to `to` (exclusive). */
export type StepRow = { from: number | null; to: number | null; points: number };

/** The lowest value a metric can take, when it has one (counts, days, money: 0; changes: -100 %). */
export const metricFloor = (ref: MetricRef): number | null => {
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

/**
 * A scoring as ranges of the metric and their points, lowest first. Below
 * the first step a value scores 0 (core's scoreValue), shown as a row of its
 * own unless no value can be that low (`floor`). A linear scoring is its two
 * ends.
 */
export const scoringRows = (scoring: Scoring, floor: number | null = null): StepRow[] => {
  if (scoring.kind === "linear") {
    return [
      { from: null, to: null, points: scoring.fromPoints },
      { from: null, to: null, points: scoring.toPoints },
    ];
  }
  const rows: StepRow[] = [];
  const first = scoring.steps[0];
  if (first && first.points !== 0 && (floor === null || first.min > floor)) {
    rows.push({ from: null, to: first.min, points: 0 });
  }
  scoring.steps.forEach((step, index) => {
    rows.push({ from: step.min, to: scoring.steps[index + 1]?.min ?? null, points: step.points });
  });
  return rows;
};

/** A measure's name in a scorecard, by key; the key itself when the scorecard does not name it. */
export const measureNames = (
  scorecard: Scorecard | undefined,
): Map<string, Scorecard["measures"][number]> =>
  new Map((scorecard?.measures ?? []).map((measure) => [measure.key, measure]));
