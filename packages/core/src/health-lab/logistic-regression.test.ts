import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { describe, expect, it } from "vitest";
import { fitLogisticRegression } from "./logistic-regression";

/** Rows of a 2×2 table: `churned` of `total` accounts with x = 0, the same for x = 1. */
const table = (x0: { churned: number; total: number }, x1: { churned: number; total: number }) => {
  const features: number[][] = [];
  const outcomes: boolean[] = [];
  for (const [x, { churned, total }] of [
    [0, x0],
    [1, x1],
  ] as const) {
    for (let i = 0; i < total; i++) {
      features.push([x]);
      outcomes.push(i < churned);
    }
  }
  return { features, outcomes };
};

describe("fitLogisticRegression", () => {
  it("matches the closed form for one binary predictor (tiny λ)", () => {
    // x = 0: 20 of 100 churned; x = 1: 5 of 100. The maximum-likelihood answer:
    // β₀ = ln(20/80) = −1.3863, β₁ = ln((5/95) / (20/80)) = −1.5581.
    const fit = fitLogisticRegression({
      ...table({ churned: 20, total: 100 }, { churned: 5, total: 100 }),
      l2: 1e-9,
    });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(20 / 80), 6);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(5 / 95 / (20 / 80)), 6);
    expect(fit.iterations).toBeLessThan(15);
  });

  it("recovers known coefficients from a large seeded sample", () => {
    const truth = { intercept: -1, coefficients: [2, -3, 0.5] };
    const rng = xoroshiro128plus(20240601);
    const features: number[][] = [];
    const outcomes: boolean[] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = [uniformFloat64(rng), uniformFloat64(rng), uniformFloat64(rng) < 0.3 ? 1 : 0];
      const eta = truth.intercept + row.reduce((sum, x, j) => sum + x * truth.coefficients[j]!, 0);
      features.push(row);
      outcomes.push(uniformFloat64(rng) < 1 / (1 + Math.exp(-eta)));
    }
    const fit = fitLogisticRegression({ features, outcomes, l2: 1 });
    expect(fit.converged).toBe(true);
    // Standard errors here are about 0.05–0.07: 0.2 is some three of them.
    expect(Math.abs(fit.intercept - truth.intercept)).toBeLessThan(0.2);
    fit.coefficients.forEach((coefficient, j) => {
      expect(Math.abs(coefficient - truth.coefficients[j]!)).toBeLessThan(0.2);
    });
  });

  it("reaches the same answer sooner from a warm start", () => {
    const data = table({ churned: 20, total: 100 }, { churned: 5, total: 100 });
    const cold = fitLogisticRegression(data);
    const warm = fitLogisticRegression({
      ...data,
      start: { intercept: cold.intercept + 0.1, coefficients: [cold.coefficients[0]! - 0.1] },
    });
    expect(warm.intercept).toBeCloseTo(cold.intercept, 9);
    expect(warm.coefficients[0]).toBeCloseTo(cold.coefficients[0]!, 9);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(() =>
      fitLogisticRegression({ ...data, start: { intercept: 0, coefficients: [] } }),
    ).toThrow(/one coefficient per feature/);
  });

  it("stays finite when a predictor separates the classes, thanks to the penalty", () => {
    const separated = table({ churned: 30, total: 30 }, { churned: 0, total: 30 });
    const fit = fitLogisticRegression({ ...separated, l2: 1 });
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeLessThan(-2);
    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
    // A stronger penalty pulls the coefficient towards 0.
    const stronger = fitLogisticRegression({ ...separated, l2: 10 });
    expect(Math.abs(stronger.coefficients[0]!)).toBeLessThan(Math.abs(fit.coefficients[0]!));
  });

  it("refuses mismatched or collinear input without a penalty", () => {
    expect(() => fitLogisticRegression({ features: [[1]], outcomes: [] })).toThrow(/differ/);
    expect(() =>
      fitLogisticRegression({
        features: [
          [1, 2],
          [2, 4],
          [3, 6],
        ],
        outcomes: [true, false, true],
        l2: 0,
      }),
    ).toThrow(/collinear/);
  });
});
