import { z } from "zod";
import { displayTextSchema } from "../usage/display-text";
import { type MetricRef, metricKey, metricRefSchema } from "../usage/metric-ref";

/*
 * A scorecard turns an account's metrics (and the CSM's ratings) into a
 * health score of 0–100: each measure's value is scored 0–100 points by its
 * scoring function, and the score is the weighted mean of the points.
 */

const points = z.number().min(0, "must be 0 to 100").max(100, "must be 0 to 100");
const finite = z.number().refine(Number.isFinite, "must be a finite number");

/**
 * Steps: the points of the step with the highest `min` at or below the value;
 * a value below every step scores 0. Mins must rise, so the table reads like
 * the rule it is. Points need not rise: days since a meeting score high first.
 */
export const thresholdsScoringSchema = z.strictObject({
  kind: z.literal("thresholds"),
  steps: z
    .array(z.strictObject({ min: finite, points }))
    .min(1, "must have at least one step")
    .max(20)
    .superRefine((steps, ctx) => {
      steps.forEach((step, index) => {
        if (index > 0 && step.min <= steps[index - 1]!.min) {
          ctx.addIssue({
            code: "custom",
            path: [index, "min"],
            message: "mins must rise step by step",
          });
        }
      });
    }),
});

/**
 * A straight line from (from, fromPoints) to (to, toPoints), flat beyond both
 * ends. `from` may be above `to`, and fromPoints above toPoints, so a falling
 * scale is written as it is said: days since last seen 0 → 100 points, 30 → 0.
 */
export const linearScoringSchema = z
  .strictObject({
    kind: z.literal("linear"),
    from: finite,
    to: finite,
    fromPoints: points.default(0),
    toPoints: points.default(100),
  })
  .refine((scoring) => scoring.from !== scoring.to, {
    path: ["to"],
    message: "must differ from `from`",
  });

export const scoringSchema = z.discriminatedUnion("kind", [
  thresholdsScoringSchema,
  linearScoringSchema,
]);
export type Scoring = z.infer<typeof scoringSchema>;

/** A CSM's 1–5 rating: 1 → 0 points, 5 → 100, unless the measure says otherwise. */
export const HEALTH_RATING_MIN = 1;
export const HEALTH_RATING_MAX = 5;
const defaultRatingScoring: Scoring = {
  kind: "linear",
  from: HEALTH_RATING_MIN,
  to: HEALTH_RATING_MAX,
  fromPoints: 0,
  toPoints: 100,
};

const measureKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a key of 1 to 64 letters, digits, _ or -");
const weight = z
  .number()
  .refine(Number.isFinite, "must be a finite number")
  .refine((value) => value > 0, "must be above 0");

export const metricMeasureSchema = z.strictObject({
  kind: z.literal("metric"),
  key: measureKey,
  name: displayTextSchema,
  description: displayTextSchema.optional(),
  metric: metricRefSchema,
  scoring: scoringSchema,
  weight,
});

/**
 * Qualitative measures the CSM rates (seed 004's 定性情報: how far the product
 * is promoted inside the customer, the relationship between the contract
 * owner and the people who use it). `scale` names what each of 1..5 means.
 */
export const ratingMeasureSchema = z.strictObject({
  kind: z.literal("rating"),
  key: measureKey,
  name: displayTextSchema,
  description: displayTextSchema.optional(),
  scale: z
    .array(displayTextSchema)
    .length(HEALTH_RATING_MAX - HEALTH_RATING_MIN + 1)
    .optional(),
  scoring: scoringSchema.default(defaultRatingScoring),
  weight,
});

export const scorecardMeasureSchema = z.discriminatedUnion("kind", [
  metricMeasureSchema,
  ratingMeasureSchema,
]);
export type ScorecardMeasure = z.infer<typeof scorecardMeasureSchema>;

export const healthBands = ["red", "yellow", "green"] as const;
export type HealthBand = (typeof healthBands)[number];

/** Default cut-offs: 0–50 red, 51–75 yellow, 76–100 green. */
export const DEFAULT_HEALTH_BANDS = { redMax: 50, yellowMax: 75 } as const;

/** Band cut-offs on the integer score: ≤ redMax red, ≤ yellowMax yellow, above green. */
export const healthBandsSchema = z
  .strictObject({
    redMax: z.number().int("must be a whole number").min(0).max(100),
    yellowMax: z.number().int("must be a whole number").min(0).max(100),
  })
  .refine((bands) => bands.redMax < bands.yellowMax && bands.yellowMax < 100, {
    path: ["yellowMax"],
    message: "cut-offs must be ordered: 0 ≤ redMax < yellowMax < 100",
  });
export type HealthBands = z.infer<typeof healthBandsSchema>;

export const scorecardSchema = z.strictObject({
  name: displayTextSchema.optional(),
  measures: z
    .array(scorecardMeasureSchema)
    .min(1, "must have at least one measure")
    .max(50)
    .superRefine((measures, ctx) => {
      const seen = new Set<string>();
      measures.forEach((measure, index) => {
        if (seen.has(measure.key)) {
          ctx.addIssue({
            code: "custom",
            path: [index, "key"],
            message: `repeats the key "${measure.key}"`,
          });
        }
        seen.add(measure.key);
      });
    }),
  bands: healthBandsSchema.default({ ...DEFAULT_HEALTH_BANDS }),
  /**
   * The share of the total weight (0–1) that must have values for a score to
   * be given; below it the score is null ("not enough data") rather than a
   * number built on one or two measures. 0: any one measure is enough.
   */
  minCoverage: z.number().min(0).max(1).default(0),
});
export type Scorecard = z.infer<typeof scorecardSchema>;
export type ScorecardInput = z.input<typeof scorecardSchema>;

/** The band of an integer score. */
export const healthBand = (score: number, bands: HealthBands = DEFAULT_HEALTH_BANDS): HealthBand =>
  score <= bands.redMax ? "red" : score <= bands.yellowMax ? "yellow" : "green";

/** Points (0–100, not rounded) a value earns under a scoring function. */
export const scoreValue = (scoring: Scoring, value: number): number => {
  if (scoring.kind === "thresholds") {
    let earned = 0;
    for (const step of scoring.steps) if (value >= step.min) earned = step.points;
    return earned;
  }
  const { from, to, fromPoints, toPoints } = scoring;
  const share = Math.min(1, Math.max(0, (value - from) / (to - from)));
  return fromPoints + share * (toPoints - fromPoints);
};

/** Every metric a scorecard reads, each once. */
export const scorecardMetricRefs = (scorecard: Scorecard): MetricRef[] => {
  const refs = new Map<string, MetricRef>();
  for (const measure of scorecard.measures) {
    if (measure.kind === "metric") refs.set(metricKey(measure.metric), measure.metric);
  }
  return [...refs.values()];
};
