import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { beforeAll, describe, expect, it } from "vitest";
import { computeHealth } from "../health/compute-health";
import { defaultScorecard } from "../health/default-scorecard";
import { type Scorecard, scorecardMetricRefs, scorecardSchema } from "../health/scorecard";
import { type MetricRef, metricKey } from "../usage/metric-ref";
import { rocAuc } from "./backtest";
import {
  type FitObservation,
  fitCandidateRefs,
  fitScorecard,
  type ScorecardFit,
} from "./fit-scorecard";
import { generatePlantedChurn, observePlantedChurn, PLANTED_EVENTS } from "./planted-churn";

/** The AUC of a scorecard's scores (computeHealth) over observations that get one. */
const scoreAuc = (observations: readonly FitObservation[], scorecard: Scorecard) => {
  const scored = observations
    .map((observation) => ({
      score: computeHealth(observation.values, scorecard).score,
      churned: observation.churned,
    }))
    .filter((entry): entry is { score: number; churned: boolean } => entry.score !== null);
  return rocAuc(
    scored.map((entry) => entry.score),
    scored.map((entry) => entry.churned),
    "lower-is-positive",
  );
};

describe("fitScorecard on planted churn", () => {
  // 600 accounts over 240 days; a quarter churn, and only their "post" rate fades before.
  let fit: ScorecardFit;
  let observations: FitObservation[];
  let defaultHoldoutAuc: number | null;

  beforeAll(() => {
    const planted = generatePlantedChurn({ seed: 42 });
    const candidates = fitCandidateRefs(PLANTED_EVENTS);
    // The default scorecard's metrics too, so it is scored on what the server would give it.
    observations = observePlantedChurn({
      planted,
      refs: [...candidates, ...scorecardMetricRefs(defaultScorecard)],
    });
    const result = fitScorecard({ candidates, observations, seed: 7, horizonDays: 30 });
    if (!result.ok) throw new Error(result.message);
    fit = result.fit;
    const holdoutDays = new Set(fit.holdoutDays);
    defaultHoldoutAuc = scoreAuc(
      observations.filter((observation) => holdoutDays.has(observation.day)),
      defaultScorecard,
    );
    // Seen: fitted 0.918 (95 % bootstrap 0.893–0.939) on 1,957 held-out observations, from
    // "post" events' 30-day change, "post" events in 7 days and active days in 90 days;
    // the default scorecard 0.533 (0.631 with keyEvent "post": its thresholds are absolute,
    // and the planted decline is relative to each account's own level).
    console.log(
      `planted churn, held-out AUC: fitted ${fit.holdoutAuc?.toFixed(3)}` +
        ` (${fit.holdoutAucInterval?.low.toFixed(3)}–${fit.holdoutAucInterval?.high.toFixed(3)}),` +
        ` default scorecard ${defaultHoldoutAuc?.toFixed(3)}`,
    );
  }, 30_000);

  it("finds the planted event", () => {
    expect(
      fit.measures.some((measure) => "event" in measure.metric && measure.metric.event === "post"),
    ).toBe(true);
  });

  it("predicts churn on held-out days far better than the default scorecard", () => {
    expect(fit.holdoutAuc).toBeGreaterThan(0.8);
    expect(defaultHoldoutAuc).toBeLessThan(0.7);
    expect(fit.holdoutObservations).toBeGreaterThan(1000);
  });

  it("holds out the later days, and leaves out training days whose horizon reaches them", () => {
    expect(fit.trainingDays.at(-1)! < fit.holdoutDays[0]!).toBe(true);
    const days = [...new Set(observations.map((observation) => observation.day))].sort();
    expect(fit.holdoutDays).toEqual(days.slice(-fit.holdoutDays.length));
    // 11 days: 7 would train, but the last two end their 30 days after the first held-out one.
    expect([days.length, fit.trainingDays.length, fit.holdoutDays.length]).toEqual([11, 5, 4]);
  });

  it("is an ordinary scorecard a CSM can read", () => {
    expect(scorecardSchema.parse(fit.scorecard)).toEqual(fit.scorecard);
    expect(fit.scorecard.minCoverage).toBe(0.5);
    expect(fit.measures.reduce((sum, measure) => sum + measure.weight, 0)).toBe(100);
    expect(fit.measures.length).toBeLessThanOrEqual(6);
    for (const measure of fit.scorecard.measures) {
      expect(measure.key).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      if (measure.scoring.kind !== "thresholds") throw new Error("expected thresholds");
      const points = measure.scoring.steps.map((step) => step.points);
      expect(Math.max(...points)).toBe(100);
      expect(Math.min(...points)).toBe(0);
    }
    const post = fit.measures.find(
      (measure) => "event" in measure.metric && measure.metric.event === "post",
    )!;
    expect(post.explanation.en).toMatch(
      /"post" events.* churned [\d.]+× as often as the others\.$/,
    );
    expect(post.explanation.ja).toMatch(/「post」の回数.*倍の割合で解約しました。$/);
  });
});

/**
 * Cheap observations without rollups: `custom:usage` (0–100) tells churn
 * (30 % below 30, 3 % above), `custom:noise` does not.
 */
const buildSyntheticObservations = (seed: number, dayCount = 9): FitObservation[] => {
  const rng = xoroshiro128plus(seed);
  const observations: FitObservation[] = [];
  for (let day = 0; day < dayCount; day++) {
    for (let account = 0; account < 300; account++) {
      const usage = Math.round(uniformFloat64(rng) * 100);
      observations.push({
        day: `2026-0${1 + Math.floor(day / 3)}-${String(1 + (day % 3) * 10).padStart(2, "0")}`,
        churned: uniformFloat64(rng) < (usage < 30 ? 0.3 : 0.03),
        values: { "custom:usage": usage, "custom:noise": Math.round(uniformFloat64(rng) * 100) },
      });
    }
  }
  return observations;
};

const usage: MetricRef = { name: "custom", key: "usage" };
const noise: MetricRef = { name: "custom", key: "noise" };

describe("fitScorecard", () => {
  it("keeps the signal and drops the noise", () => {
    const result = fitScorecard({
      candidates: [noise, usage],
      observations: buildSyntheticObservations(1),
      seed: 1,
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.fit.measures.map((measure) => measure.key)).toEqual(["custom-usage"]);
    expect(result.fit.measures[0]).toMatchObject({ weight: 100, metric: usage });
    expect(result.fit.holdoutAuc).toBeGreaterThan(0.7);
    expect(result.fit.measures[0]!.explanation.en).toMatch(
      /^Accounts with usage below 3\d churned/,
    );
  });

  it("is not moved by anything on the held-out days", () => {
    const observations = buildSyntheticObservations(2);
    const first = fitScorecard({ candidates: [noise, usage], observations, seed: 1 });
    if (!first.ok) throw new Error(first.message);
    const heldOut = new Set(first.fit.holdoutDays);
    // Scramble the held-out days: flip every label and reverse every value.
    const scrambled = observations.map((observation) =>
      heldOut.has(observation.day)
        ? {
            ...observation,
            churned: !observation.churned,
            values: {
              "custom:usage": 100 - observation.values["custom:usage"]!,
              "custom:noise": 5,
            },
          }
        : observation,
    );
    const second = fitScorecard({ candidates: [noise, usage], observations: scrambled, seed: 1 });
    if (!second.ok) throw new Error(second.message);
    expect(second.fit.scorecard).toEqual(first.fit.scorecard);
    expect(second.fit.measures).toEqual(first.fit.measures);
    expect(second.fit.trainingAuc).toBe(first.fit.trainingAuc);
    expect(second.fit.holdoutAuc).not.toBe(first.fit.holdoutAuc);
  });

  it("makes measure keys safe from any event name", () => {
    const ref: MetricRef = { name: "eventCount", windowDays: 30, event: "記事 投稿" };
    const observations = buildSyntheticObservations(3).map((observation) => ({
      ...observation,
      values: { [metricKey(ref)]: observation.values["custom:usage"]! },
    }));
    const result = fitScorecard({ candidates: [ref], observations, seed: 1 });
    if (!result.ok) throw new Error(result.message);
    expect(result.fit.scorecard.measures[0]).toMatchObject({
      key: "eventCount-30d",
      name: { ja: "30日間の「記事 投稿」の回数", en: '"記事 投稿" events in 30 days' },
    });
  });

  it("says why it cannot fit", () => {
    const observations = buildSyntheticObservations(4);
    const oneDay = observations.filter((observation) => observation.day === observations[0]!.day);
    expect(fitScorecard({ candidates: [usage], observations: oneDay, seed: 1 })).toMatchObject({
      ok: false,
      reason: "too-few-days",
    });
    const lateChurnOnly = observations.map((observation) => ({
      ...observation,
      churned: observation.churned && observation.day >= "2026-03-01",
    }));
    expect(
      fitScorecard({ candidates: [usage], observations: lateChurnOnly, seed: 1 }),
    ).toMatchObject({ ok: false, reason: "no-churn-in-training" });
    expect(
      fitScorecard({ candidates: [noise], observations, seed: 1, horizonDays: 365 }),
    ).toMatchObject({ ok: false, reason: "too-few-days" });
    const flat = observations.map((observation) => ({
      ...observation,
      values: { "custom:usage": 1 },
    }));
    expect(fitScorecard({ candidates: [usage], observations: flat, seed: 1 })).toMatchObject({
      ok: false,
      reason: "no-usable-measure",
    });
  });
});

describe("fitCandidateRefs", () => {
  it("tries each event's counts and change, then the account-wide metrics", () => {
    const refs = fitCandidateRefs(["post", "view", "post"]).map(metricKey);
    expect(refs).toEqual([
      "eventCount:7d:post",
      "eventCount:30d:post",
      "eventCount:90d:post",
      "eventCountChange:30d:post",
      "eventCount:7d:view",
      "eventCount:30d:view",
      "eventCount:90d:view",
      "eventCountChange:30d:view",
      "totalEvents:7d",
      "totalEvents:30d",
      "totalEvents:90d",
      "activeUsers:30d",
      "activeDays:7d",
      "activeDays:30d",
      "activeDays:90d",
      "eventCountChange:30d",
      "daysSinceLastSeen",
      "mrr",
      "licensedSeats",
      "seatUtilisation:30d",
    ]);
  });
});
