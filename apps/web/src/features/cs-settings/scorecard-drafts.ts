import {
  describeMetric,
  type MetricRef,
  type ScorecardMeasure,
  type UsageLabels,
  type WorkspaceScorecard,
} from "@michi/core";
import { defaultMetric } from "./metric-refs";

const unusedKey = (prefix: string, taken: readonly string[]) => {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
};

export const newMetricMeasure = (taken: readonly string[]): ScorecardMeasure => ({
  kind: "metric",
  key: unusedKey("measure", taken),
  name: "",
  metric: defaultMetric,
  scoring: { kind: "linear", from: 0, to: 10, fromPoints: 0, toPoints: 100 },
  weight: 1,
});

export const newRatingMeasure = (taken: readonly string[]): ScorecardMeasure => ({
  kind: "rating",
  key: unusedKey("rating", taken),
  name: "",
  scoring: { kind: "linear", from: 1, to: 5, fromPoints: 0, toPoints: 100 },
  weight: 1,
});

/**
 * A measure for a key event: its 30-day count, scored 0 at none and 100 at
 * what an account sending it does in 30 days on average (its 90-day volume
 * over the accounts that send it, a third of it), which the CSM then tunes.
 */
export const newEventMeasure = (
  taken: readonly string[],
  suggestion: { event: string; count: number; accounts: number },
  labels?: UsageLabels,
): ScorecardMeasure => {
  const metric: MetricRef = { name: "eventCount", windowDays: 30, event: suggestion.event };
  const perAccount = suggestion.accounts > 0 ? suggestion.count / suggestion.accounts / 3 : 0;
  const slug = suggestion.event
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
  const base = slug ? `event-${slug}` : "event";
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}-${n}`;
  const en = describeMetric(metric, "en", labels);
  return {
    kind: "metric",
    key,
    name: {
      ja: describeMetric(metric, "ja", labels),
      en: en.charAt(0).toUpperCase() + en.slice(1),
    },
    metric,
    scoring: {
      kind: "linear",
      from: 0,
      to: Math.max(1, Math.round(perAccount)),
      fromPoints: 0,
      toPoints: 100,
    },
    weight: 1,
  };
};

/** A new scorecard: a copy of the default one, for every account until narrowed. */
export const newScorecard = (
  taken: readonly string[],
  from: WorkspaceScorecard["scorecard"],
): WorkspaceScorecard => ({
  key: unusedKey("scorecard", taken),
  scorecard: JSON.parse(JSON.stringify(from)) as WorkspaceScorecard["scorecard"],
  appliesTo: {},
});

/** Moves one item of a list by delta places; out of range is a no-op. */
export const moveItem = <T>(list: readonly T[], index: number, delta: number): T[] => {
  const target = index + delta;
  if (target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
};
