import {
  describeComparison,
  formatMetricValue,
  parseMetricKey,
  type RuleOperator,
  operatorSymbols as symbols,
  type UsageLabels,
} from "@michi/core";
import type { UiLanguage } from "./lifecycle.queries";

type Part = {
  metric: string;
  op: RuleOperator;
  value: number;
  actual: number | null;
  /** The metric in words, when the API sends it. */
  label?: string | undefined;
};

/**
 * One comparison of a rule in words ("30日間のアクティブユーザー数 ≥ 3") from
 * the metric key the API answers, with core's own wording and the
 * workspace's names of events and products; an unknown key (a newer server)
 * is shown as written rather than hidden.
 */
export const describePart = (part: Part, lang: UiLanguage, labels?: UsageLabels): string => {
  const parsed = parseMetricKey(part.metric);
  if (!parsed.ok) return `${part.label ?? part.metric} ${symbols[part.op]} ${part.value}`;
  if (part.label) {
    return `${part.label} ${symbols[part.op]} ${formatMetricValue(parsed.ref, part.value, lang)}`;
  }
  return describeComparison({ metric: parsed.ref, op: part.op, value: part.value }, lang, labels);
};

/** The actual value in the metric's unit ("41%", "3日"), or null when there is no data. */
export const formatActual = (part: Part, lang: UiLanguage): string | null => {
  if (part.actual === null) return null;
  const parsed = parseMetricKey(part.metric);
  return parsed.ok ? formatMetricValue(parsed.ref, part.actual, lang) : String(part.actual);
};
