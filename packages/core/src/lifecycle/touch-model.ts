import { z } from "zod";
import { type TouchModel, touchModels } from "../accounts/account-fields";
import { displayTextSchema } from "../usage/display-text";
import type { MetricValues } from "../usage/metric-ref";
import { evaluateRule, metricRuleSchema, type RuleEvaluation } from "./rules";

/*
 * Touch-model assignment (seed 004): high touch for the accounts that weigh
 * most in LTV (or whose product is complex), low touch 1:N, tech touch by
 * mail and content, community touch among customers. A workspace writes
 * ordered rules; the first that matches wins, else the default. MRR and
 * maturity are metrics (mrr, maturityLevel[:product]) so they use the same
 * rule form as everything else; the segment is text, matched from a list.
 */

export const touchModelRuleSchema = z.strictObject({
  name: displayTextSchema.optional(),
  model: z.enum(touchModels),
  /** Matches only accounts in one of these segments; absent: any segment. */
  segments: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  /** Matches only when the rule holds; absent: no condition on metrics. */
  rule: metricRuleSchema.optional(),
});
export type TouchModelRule = z.infer<typeof touchModelRuleSchema>;

export const touchModelPolicySchema = z.strictObject({
  rules: z.array(touchModelRuleSchema).max(50),
  default: z.enum(touchModels),
});
export type TouchModelPolicy = z.infer<typeof touchModelPolicySchema>;

export type TouchModelRuleResult = {
  index: number;
  model: TouchModel;
  /** null when the rule names no segments. */
  segmentMatches: boolean | null;
  /** null when the rule has no metric condition. */
  rule: RuleEvaluation | null;
  matches: boolean;
};

export type TouchModelAssignment = {
  touchModel: TouchModel;
  /** Index of the rule that matched; null when the default applied. */
  matchedRule: number | null;
  /** The rules tried, in order, up to and including the one that matched. */
  tried: TouchModelRuleResult[];
};

/** The touch model for an account: the first matching rule's, else the default. */
export const assignTouchModel = (
  policy: TouchModelPolicy,
  account: { segment?: string | null; metrics: MetricValues },
): TouchModelAssignment => {
  const tried: TouchModelRuleResult[] = [];
  for (const [index, rule] of policy.rules.entries()) {
    const segmentMatches =
      rule.segments === undefined
        ? null
        : account.segment !== undefined &&
          account.segment !== null &&
          rule.segments.includes(account.segment);
    const evaluation = rule.rule === undefined ? null : evaluateRule(rule.rule, account.metrics);
    const matches = segmentMatches !== false && (evaluation === null || evaluation.holds);
    tried.push({ index, model: rule.model, segmentMatches, rule: evaluation, matches });
    if (matches) return { touchModel: rule.model, matchedRule: index, tried };
  }
  return { touchModel: policy.default, matchedRule: null, tried };
};

/**
 * A starting policy, in yen (MRR is in the workspace currency's major units):
 * the largest accounts get high touch, mid-size low touch, mature smaller
 * accounts community touch, the rest tech touch.
 */
export const defaultTouchModelPolicy: TouchModelPolicy = touchModelPolicySchema.parse({
  rules: [
    {
      name: { ja: "大口顧客", en: "Large accounts" },
      model: "high",
      rule: { metric: "mrr", op: ">=", value: 300_000 },
    },
    {
      name: { ja: "中規模顧客", en: "Mid-size accounts" },
      model: "low",
      rule: { metric: "mrr", op: ">=", value: 50_000 },
    },
    {
      name: { ja: "成熟した顧客", en: "Mature accounts" },
      model: "community",
      rule: { metric: "maturityLevel", op: ">=", value: 3 },
    },
  ],
  default: "tech",
});

export type TouchModelSpread = Record<TouchModel, { accounts: number; mrr: number }>;

/** How accounts and revenue spread over the touch models, for the portfolio view. */
export const summariseTouchModels = (
  accounts: readonly { touchModel: TouchModel; mrr: number | null }[],
): TouchModelSpread => {
  const spread = Object.fromEntries(
    touchModels.map((model) => [model, { accounts: 0, mrr: 0 }]),
  ) as TouchModelSpread;
  for (const { touchModel, mrr } of accounts) {
    spread[touchModel].accounts += 1;
    spread[touchModel].mrr += mrr ?? 0;
  }
  return spread;
};
