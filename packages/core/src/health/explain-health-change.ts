import type { DisplayText } from "../usage/display-text";
import type { HealthMeasureResult, HealthResult } from "./compute-health";

/**
 * What a change is explained from: a computed result, or a stored one (which
 * keeps whole contributions only; its exact contribution is then the whole one).
 */
export type ExplainableHealth = Pick<HealthResult, "score" | "band"> & {
  measures: (Pick<HealthMeasureResult, "key" | "name" | "value" | "points" | "contribution"> &
    Partial<Pick<HealthMeasureResult, "exactContribution">>)[];
};

import type { HealthBand } from "./scorecard";

export type HealthMeasureChange = {
  key: string;
  name: DisplayText;
  valueBefore: number | null;
  valueAfter: number | null;
  pointsBefore: number | null;
  pointsAfter: number | null;
  contributionBefore: number;
  contributionAfter: number;
  /** contributionAfter − contributionBefore, in whole points of the score. */
  contributionChange: number;
  /** The same before rounding, which orders measures whose whole change is equal. */
  exactContributionChange: number;
};

export type HealthChange = {
  scoreBefore: number | null;
  scoreAfter: number | null;
  /** null when either score is null. Equal to the sum of the contribution changes otherwise. */
  scoreChange: number | null;
  bandBefore: HealthBand | null;
  bandAfter: HealthBand | null;
  /** Largest |contribution change| first: the answer to "why did it change?". */
  measures: HealthMeasureChange[];
};

/**
 * Why a score moved between two results (two dates, or a scorecard before and
 * after an edit). Measures are matched by key; one only in one result counts
 * as contributing 0 in the other. Order: |contributionChange| descending,
 * then |exactContributionChange| descending, then the order of `after`'s
 * measures (then `before`'s), so the list is stable for equal changes.
 */
export const explainHealthChange = (
  before: ExplainableHealth,
  after: ExplainableHealth,
): HealthChange => {
  const beforeByKey = new Map(before.measures.map((measure) => [measure.key, measure]));
  const afterByKey = new Map(after.measures.map((measure) => [measure.key, measure]));
  const keys = [
    ...after.measures.map((measure) => measure.key),
    ...before.measures.map((measure) => measure.key).filter((key) => !afterByKey.has(key)),
  ];
  const measures = keys.map((key, order) => {
    const then = beforeByKey.get(key);
    const now = afterByKey.get(key);
    const contributionBefore = then?.contribution ?? 0;
    const contributionAfter = now?.contribution ?? 0;
    return {
      order,
      change: {
        key,
        name: (now ?? then)!.name,
        valueBefore: then?.value ?? null,
        valueAfter: now?.value ?? null,
        pointsBefore: then?.points ?? null,
        pointsAfter: now?.points ?? null,
        contributionBefore,
        contributionAfter,
        contributionChange: contributionAfter - contributionBefore,
        exactContributionChange:
          (now?.exactContribution ?? contributionAfter) -
          (then?.exactContribution ?? contributionBefore),
      },
    };
  });
  measures.sort(
    (a, b) =>
      Math.abs(b.change.contributionChange) - Math.abs(a.change.contributionChange) ||
      Math.abs(b.change.exactContributionChange) - Math.abs(a.change.exactContributionChange) ||
      a.order - b.order,
  );
  return {
    scoreBefore: before.score,
    scoreAfter: after.score,
    scoreChange: before.score === null || after.score === null ? null : after.score - before.score,
    bandBefore: before.band,
    bandAfter: after.band,
    measures: measures.map(({ change }) => change),
  };
};
