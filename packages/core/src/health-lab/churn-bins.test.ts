import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildChurnBins,
  type ChurnBin,
  computeMonotoneChurnRates,
  explainBestCut,
  formatRatio,
} from "./churn-bins";

describe("buildChurnBins", () => {
  it("cuts at quintiles, merges repeated cuts and starts at the floor", () => {
    // 10 values, 4 of them 0: the 20 % cut is 0, the lowest value, so no bin of its own.
    const values = [0, 0, 0, 0, 3, 5, 8, 12, 20, 40];
    const churned = values.map((value) => value < 5);
    expect(buildChurnBins(values, churned, 0)).toEqual([
      { min: 0, observations: 4, churned: 4 },
      { min: 3, observations: 2, churned: 1 },
      { min: 8, observations: 2, churned: 0 },
      { min: 20, observations: 2, churned: 0 },
    ]);
    // A floor below the values starts the first bin there.
    expect(buildChurnBins(values, churned, -100)[0]?.min).toBe(-100);
  });

  it("rounds cuts to whole numbers over a wide range, one decimal over a narrow one", () => {
    const wide = Array.from({ length: 100 }, (_, i) => -100 + i * 1.37);
    expect(
      buildChurnBins(
        wide,
        wide.map(() => false),
        -100,
      )
        .slice(1)
        .every((bin) => Number.isInteger(bin.min)),
    ).toBe(true);
    const narrow = Array.from({ length: 100 }, (_, i) => i * 0.0537);
    expect(
      buildChurnBins(
        narrow,
        narrow.map(() => false),
        0,
      ).map((bin) => bin.min),
    ).toEqual([0, 1.1, 2.1, 3.2, 4.3]);
  });

  it("keeps mins strictly rising and counts every value once (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { minLength: 1 }),
        (pairs) => {
          const values = pairs.map(([value]) => value);
          const bins = buildChurnBins(
            values,
            pairs.map(([, churned]) => churned),
            0,
          );
          bins.forEach((bin, index) => {
            if (index > 0) expect(bin.min).toBeGreaterThan(bins[index - 1]!.min);
          });
          expect(bins.reduce((sum, bin) => sum + bin.observations, 0)).toBe(values.length);
        },
      ),
    );
  });
});

describe("computeMonotoneChurnRates", () => {
  it("pools bins that break the order, in the direction that fits best", () => {
    const bins: ChurnBin[] = [
      { min: 0, observations: 100, churned: 30 },
      { min: 5, observations: 100, churned: 10 },
      { min: 10, observations: 100, churned: 12 },
      { min: 20, observations: 100, churned: 2 },
    ];
    const rates = computeMonotoneChurnRates(bins);
    // Falling with the value; the 10 → 12 bump is pooled into one rate.
    expect(rates[0]).toBeGreaterThan(rates[1]!);
    expect(rates[1]).toBeCloseTo(rates[2]!, 12);
    expect(rates[2]).toBeGreaterThan(rates[3]!);
  });
});

describe("explainBestCut", () => {
  // Fewer than 12 posts: 41 of 200 churned; 12 or more: 10 of 200 (4.0× once smoothed).
  const bins: ChurnBin[] = [
    { min: 0, observations: 100, churned: 22 },
    { min: 5, observations: 100, churned: 19 },
    { min: 12, observations: 100, churned: 6 },
    { min: 30, observations: 100, churned: 4 },
  ];

  it("tells a CSM, in both languages, who churned how much more often", () => {
    const cut = explainBestCut({ name: "eventCount", windowDays: 30, event: "post" }, bins)!;
    expect(cut).toMatchObject({ cut: 12, riskySide: "below" });
    expect(cut.ratio).toBeCloseTo(4, 1);
    expect(cut.explanation).toEqual({
      en: 'Accounts with fewer than 12 "post" events in 30 days churned 4× as often as the others.',
      ja: "30日間の「post」の回数が12回未満の顧客は、それ以外の顧客の4倍の割合で解約しました。",
    });
  });

  it("speaks of the upper side when that is riskier, with the metric's unit", () => {
    const cut = explainBestCut(
      { name: "daysSinceLastSeen" },
      [...bins].reverse().map((bin, i) => ({
        ...bin,
        min: [0, 7, 14, 30][i]!,
      })),
    )!;
    expect(cut.riskySide).toBe("above");
    expect(cut.explanation.en).toBe(
      "Accounts with days since last seen of 14 or more churned 4× as often as the others.",
    );
    expect(cut.explanation.ja).toBe(
      "最終利用からの日数が14日以上の顧客は、それ以外の顧客の4倍の割合で解約しました。",
    );
    const change = explainBestCut({ name: "eventCountChange", windowDays: 30 }, [
      { min: -100, observations: 100, churned: 30 },
      { min: -20, observations: 300, churned: 10 },
    ])!;
    expect(change.explanation.en).toMatch(
      /^Accounts with change in events vs the previous 30 days below -20% churned 8\.\d× as often/,
    );
  });

  it("has nothing to say with one bin or no churner", () => {
    expect(explainBestCut({ name: "mrr" }, [bins[0]!])).toBeNull();
    expect(
      explainBestCut(
        { name: "mrr" },
        bins.map((bin) => ({ ...bin, churned: 0 })),
      ),
    ).toBeNull();
  });

  it("rounds ratios to one decimal below 10 and to whole numbers above", () => {
    expect([formatRatio(4), formatRatio(4.04), formatRatio(4.26), formatRatio(12.6)]).toEqual([
      "4",
      "4",
      "4.3",
      "13",
    ]);
  });
});
