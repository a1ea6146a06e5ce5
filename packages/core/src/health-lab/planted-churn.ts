import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import type { MetricRef } from "../usage/metric-ref";
import { addCalendarDays, computeMetricValues, type DailyRollup } from "../usage/metrics";
import type { FitObservation } from "./fit-scorecard";

/*
 * Test data with a churn signal planted where we know it is: for tests of
 * the Health Lab (exported as @michi/core/synthetic, not from index). Accounts of 1–8 users send
 * "post", "view", "login" and "export" events every day with noise; a
 * quarter churn on a random day, and for 60 days before that only their
 * "post" rate fades (the others stay as they were). A fit that works finds
 * "post"; a scorecard that does not look at it should see little.
 */

export const PLANTED_EVENTS = ["post", "view", "login", "export"] as const;

export type PlantedAccount = {
  id: string;
  seats: number;
  mrr: number;
  /** Index of the day it churned (no events from then on); null when it stayed. */
  churnDay: number | null;
  rollups: DailyRollup[];
};

export type PlantedChurn = { days: string[]; accounts: PlantedAccount[] };

const between = (rng: RandomGenerator, low: number, high: number) =>
  low + (high - low) * uniformFloat64(rng);

/** A standard normal draw (Box–Muller). */
const drawNormal = (rng: RandomGenerator) =>
  Math.sqrt(-2 * Math.log(1 - uniformFloat64(rng))) * Math.cos(2 * Math.PI * uniformFloat64(rng));

/** A Poisson draw: Knuth's product of uniforms when small, the normal approximation when large. */
const drawPoisson = (rng: RandomGenerator, mean: number): number => {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * drawNormal(rng)));
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = uniformFloat64(rng); product > limit; product *= uniformFloat64(rng)) count++;
  return count;
};

/** How much of its usual "post" rate an account keeps on a day: fading to 0 over 60 days before churn. */
const postShare = (day: number, churnDay: number | null) =>
  churnDay === null || day < churnDay - 60 ? 1 : Math.max(0, (churnDay - day) / 60);

export const generatePlantedChurn = ({
  seed,
  accountCount = 600,
  dayCount = 240,
  firstDay = "2025-01-06",
}: {
  seed: number;
  accountCount?: number;
  dayCount?: number;
  firstDay?: string;
}): PlantedChurn => {
  const rng = xoroshiro128plus(seed);
  const days = Array.from({ length: dayCount }, (_, index) => addCalendarDays(firstDay, index));
  const accounts = Array.from({ length: accountCount }, (_, a): PlantedAccount => {
    const users = uniformInt(rng, 1, 8);
    const seats = users + uniformInt(rng, 0, 4);
    const churnDay = uniformFloat64(rng) < 0.25 ? uniformInt(rng, 60, dayCount - 1) : null;
    // Noise that looks like the signal: some accounts that stay post half as much for a month.
    const dipStart =
      churnDay === null && uniformFloat64(rng) < 0.1 ? uniformInt(rng, 0, dayCount - 30) : null;
    const activeChance = between(rng, 0.4, 0.9);
    const rates = {
      post: between(rng, 0.5, 1.5),
      view: between(rng, 3, 8),
      login: 1,
      export: between(rng, 0, 0.3),
    };
    const rollups: DailyRollup[] = [];
    for (let day = 0; day < (churnDay ?? dayCount); day++) {
      const weekend = day % 7 >= 5;
      const activeUserIds: string[] = [];
      for (let user = 1; user <= users; user++) {
        if (uniformFloat64(rng) < activeChance * (weekend ? 0.3 : 1))
          activeUserIds.push(`u${user}`);
      }
      if (activeUserIds.length === 0) continue;
      // Busy and quiet days move all events together.
      const busy = Math.exp(0.25 * drawNormal(rng));
      const dip = dipStart !== null && day >= dipStart && day < dipStart + 30 ? 0.5 : 1;
      const eventCounts: Record<string, number> = {};
      for (const event of PLANTED_EVENTS) {
        const share = event === "post" ? postShare(day, churnDay) * dip : 1;
        const count = drawPoisson(rng, rates[event] * activeUserIds.length * busy * share);
        if (count > 0) eventCounts[event] = count;
      }
      rollups.push({ day: days[day]!, eventCounts, activeUserIds });
    }
    return { id: `a${a + 1}`, seats, mrr: seats * 3000, churnDay, rollups };
  });
  return { days, accounts };
};

/**
 * Observations every `everyDays` from `fromDay` while `horizonDays` of
 * future remain: each account not yet churned, labelled by whether it
 * churns within the horizon, with the asked metrics as of that day.
 */
export const observePlantedChurn = ({
  planted,
  refs,
  fromDay = 60,
  everyDays = 14,
  horizonDays = 30,
}: {
  planted: PlantedChurn;
  refs: readonly MetricRef[];
  fromDay?: number;
  everyDays?: number;
  horizonDays?: number;
}): FitObservation[] => {
  const observations: FitObservation[] = [];
  for (let day = fromDay; day + horizonDays < planted.days.length; day += everyDays) {
    const asOf = planted.days[day]!;
    for (const account of planted.accounts) {
      if (account.churnDay !== null && account.churnDay <= day) continue;
      observations.push({
        day: asOf,
        churned: account.churnDay !== null && account.churnDay <= day + horizonDays,
        values: computeMetricValues(
          { rollups: account.rollups, asOf, seats: account.seats, mrr: account.mrr },
          refs,
        ),
      });
    }
  }
  return observations;
};
