import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backtestScores,
  bootstrapAucInterval,
  liftByDecile,
  rocAuc,
  rocCurve,
  type ScoredObservation,
} from "./backtest";

/** The O(n²) definition: over all (positive, negative) pairs, 1 when ordered right, ½ when tied. */
const pairwiseAuc = (values: number[], positives: boolean[]): number | null => {
  let sum = 0;
  let pairs = 0;
  values.forEach((p, i) => {
    if (!positives[i]) return;
    values.forEach((q, j) => {
      if (positives[j]) return;
      pairs++;
      sum += p > q ? 1 : p === q ? 0.5 : 0;
    });
  });
  return pairs === 0 ? null : sum / pairs;
};

describe("rocAuc", () => {
  it("matches scikit-learn's roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75", () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true], "higher-is-positive")).toBe(
      0.75,
    );
  });

  it("reads low scores as churn: roc_auc_score(churned, -score)", () => {
    // Scores 80, 60 stayed; 35, 60 churned: pairs (35<80, 35<60, 60<80, 60=60) → 3.5 / 4.
    expect(rocAuc([80, 60, 35, 60], [false, false, true, true], "lower-is-positive")).toBe(0.875);
  });

  it("gives 0.5 when every value ties, null with one class", () => {
    expect(rocAuc([7, 7, 7, 7, 7], [true, false, false, true, false], "lower-is-positive")).toBe(
      0.5,
    );
    expect(rocAuc([1, 2, 3], [false, false, false], "higher-is-positive")).toBeNull();
    expect(rocAuc([], [], "higher-is-positive")).toBeNull();
  });

  it("refuses inputs of different lengths or non-finite values", () => {
    expect(() => rocAuc([1, 2], [true], "higher-is-positive")).toThrow(/length/);
    expect(() => rocAuc([1, Number.NaN], [true, false], "higher-is-positive")).toThrow(/finite/);
  });

  const sample = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean()), { maxLength: 40 })
    .map((pairs) => ({
      values: pairs.map(([value]) => value),
      positives: pairs.map(([, positive]) => positive),
    }));

  it("equals the pairwise definition, ties counting ½ (property)", () => {
    fc.assert(
      fc.property(sample, ({ values, positives }) => {
        const auc = rocAuc(values, positives, "higher-is-positive");
        const expected = pairwiseAuc(values, positives);
        if (expected === null) expect(auc).toBeNull();
        else expect(auc).toBeCloseTo(expected, 12);
      }),
    );
  });

  it("gives 1 − AUC when the direction is reversed (property)", () => {
    fc.assert(
      fc.property(sample, ({ values, positives }) => {
        const higher = rocAuc(values, positives, "higher-is-positive");
        const lower = rocAuc(values, positives, "lower-is-positive");
        if (higher === null) expect(lower).toBeNull();
        else expect(lower).toBeCloseTo(1 - higher, 12);
      }),
    );
  });
});

describe("rocCurve", () => {
  it("has scikit-learn's corners for roc_curve([1,1,2,2], [0.1,0.4,0.35,0.8], pos_label=2)", () => {
    const curve = rocCurve([0.1, 0.4, 0.35, 0.8], [false, false, true, true], "higher-is-positive");
    expect(curve?.map((point) => point.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(curve?.map((point) => point.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(curve?.map((point) => point.threshold)).toEqual([null, 0.8, 0.4, 0.35, 0.1]);
  });

  it("keeps the corners and drops points in the middle of a straight stretch", () => {
    // Four negatives in a row after the positives: one straight line to (1, 1).
    const curve = rocCurve(
      [9, 8, 4, 3, 2, 1],
      [true, true, false, false, false, false],
      "higher-is-positive",
    );
    expect(curve).toEqual([
      { fpr: 0, tpr: 0, threshold: null },
      { fpr: 0, tpr: 1, threshold: 8 },
      { fpr: 1, tpr: 1, threshold: 1 },
    ]);
  });

  it("reads thresholds as 'at or below' for low scores, and thins long curves", () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const positives = values.map((i) => (i * 7919) % 3 === 0);
    const curve = rocCurve(values, positives, "lower-is-positive")!;
    expect(curve.length).toBeLessThanOrEqual(101);
    expect(curve[0]).toEqual({ fpr: 0, tpr: 0, threshold: null });
    expect(curve[1]!.threshold).toBeLessThan(curve[2]!.threshold!);
    expect(curve.at(-1)).toMatchObject({ fpr: 1, tpr: 1, threshold: 999 });
    expect(rocCurve([1, 2], [true, true], "lower-is-positive")).toBeNull();
  });
});

describe("bootstrapAucInterval", () => {
  const values = Array.from({ length: 300 }, (_, i) => (i * 37) % 100);
  const positives = values.map((value, i) => value < 30 || i % 11 === 0);

  it("gives the same interval for the same seed, around the AUC", () => {
    const auc = rocAuc(values, positives, "lower-is-positive")!;
    const a = bootstrapAucInterval(values, positives, "lower-is-positive", { seed: 7 })!;
    const b = bootstrapAucInterval(values, positives, "lower-is-positive", { seed: 7 })!;
    const c = bootstrapAucInterval(values, positives, "lower-is-positive", { seed: 8 })!;
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(a.low).toBeLessThan(auc);
    expect(a.high).toBeGreaterThan(auc);
    expect(a.high - a.low).toBeLessThan(0.2);
  });

  it("narrows with a lower level, and is null with one class", () => {
    const wide = bootstrapAucInterval(values, positives, "lower-is-positive", { seed: 1 })!;
    const narrow = bootstrapAucInterval(values, positives, "lower-is-positive", {
      seed: 1,
      level: 0.5,
    })!;
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
    expect(
      bootstrapAucInterval([1, 2, 3], [false, false, false], "lower-is-positive", { seed: 1 }),
    ).toBeNull();
  });
});

describe("liftByDecile", () => {
  it("cuts riskiest first into tenths as equal as possible", () => {
    // 25 observations: scores 0..24, the 5 lowest churned.
    const scores = Array.from({ length: 25 }, (_, i) => i);
    const churned = scores.map((score) => score < 5);
    const deciles = liftByDecile(scores, churned, "lower-is-positive");
    expect(deciles.map((d) => d.observations)).toEqual([2, 3, 2, 3, 2, 3, 2, 3, 2, 3]);
    expect(deciles.map((d) => d.churned)).toEqual([2, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Overall 5/25 = 0.2; the first decile churned at 1.0: lift 5.
    expect(deciles[0]).toEqual({ decile: 1, observations: 2, churned: 2, churnRate: 1, lift: 5 });
  });

  it("leaves lift null without churn and rates null for empty deciles", () => {
    const deciles = liftByDecile([1, 2, 3], [false, false, false], "lower-is-positive");
    expect(deciles.filter((d) => d.observations === 0)).toHaveLength(7);
    expect(deciles.every((d) => d.lift === null)).toBe(true);
    expect(deciles.find((d) => d.observations === 0)?.churnRate).toBeNull();
  });
});

describe("backtestScores", () => {
  const observation = (
    score: number | null,
    churned: boolean,
    measures: Record<string, number | null> = {},
  ): ScoredObservation => ({
    score,
    band: score === null ? null : score <= 50 ? "red" : score <= 75 ? "yellow" : "green",
    churned,
    measures,
  });
  const observations = [
    observation(20, true, { use: 10, nps: 50 }),
    observation(40, true, { use: 30, nps: null }),
    observation(45, false, { use: 40, nps: 90 }),
    observation(70, false, { use: 70, nps: 20 }),
    observation(90, true, { use: 90, nps: 10 }),
    observation(95, false, { use: 95, nps: 80 }),
    observation(null, true),
    observation(null, false),
  ];
  const result = backtestScores(observations, { seed: 3, bootstrapSamples: 200 });

  it("counts every observation, but scores only those with a score", () => {
    expect(result).toMatchObject({ observations: 8, churned: 4 });
    // Churners 20, 40, 90 against 45, 70, 95: 20 and 40 below all three, 90 below 95 only.
    expect(result.auc).toBeCloseTo(7 / 9, 12);
    expect(result.aucLow).not.toBeNull();
    expect(result.aucLow!).toBeLessThanOrEqual(result.aucHigh!);
    expect(result.roc[0]).toEqual({ fpr: 0, tpr: 0, threshold: null });
    expect(result.liftByDecile.reduce((sum, d) => sum + d.observations, 0)).toBe(6);
  });

  it("reports churn by band, unscored under none", () => {
    expect(result.bands).toEqual([
      { band: "red", accounts: 3, churned: 2, churnRate: 2 / 3 },
      { band: "yellow", accounts: 1, churned: 0, churnRate: 0 },
      { band: "green", accounts: 2, churned: 1, churnRate: 0.5 },
      { band: "none", accounts: 2, churned: 1, churnRate: 0.5 },
    ]);
  });

  it("gives each measure its own AUC over the observations where it has points", () => {
    expect(result.measures).toEqual([
      { key: "use", auc: 7 / 9, observations: 6 },
      // nps: churners 50, 10 against 90, 20, 80: 50<90, 50<80, 10<all → 5 of 6.
      { key: "nps", auc: 5 / 6, observations: 5 },
    ]);
  });

  it("leaves an empty band's rate null", () => {
    const none = backtestScores([observation(null, false)], { seed: 1, bootstrapSamples: 10 });
    expect(none.bands[0]).toEqual({ band: "red", accounts: 0, churned: 0, churnRate: null });
    expect(none).toMatchObject({ auc: null, aucLow: null, aucHigh: null, roc: [] });
  });
});
