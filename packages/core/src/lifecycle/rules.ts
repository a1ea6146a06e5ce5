import { z } from "zod";
import type { DisplayLanguage } from "../usage/display-text";
import {
  describeMetric,
  type MetricRef,
  type MetricRefInput,
  type MetricValues,
  metricKey,
  metricRefSchema,
  metricUnit,
  readMetric,
} from "../usage/metric-ref";
import type { UsageLabels } from "../usage/usage-labels";

/*
 * Rules as data: maturity levels, exit criteria and touch-model rules are
 * written by people in the workspace settings and stored as JSON, so they are
 * a small expression tree that is checked with zod and walked by a plain
 * function. Nothing is ever evaluated as code.
 *
 *   { all: [rule, ...] }     every child holds
 *   { any: [rule, ...] }     at least one child holds
 *   { metric, op, value }    a comparison of one metric with a number
 *
 * Semantics:
 * - A missing metric (absent, null, not finite) makes its comparison fail,
 *   whatever the operator, "!=" included: no data never proves a rule.
 * - Comparisons are exact on numbers: "==" on a computed share is rarely what
 *   one wants; prefer ">=".
 * - Groups are never empty (the schema refuses it), so "all of nothing is
 *   true" never lets an account through by accident.
 */

export const ruleOperators = [">=", ">", "<=", "<", "==", "!="] as const;
export type RuleOperator = (typeof ruleOperators)[number];

/** Deepest nesting: a comparison is depth 1, a group one more than its deepest child. */
export const RULE_MAX_DEPTH = 5;
export const RULE_MAX_COMPARISONS = 50;
export const RULE_MAX_CHILDREN = 20;

// A recursive schema needs its type written out; these two mirror the schemas below.
export type RuleComparison = { metric: MetricRef; op: RuleOperator; value: number };
export type MetricRule = { all: MetricRule[] } | { any: MetricRule[] } | RuleComparison;
export type MetricRuleInput =
  | { all: MetricRuleInput[] }
  | { any: MetricRuleInput[] }
  | { metric: MetricRefInput; op: RuleOperator; value: number };

export const ruleComparisonSchema = z.strictObject({
  metric: metricRefSchema,
  op: z.enum(ruleOperators, {
    error: `must be one of ${ruleOperators.map((op) => `"${op}"`).join(", ")}`,
  }),
  value: z.number({ error: "must be a number" }).refine(Number.isFinite, "must be finite"),
});

const children = () =>
  z
    .array(ruleNodeSchema)
    .min(1, "must hold at least one rule")
    .max(RULE_MAX_CHILDREN, `must hold at most ${RULE_MAX_CHILDREN} rules`);

const allSchema = z.strictObject({ all: z.lazy(children) });
const anySchema = z.strictObject({ any: z.lazy(children) });

/**
 * One node of the tree. A plain z.union would answer a typo deep inside with a
 * bare "Invalid input" at the top; choosing the branch by its key first keeps
 * the message and its path precise ("all.1.op: must be one of ...").
 */
const ruleNodeSchema: z.ZodType<MetricRule, MetricRuleInput> = z
  .unknown()
  .transform((value, ctx): MetricRule => {
    const schema =
      typeof value !== "object" || value === null
        ? undefined
        : "all" in value
          ? allSchema
          : "any" in value
            ? anySchema
            : "metric" in value
              ? ruleComparisonSchema
              : undefined;
    if (schema === undefined) {
      ctx.addIssue({
        code: "custom",
        message: "must be { all: [...] }, { any: [...] } or { metric, op, value }",
      });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as MetricRule;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    }
    return z.NEVER;
  }) as unknown as z.ZodType<MetricRule, MetricRuleInput>;

type Shape = { depth: number; comparisons: number };

/**
 * Depth and size of untrusted input, stopping as soon as the limit is passed
 * so that a hostile 10,000-deep document costs no more than a legal one.
 * `isComparison` tells which leaves count against RULE_MAX_COMPARISONS.
 */
const measureShape = (
  value: unknown,
  isComparison: (leaf: object) => boolean,
  depth = 1,
): Shape => {
  if (depth > RULE_MAX_DEPTH || typeof value !== "object" || value === null) {
    return { depth, comparisons: 0 };
  }
  const group = "all" in value ? value.all : "any" in value ? value.any : undefined;
  if (!Array.isArray(group)) return { depth, comparisons: isComparison(value) ? 1 : 0 };
  let deepest = depth;
  let comparisons = 0;
  for (const child of group.slice(0, RULE_MAX_CHILDREN + 1)) {
    const shape = measureShape(child, isComparison, depth + 1);
    deepest = Math.max(deepest, shape.depth);
    comparisons += shape.comparisons;
    if (deepest > RULE_MAX_DEPTH) break;
  }
  return { depth: deepest, comparisons };
};

/** The limits every all/any rule tree keeps (metric rules, playbook conditions), as zod issues. */
export const checkRuleTreeLimits = (
  value: unknown,
  ctx: z.RefinementCtx,
  isComparison: (leaf: object) => boolean,
) => {
  const shape = measureShape(value, isComparison);
  if (shape.depth > RULE_MAX_DEPTH) {
    ctx.addIssue({
      code: "custom",
      message: `rules may nest at most ${RULE_MAX_DEPTH} levels deep`,
    });
  } else if (shape.comparisons > RULE_MAX_COMPARISONS) {
    ctx.addIssue({
      code: "custom",
      message: `a rule may hold at most ${RULE_MAX_COMPARISONS} comparisons`,
    });
  }
};

/**
 * A rule as stored: checked for depth and size before its parts are parsed.
 * Metric names may be given in either MetricRef spelling; the output always
 * holds the object form.
 */
export const metricRuleSchema = z
  .unknown()
  .describe(
    'A rule: { "all": [rule, …] }, { "any": [rule, …] } or { "metric": "activeUsers:30d", "op": ">=", "value": 3 }; ops >=, >, <=, <, ==, !=',
  )
  .superRefine((value, ctx) => checkRuleTreeLimits(value, ctx, (leaf) => "metric" in leaf))
  .pipe(ruleNodeSchema);

export type RulePart = {
  metric: MetricRef;
  /** metricKey(metric), the key it was read under. */
  key: string;
  op: RuleOperator;
  value: number;
  /** The metric's value; null when missing. */
  actual: number | null;
  holds: boolean;
};

export type RuleEvaluation = {
  holds: boolean;
  /** Every comparison in the rule, in the order written, each with its actual value. */
  parts: RulePart[];
};

const compare = (actual: number, op: RuleOperator, value: number): boolean => {
  switch (op) {
    case ">=":
      return actual >= value;
    case ">":
      return actual > value;
    case "<=":
      return actual <= value;
    case "<":
      return actual < value;
    case "==":
      return actual === value;
    case "!=":
      return actual !== value;
  }
};

/**
 * Whether a rule holds on an account's metric values, with every comparison
 * explained. All parts are evaluated (no short-circuit) so that the reasons
 * are complete: "2 of 3 criteria hold, seat use is 41 %, needs 60 %".
 */
export const evaluateRule = (rule: MetricRule, metrics: MetricValues): RuleEvaluation => {
  const parts: RulePart[] = [];
  const holds = walkRule(rule, metrics, parts);
  return { holds, parts };
};

// At module level, with loops rather than map/every: this runs for every rule of every
// account of a full recompute, and a closure per call was a measurable part of it.
const walkRule = (node: MetricRule, metrics: MetricValues, parts: RulePart[]): boolean => {
  if ("all" in node) {
    let holds = true;
    // The child first: every part is evaluated, whatever came before.
    for (const child of node.all) holds = walkRule(child, metrics, parts) && holds;
    return holds;
  }
  if ("any" in node) {
    let holds = false;
    for (const child of node.any) holds = walkRule(child, metrics, parts) || holds;
    return holds;
  }
  const actual = readMetric(metrics, node.metric);
  const holds = actual !== null && compare(actual, node.op, node.value);
  parts.push({
    metric: node.metric,
    key: metricKey(node.metric),
    op: node.op,
    value: node.value,
    actual,
    holds,
  });
  return holds;
};

/** Every metric a rule reads, each once, in the order written. */
export const ruleMetricRefs = (rule: MetricRule): MetricRef[] => {
  const refs = new Map<string, MetricRef>();
  const walk = (node: MetricRule) => {
    if ("all" in node) node.all.forEach(walk);
    else if ("any" in node) node.any.forEach(walk);
    else refs.set(metricKey(node.metric), node.metric);
  };
  walk(rule);
  return [...refs.values()];
};

/** How an operator is written for people (≥ rather than >=). */
export const operatorSymbols: Record<RuleOperator, string> = {
  ">=": "≥",
  ">": ">",
  "<=": "≤",
  "<": "<",
  "==": "=",
  "!=": "≠",
};

const numberFormats = {
  ja: new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }),
};

/** A change against the previous window: its sign is half of what it says. */
const isChange = (ref: MetricRef) =>
  ref.name === "eventCountChange" || ref.name === "activeUsersChange";

/** A metric's value as people read it: "60%", "+12%" (a change), "14 days" / "14日", "3". */
export const formatMetricValue = (ref: MetricRef, value: number, lang: DisplayLanguage): string => {
  const number = numberFormats[lang].format(value);
  switch (metricUnit(ref)) {
    case "percent":
      return `${isChange(ref) && value > 0 ? "+" : ""}${number}%`;
    case "days":
      return lang === "ja" ? `${number}日` : `${number} day${value === 1 ? "" : "s"}`;
    case "level":
      return `Lv.${number}`;
    default:
      return number;
  }
};

/** One comparison as a line: "active users in 30 days ≥ 5"; events and products by their labels. */
export const describeComparison = (
  comparison: Pick<RuleComparison, "metric" | "op" | "value">,
  lang: DisplayLanguage,
  labels?: UsageLabels,
): string =>
  `${describeMetric(comparison.metric, lang, labels)} ${operatorSymbols[comparison.op]} ${formatMetricValue(comparison.metric, comparison.value, lang)}`;

/**
 * A rule in words for screens and printouts:
 * "active users in 30 days ≥ 5 and (seat use ≥ 60% or active days ≥ 15 days)".
 * Nested groups of more than one rule are bracketed; the top level is not.
 */
export const describeRule = (
  rule: MetricRule,
  lang: DisplayLanguage,
  labels?: UsageLabels,
): string => {
  const joiners = {
    all: lang === "ja" ? " かつ " : " and ",
    any: lang === "ja" ? " または " : " or ",
  };
  const walk = (node: MetricRule, nested: boolean): string => {
    if (!("all" in node) && !("any" in node)) return describeComparison(node, lang, labels);
    const [kind, rules] =
      "all" in node ? (["all", node.all] as const) : (["any", node.any] as const);
    if (rules.length === 1) return walk(rules[0]!, nested);
    const text = rules.map((child) => walk(child, true)).join(joiners[kind]);
    return nested ? `(${text})` : text;
  };
  return walk(rule, false);
};
