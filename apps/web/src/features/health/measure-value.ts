import { type DisplayLanguage, formatMetricValue, parseMetricKey } from "@michi/core";
import { formatNumber } from "../../lib/format";

/** How a measure is read: the API's kind and metric key of a contribution or a change. */
export type MeasureKind = {
  kind: "metric" | "rating" | null;
  metric: string | null;
};

/**
 * A measure's value as people read it: a metric in its unit ("26.67%",
 * "+12%", "14日"), a CSM's rating out of 5 ("4 / 5"); null when there is no
 * value, for the caller to say why (a rating: not rated; a metric: no data).
 */
export const formatMeasureValue = (
  measure: MeasureKind,
  value: number | null,
  lang: DisplayLanguage,
): string | null => {
  if (value === null) return null;
  if (measure.kind === "rating") return `${formatNumber(value, lang)} / 5`;
  const parsed = measure.metric === null ? null : parseMetricKey(measure.metric);
  return parsed?.ok ? formatMetricValue(parsed.ref, value, lang) : formatNumber(value, lang);
};

/** The words for a measure without a value: a rating not given yet, or a metric without data. */
export const missingValueKey = (measure: MeasureKind) =>
  measure.kind === "rating" ? ("health.notRated" as const) : ("health.noData" as const);
