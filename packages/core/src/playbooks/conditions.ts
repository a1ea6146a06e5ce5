import { z } from "zod";
import { type TouchModel, touchModels } from "../accounts/account-fields";
import { type HealthBand, healthBands } from "../health/scorecard";
import {
  checkRuleTreeLimits,
  evaluateRule,
  RULE_MAX_CHILDREN,
  type RuleComparison,
  type RuleOperator,
  type RulePart,
  ruleComparisonSchema,
  ruleOperators,
} from "../lifecycle/rules";
import type { MetricRefInput, MetricValues } from "../usage/metric-ref";

/*
 * A playbook's conditions are the rule tree of lifecycle/rules.ts (all / any /
 * comparison, same limits, same "no data never proves a rule"), with one more
 * kind of leaf: a field of the account that is not a metric.
 *
 *   { metric: "mrr", op: ">=", value: 300000 }        a metric, evaluated by evaluateRule
 *   { field: "healthScore", op: "<", value: 40 }        the health score (not a metric:
 *                                                       a scorecard cannot read itself)
 *   { field: "healthBand", in: ["red", "insufficientData"] }
 *   { field: "phase" | "touchModel" | "segment" | "owner", in: [...] } or notIn
 *   { field: "planFinding", in: ["overdue"] }           the active plan has such a finding
 *
 * MRR, days to renewal and maturity levels are metrics already (mrr,
 * daysToRenewal, maturityLevel[:product]), so they are written as metric
 * comparisons: one way to say each thing. The metric tree itself is left as
 * it is, because exit criteria, maturity and touch-model rules are evaluated
 * on metrics alone in the health recompute, where a band or an owner leaf
 * could never hold.
 */

/** A band, or "insufficientData" for an account whose score could not be given. */
export const playbookBands = [...healthBands, "insufficientData"] as const;
export type PlaybookBand = (typeof playbookBands)[number];

export const bandOf = (band: HealthBand | null): PlaybookBand => band ?? "insufficientData";

const key = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1 to 64 letters, digits, _ or -");
const text = z.string().trim().min(1, "must not be empty").max(200);

const setOf = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(100);

/** `{ field, in: [...] }` or `{ field, notIn: [...] }`: one of the two. */
const setLeaf = <F extends string, T extends z.ZodType>(field: F, item: T) =>
  z
    .strictObject({
      field: z.literal(field),
      in: setOf(item).optional(),
      notIn: setOf(item).optional(),
    })
    .refine((leaf) => (leaf.in === undefined) !== (leaf.notIn === undefined), {
      message: "must have either `in` or `notIn`",
    });

// Discriminated by `field`, so a mistake is reported inside the leaf it is in.
export const fieldComparisonSchema = z.discriminatedUnion("field", [
  z.strictObject({
    field: z.literal("healthScore"),
    op: z.enum(ruleOperators),
    value: z.number().min(0).max(100),
  }),
  setLeaf("healthBand", z.enum(playbookBands)),
  setLeaf("phase", key),
  setLeaf("touchModel", z.enum(touchModels)),
  setLeaf("segment", text),
  setLeaf("owner", text),
  setLeaf("planFinding", key),
]);
export type FieldComparison = z.infer<typeof fieldComparisonSchema>;
export type ConditionField = FieldComparison["field"];

export type PlaybookCondition =
  | { all: PlaybookCondition[] }
  | { any: PlaybookCondition[] }
  | RuleComparison
  | FieldComparison;
export type PlaybookConditionInput =
  | { all: PlaybookConditionInput[] }
  | { any: PlaybookConditionInput[] }
  | { metric: MetricRefInput; op: RuleOperator; value: number }
  | z.input<typeof fieldComparisonSchema>;

const children = () =>
  z.array(nodeSchema).min(1, "must hold at least one rule").max(RULE_MAX_CHILDREN);
const allSchema = z.strictObject({ all: z.lazy(children) });
const anySchema = z.strictObject({ any: z.lazy(children) });

// Branch by key first, as rules.ts does, so that a typo deep inside is reported where it is.
const nodeSchema: z.ZodType<PlaybookCondition, PlaybookConditionInput> = z
  .unknown()
  .transform((value, ctx): PlaybookCondition => {
    const schema =
      typeof value !== "object" || value === null
        ? undefined
        : "all" in value
          ? allSchema
          : "any" in value
            ? anySchema
            : "metric" in value
              ? ruleComparisonSchema
              : "field" in value
                ? fieldComparisonSchema
                : undefined;
    if (schema === undefined) {
      ctx.addIssue({
        code: "custom",
        message: "must be { all: [...] }, { any: [...] }, { metric, op, value } or { field, ... }",
      });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as PlaybookCondition;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    }
    return z.NEVER;
  }) as unknown as z.ZodType<PlaybookCondition, PlaybookConditionInput>;

/** A condition as stored: the rule tree's limits first, then its parts. */
export const playbookConditionSchema = z
  .unknown()
  .describe(
    'A condition: { "all": [condition, …] }, { "any": [condition, …] }, a metric comparison { "metric": "mrr", "op": ">=", "value": 300000 }, { "field": "healthScore", "op": "<", "value": 40 }, or { "field": "healthBand" | "phase" | "touchModel" | "segment" | "owner" | "planFinding", "in" | "notIn": [ … ] }',
  )
  .superRefine((value, ctx) => checkRuleTreeLimits(value, ctx, () => true))
  .pipe(nodeSchema) as unknown as z.ZodType<PlaybookCondition, PlaybookConditionInput>;

/** What conditions read about an account, besides its metrics. */
export type ConditionFacts = {
  account: {
    ownerUserId: string | null;
    segment: string | null;
    /** The current phase's key. */
    phase: string | null;
    touchModel: TouchModel | null;
  };
  /** The latest score and band; both null for insufficient data. */
  health: { score: number | null; band: HealthBand | null };
  /** The account's metrics of the day, as the health recompute has them (mrr, daysToRenewal, …). */
  metrics: MetricValues;
  /** Codes of the active plan's findings; null when the account has no active plan. */
  planFindings: readonly string[] | null;
};

export type FieldPart = {
  field: ConditionField;
  /** The comparison as written, without `field`. */
  test:
    | { op: RuleOperator; value: number }
    | { in: readonly string[] }
    | { notIn: readonly string[] };
  /** The account's value; null when missing. */
  actual: number | string | readonly string[] | null;
  holds: boolean;
};

export type ConditionPart = ({ kind: "metric" } & RulePart) | ({ kind: "field" } & FieldPart);

export type ConditionEvaluation = { holds: boolean; parts: ConditionPart[] };

const fieldValue = (
  field: Exclude<ConditionField, "healthScore">,
  facts: ConditionFacts,
): string | readonly string[] | null => {
  switch (field) {
    case "healthBand":
      return bandOf(facts.health.band);
    case "phase":
      return facts.account.phase;
    case "touchModel":
      return facts.account.touchModel;
    case "segment":
      return facts.account.segment;
    case "owner":
      return facts.account.ownerUserId;
    case "planFinding":
      return facts.planFindings;
  }
};

const evaluateField = (leaf: FieldComparison, facts: ConditionFacts): FieldPart => {
  if (leaf.field === "healthScore") {
    const actual = facts.health.score;
    const comparison = evaluateRule(
      { metric: { name: "custom", key: "healthScore" }, op: leaf.op, value: leaf.value },
      { "custom:healthScore": actual },
    );
    return {
      field: leaf.field,
      test: { op: leaf.op, value: leaf.value },
      actual,
      holds: comparison.holds,
    };
  }
  const actual = fieldValue(leaf.field, facts);
  const included = leaf.in !== undefined;
  const list: readonly string[] = leaf.in ?? leaf.notIn ?? [];
  const test = included ? { in: list } : { notIn: list };
  // Missing data never proves a rule, "notIn" included (as in rules.ts).
  if (actual === null) return { field: leaf.field, test, actual, holds: false };
  const found =
    typeof actual === "string" ? list.includes(actual) : actual.some((code) => list.includes(code));
  return { field: leaf.field, test, actual, holds: included ? found : !found };
};

/** Whether a condition holds on an account, with every leaf explained (no short-circuit). */
export const evaluatePlaybookCondition = (
  condition: PlaybookCondition,
  facts: ConditionFacts,
): ConditionEvaluation => {
  const parts: ConditionPart[] = [];
  const walk = (node: PlaybookCondition): boolean => {
    if ("all" in node) {
      let holds = true;
      for (const child of node.all) holds = walk(child) && holds;
      return holds;
    }
    if ("any" in node) {
      let holds = false;
      for (const child of node.any) holds = walk(child) || holds;
      return holds;
    }
    if ("metric" in node) {
      // The metric evaluator itself, so metrics mean here what they mean everywhere.
      const evaluation = evaluateRule(node, facts.metrics);
      for (const part of evaluation.parts) parts.push({ kind: "metric", ...part });
      return evaluation.holds;
    }
    const part = evaluateField(node, facts);
    parts.push({ kind: "field", ...part });
    return part.holds;
  };
  const holds = walk(condition);
  return { holds, parts };
};
