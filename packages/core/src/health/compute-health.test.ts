import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportionLargestRemainder, computeHealth } from "./compute-health";
import { buildDefaultScorecard, defaultScorecard } from "./default-scorecard";
import {
  healthBand,
  type Scorecard,
  type ScorecardInput,
  type Scoring,
  scorecardMetricRefs,
  scorecardSchema,
  scoreValue,
} from "./scorecard";

const scorecard = (input: ScorecardInput): Scorecard => scorecardSchema.parse(input);

/** One measure scoring a metric 1:1 (value = points), for exact band tests. */
const identity = scorecard({
  measures: [
    {
      kind: "metric",
      key: "m",
      name: "m",
      metric: "custom:m",
      scoring: { kind: "linear", from: 0, to: 100 },
      weight: 1,
    },
  ],
});

describe("health bands", () => {
  it("puts 50 in red, 51 and 75 in yellow, 76 in green by default", () => {
    const band = (value: number) => computeHealth({ "custom:m": value }, identity).band;
    expect([band(0), band(50), band(51), band(75), band(76), band(100)]).toEqual([
      "red",
      "red",
      "yellow",
      "yellow",
      "green",
      "green",
    ]);
  });

  it("rounds half up before banding: 50.4 is red, 50.5 is 51 and yellow", () => {
    expect(computeHealth({ "custom:m": 50.4 }, identity)).toMatchObject({ score: 50, band: "red" });
    expect(computeHealth({ "custom:m": 50.5 }, identity)).toMatchObject({
      score: 51,
      band: "yellow",
    });
  });

  it("honours configured cut-offs and refuses unordered ones", () => {
    expect(healthBand(60, { redMax: 60, yellowMax: 80 })).toBe("red");
    expect(healthBand(81, { redMax: 60, yellowMax: 80 })).toBe("green");
    const bad = scorecardSchema.safeParse({ ...identity, bands: { redMax: 75, yellowMax: 50 } });
    expect(bad.error?.issues[0]?.message).toMatch(/ordered/);
    expect(
      scorecardSchema.safeParse({ ...identity, bands: { redMax: 50, yellowMax: 100 } }).success,
    ).toBe(false);
  });
});

describe("scoring functions", () => {
  it("scores linear ranges, rising and falling, flat beyond the ends", () => {
    const rising = { kind: "linear", from: 0, to: 80, fromPoints: 0, toPoints: 100 } as const;
    expect([
      scoreValue(rising, -5),
      scoreValue(rising, 40),
      scoreValue(rising, 80),
      scoreValue(rising, 95),
    ]).toEqual([0, 50, 100, 100]);
    // Days since last seen: 0 → 100 points, 30 → 0.
    const falling = { kind: "linear", from: 0, to: 30, fromPoints: 100, toPoints: 0 } as const;
    expect([
      scoreValue(falling, 0),
      scoreValue(falling, 15),
      scoreValue(falling, 30),
      scoreValue(falling, 90),
    ]).toEqual([100, 50, 0, 0]);
    // The same written from the other end.
    const reversed = { kind: "linear", from: 30, to: 0, fromPoints: 0, toPoints: 100 } as const;
    expect(scoreValue(reversed, 6)).toBe(80);
  });

  it("scores thresholds by the highest step reached, 0 below the first", () => {
    const steps: Scoring = {
      kind: "thresholds",
      steps: [
        { min: 0, points: 100 },
        { min: 31, points: 60 },
        { min: 61, points: 0 },
      ],
    };
    expect([-1, 0, 30, 31, 60, 61, 365].map((value) => scoreValue(steps, value))).toEqual([
      0, 100, 100, 60, 60, 0, 0,
    ]);
  });

  it("refuses bad scoring and weights", () => {
    const measure = (overrides: Record<string, unknown>) => ({
      measures: [
        {
          kind: "metric",
          key: "m",
          name: "m",
          metric: "lastNps",
          scoring: { kind: "linear", from: 0, to: 10 },
          weight: 1,
          ...overrides,
        },
      ],
    });
    const messages = (overrides: Record<string, unknown>) =>
      scorecardSchema.safeParse(measure(overrides)).error?.issues.map((issue) => issue.message);
    expect(messages({ weight: 0 })).toEqual(["must be above 0"]);
    expect(messages({ weight: -1 })).toEqual(["must be above 0"]);
    expect(messages({ scoring: { kind: "linear", from: 5, to: 5 } })).toEqual([
      "must differ from `from`",
    ]);
    expect(messages({ scoring: { kind: "linear", from: 0, to: 5, toPoints: 120 } })).toEqual([
      "must be 0 to 100",
    ]);
    expect(
      messages({
        scoring: {
          kind: "thresholds",
          steps: [
            { min: 10, points: 50 },
            { min: 5, points: 100 },
          ],
        },
      }),
    ).toEqual(["mins must rise step by step"]);
    expect(messages({ metric: "logins" })?.[0]).toMatch(/unknown metric/);
    const twice = measure({});
    twice.measures.push({ ...twice.measures[0]! });
    expect(scorecardSchema.safeParse(twice).error?.issues[0]?.message).toBe('repeats the key "m"');
  });
});

describe("computeHealth", () => {
  const card = scorecard({
    measures: [
      {
        kind: "metric",
        key: "seats",
        name: { ja: "ライセンス利用率", en: "Seat utilisation" },
        metric: "seatUtilisation:30d",
        scoring: { kind: "linear", from: 0, to: 80 },
        weight: 3,
      },
      {
        kind: "metric",
        key: "recency",
        name: "Last seen",
        metric: "daysSinceLastSeen",
        scoring: { kind: "linear", from: 0, to: 30, fromPoints: 100, toPoints: 0 },
        weight: 1,
      },
      { kind: "rating", key: "promotion", name: "Internal promotion", weight: 1 },
    ],
  });

  it("weights the points, and contributions add up to the score", () => {
    const result = computeHealth({ "seatUtilisation:30d": 60, daysSinceLastSeen: 3 }, card, {
      promotion: { value: 4, comment: "部長が毎週の会議で使っている" },
    });
    // 3/5 × 75 + 1/5 × 90 + 1/5 × 75 = 45 + 18 + 15 = 78
    expect(result.score).toBe(78);
    expect(result.band).toBe("green");
    expect(result.coverage).toBe(1);
    expect(
      result.measures.map(({ key, value, points, contribution }) => [
        key,
        value,
        points,
        contribution,
      ]),
    ).toEqual([
      ["seats", 60, 75, 45],
      ["recency", 3, 90, 18],
      ["promotion", 4, 75, 15],
    ]);
    expect(result.measures[2]).toMatchObject({
      kind: "rating",
      metric: null,
      comment: "部長が毎週の会議で使っている",
    });
  });

  it("leaves a missing value out, renormalises the weights and says so", () => {
    const result = computeHealth({ "seatUtilisation:30d": 80, daysSinceLastSeen: null }, card);
    // Only seats (weight 3 of 5) is known: 100 points.
    expect(result).toMatchObject({ score: 100, band: "green", coverage: 0.6 });
    expect(
      result.measures.map(({ key, missing, effectiveWeight, contribution }) => [
        key,
        missing,
        effectiveWeight,
        contribution,
      ]),
    ).toEqual([
      ["seats", false, 1, 100],
      ["recency", true, 0, 0],
      ["promotion", true, 0, 0],
    ]);
  });

  it("gives no score when nothing is known or coverage is below the minimum", () => {
    expect(computeHealth({}, card)).toMatchObject({ score: null, band: null, coverage: 0 });
    const strict = scorecardSchema.parse({ ...card, minCoverage: 0.7 });
    expect(computeHealth({ "seatUtilisation:30d": 80 }, strict)).toMatchObject({
      score: null,
      band: null,
      coverage: 0.6,
    });
    expect(computeHealth({ "seatUtilisation:30d": 80, daysSinceLastSeen: 0 }, strict).score).toBe(
      100,
    );
  });

  it("apportions rounding so three equal thirds of 100 add up to 100", () => {
    const thirds = scorecard({
      measures: ["a", "b", "c"].map((key) => ({
        kind: "metric" as const,
        key,
        name: key,
        metric: `custom:${key}`,
        scoring: { kind: "linear" as const, from: 0, to: 100 },
        weight: 1,
      })),
    });
    const result = computeHealth({ "custom:a": 100, "custom:b": 100, "custom:c": 100 }, thirds);
    expect(result.score).toBe(100);
    expect(result.measures.map((measure) => measure.contribution)).toEqual([34, 33, 33]);
    const half = computeHealth({ "custom:a": 50, "custom:b": 50, "custom:c": 51 }, thirds);
    // 16.67 + 16.67 + 17 = 50.33 → 50; floors 16 + 16 + 17 = 49, the unit left goes to a (tied with b, listed first).
    expect(half.score).toBe(50);
    expect(half.measures.map((measure) => measure.contribution)).toEqual([17, 16, 17]);
  });

  it("makes contributions add up to the score for any scorecard and values", () => {
    const scoring = fc.oneof(
      fc
        .tuple(
          fc.double({ min: -1000, max: 1000, noNaN: true }),
          fc.double({ min: -1000, max: 1000, noNaN: true }),
          fc.double({ min: 0, max: 100, noNaN: true }),
          fc.double({ min: 0, max: 100, noNaN: true }),
        )
        .filter(([from, to]) => from !== to)
        .map(([from, to, fromPoints, toPoints]) => ({
          kind: "linear" as const,
          from,
          to,
          fromPoints,
          toPoints,
        })),
      fc
        .uniqueArray(fc.integer({ min: -100, max: 1000 }), { minLength: 1, maxLength: 6 })
        .chain((mins) =>
          fc
            .tuple(...mins.map(() => fc.double({ min: 0, max: 100, noNaN: true })))
            .map((pointsList) => ({
              kind: "thresholds" as const,
              steps: [...mins]
                .sort((a, b) => a - b)
                .map((min, index) => ({ min, points: pointsList[index]! })),
            })),
        ),
    );
    const measures = fc.array(
      fc.record({
        scoring,
        weight: fc.double({ min: 0.001, max: 1000, noNaN: true }),
        value: fc.option(fc.double({ min: -2000, max: 2000, noNaN: true }), { nil: null }),
      }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(measures, (list) => {
        const card = scorecard({
          measures: list.map(({ scoring, weight }, index) => ({
            kind: "metric",
            key: `m${index}`,
            name: `m${index}`,
            metric: `custom:m${index}`,
            scoring,
            weight,
          })),
        });
        const metrics = Object.fromEntries(
          list.map(({ value }, index) => [`custom:m${index}`, value]),
        );
        const result = computeHealth(metrics, card);
        const sum = result.measures.reduce((total, measure) => total + measure.contribution, 0);
        if (result.score === null) {
          expect(list.every(({ value }) => value === null)).toBe(true);
          expect(sum).toBe(0);
          return;
        }
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(sum).toBe(result.score);
        for (const measure of result.measures) {
          expect(Number.isInteger(measure.contribution)).toBe(true);
          expect(Math.abs(measure.contribution - measure.exactContribution)).toBeLessThan(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("apportionLargestRemainder", () => {
  it("gives the units left to the largest remainders, the first on a tie", () => {
    expect(apportionLargestRemainder([10.5, 20.5, 30], 62)).toEqual([11, 21, 30]);
    expect(apportionLargestRemainder([10.5, 20.5, 30], 61)).toEqual([11, 20, 30]);
    expect(apportionLargestRemainder([0.2, 0.3, 0.5], 1)).toEqual([0, 0, 1]);
  });
});

describe("defaultScorecard", () => {
  it("follows seed 004: use, habit, trend, recency, seats, plan, NPS, evaluator and two CSM ratings", () => {
    expect(defaultScorecard.measures.map((measure) => measure.key)).toEqual([
      "events-per-user",
      "active-days",
      "trend",
      "last-seen",
      "seat-utilisation",
      "kpi-progress",
      "nps",
      "evaluator-meeting",
      "internal-promotion",
      "owner-relationship",
    ]);
    expect(defaultScorecard.measures.reduce((sum, measure) => sum + measure.weight, 0)).toBe(100);
    expect(defaultScorecard.bands).toEqual({ redMax: 50, yellowMax: 75 });
    expect(defaultScorecard.minCoverage).toBe(0.5);
    expect(scorecardSchema.parse(defaultScorecard)).toEqual(defaultScorecard);
  });

  it("names no event until the workspace names its key event", () => {
    const refs = scorecardMetricRefs(defaultScorecard);
    expect(refs.some((ref) => "event" in ref && ref.event !== undefined)).toBe(false);
    const withKey = buildDefaultScorecard({ keyEvent: "invoice_sent" });
    expect(scorecardMetricRefs(withKey)).toContainEqual({
      name: "eventCount",
      windowDays: 30,
      event: "invoice_sent",
    });
    expect(withKey.measures.reduce((sum, measure) => sum + measure.weight, 0)).toBe(100);
  });

  /** What a product that only sends events says of an account, and nothing else. */
  const usageOnly = (values: Record<string, number | null>) =>
    computeHealth(
      {
        "eventsPerActiveUser:30d": null,
        "activeDays:30d": 0,
        "eventCountChange:30d": null,
        daysSinceLastSeen: null,
        "seatUtilisation:30d": null,
        ...values,
      },
      defaultScorecard,
    );

  it("scores a busy, a fading and a gone account apart on use alone; no use at all is no score", () => {
    const busy = usageOnly({
      "eventsPerActiveUser:30d": 40,
      "activeDays:30d": 18,
      "eventCountChange:30d": 5,
      daysSinceLastSeen: 0,
    });
    const fading = usageOnly({
      "eventsPerActiveUser:30d": 4,
      "activeDays:30d": 5,
      "eventCountChange:30d": -40,
      daysSinceLastSeen: 6,
    });
    // Used last 40 days ago: no one active in 30 days, use down 100 %.
    const gone = usageOnly({ "eventCountChange:30d": -100, daysSinceLastSeen: 40 });
    const never = usageOnly({});
    expect(busy.band).toBe("green");
    expect(fading.band).toBe("red");
    expect(gone).toMatchObject({ score: 0, band: "red" });
    expect(never).toMatchObject({ score: null, band: null });
    expect(never.coverage).toBeLessThan(0.5);
    // Unrated CSM ratings are left out, not scored 0.
    expect(busy.measures.find((m) => m.key === "internal-promotion")).toMatchObject({
      missing: true,
      contribution: 0,
    });
  });

  it("scores a healthy and a fading account far apart", () => {
    const healthy = computeHealth(
      {
        "eventsPerActiveUser:30d": 25,
        "activeDays:30d": 17,
        "seatUtilisation:30d": 75,
        daysSinceLastSeen: 0,
        "eventCountChange:30d": 8,
        openKpiProgress: 70,
        lastNps: 40,
        daysSinceEvaluatorMeeting: 20,
      },
      defaultScorecard,
      { "internal-promotion": { value: 4 }, "owner-relationship": { value: 4 } },
    );
    const fading = computeHealth(
      {
        "eventsPerActiveUser:30d": 2,
        "activeDays:30d": 3,
        "seatUtilisation:30d": 5,
        daysSinceLastSeen: 21,
        "eventCountChange:30d": -60,
        openKpiProgress: 10,
        lastNps: -20,
        daysSinceEvaluatorMeeting: 95,
      },
      defaultScorecard,
      { "internal-promotion": { value: 1 }, "owner-relationship": { value: 2 } },
    );
    expect(healthy.band).toBe("green");
    expect(fading.band).toBe("red");
  });
});
