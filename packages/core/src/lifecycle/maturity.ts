import { z } from "zod";
import {
  type DisplayLanguage,
  type DisplayText,
  displayTextSchema,
  localizeText,
} from "../usage/display-text";
import type { MetricValues } from "../usage/metric-ref";
import { displayNameOf, type UsageLabels } from "../usage/usage-labels";
import { evaluateRule, metricRuleSchema, type RuleEvaluation, type RulePart } from "./rules";

/*
 * The maturity curve (seed 004, マチュリティカーブ): per product, levels
 * Lv.1..n of how deeply the customer uses it, each defined by a rule on
 * metrics. Seed 004's example for a paper-to-web document product:
 *   Lv.1 one department sends one document type to pilot partners
 *   Lv.2 several departments, several document types
 *   Lv.3 all departments, no paper sent
 *   Lv.4 partners are moved to electronic too, no paper received
 */

export const MATURITY_MAX_LEVELS = 20;

export const maturityLevelSchema = z.strictObject({
  level: z.number().int().min(1),
  name: displayTextSchema,
  description: displayTextSchema.optional(),
  rule: metricRuleSchema,
});
export type MaturityLevelDefinition = z.infer<typeof maturityLevelSchema>;

/** A product's levels, numbered 1..n in order, so "Lv.3" means the same in rules and charts. */
export const maturityLevelsSchema = z
  .array(maturityLevelSchema)
  .min(1, "must define at least one level")
  .max(MATURITY_MAX_LEVELS)
  .superRefine((levels, ctx) => {
    levels.forEach((level, index) => {
      if (level.level !== index + 1) {
        ctx.addIssue({
          code: "custom",
          path: [index, "level"],
          message: `must be ${index + 1}: levels are numbered 1, 2, 3, … in order`,
        });
      }
    });
  });

export const maturityModelSchema = z.strictObject({
  /** The product's key, as in maturityLevel:<product>. */
  product: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1 to 64 letters, digits, _, . or -"),
  /** The product's name on screen (e.g. "Michi Docs"); the key when absent. */
  name: displayTextSchema.optional(),
  levels: maturityLevelsSchema,
});
export type MaturityModel = z.infer<typeof maturityModelSchema>;

/**
 * A maturity model's product as people read it: the workspace's label of the
 * product (what every rule naming it shows), else the model's own name, else
 * the key.
 */
export const maturityProductName = (
  model: Pick<MaturityModel, "product" | "name">,
  labels: UsageLabels | undefined,
  lang: DisplayLanguage,
): string => {
  const labelled = displayNameOf(labels, "product", model.product, lang);
  if (labelled !== model.product) return labelled;
  return (model.name && localizeText(model.name, lang)) || model.product;
};

export type MaturityDecision = {
  /** The highest level whose rule holds; 0 when none does (not started). */
  level: number;
  name: DisplayText | null;
  /** Every level's evaluation, Lv.1 first. */
  levels: (RuleEvaluation & { level: number })[];
  /** The level above, with the comparisons still unmet; null at the top. */
  next: { level: number; name: DisplayText; unmet: RulePart[]; parts: RulePart[] } | null;
};

/**
 * An account's maturity level: the highest level whose rule holds, as asked.
 * A lower level need not hold too (rules written per level may overlap
 * unevenly); `levels` shows each, so a gap is visible. `next` is what the
 * CSM works on: the level above and which of its comparisons do not hold yet.
 */
export const decideMaturityLevel = (
  levels: readonly MaturityLevelDefinition[],
  metrics: MetricValues,
): MaturityDecision => {
  const evaluated = levels.map((definition) => ({
    level: definition.level,
    ...evaluateRule(definition.rule, metrics),
  }));
  let reached = 0;
  evaluated.forEach((evaluation, index) => {
    if (evaluation.holds) reached = index + 1;
  });
  const current = reached === 0 ? null : levels[reached - 1]!;
  const above = levels[reached];
  const aboveEvaluation = evaluated[reached];
  return {
    level: current?.level ?? 0,
    name: current?.name ?? null,
    levels: evaluated,
    next:
      above === undefined || aboveEvaluation === undefined
        ? null
        : {
            level: above.level,
            name: above.name,
            unmet: aboveEvaluation.parts.filter((part) => !part.holds),
            parts: aboveEvaluation.parts,
          },
  };
};

/**
 * Levels a product starts from before its team writes its own: generic
 * breadth and depth of use, from the metrics every product has. Seed 004's
 * own levels are product-specific (departments, document types) and are
 * written with custom metrics, e.g. custom:departments >= 2.
 */
export const defaultMaturityLevels: MaturityLevelDefinition[] = maturityLevelsSchema.parse([
  {
    level: 1,
    name: { ja: "試用", en: "First use" },
    description: {
      ja: "一部の利用者が使い始めている",
      en: "A few people have started to use it",
    },
    rule: { metric: "activeUsers:30d", op: ">=", value: 1 },
  },
  {
    level: 2,
    name: { ja: "部分利用", en: "Partial use" },
    description: {
      ja: "複数の利用者が複数の機能を使っている",
      en: "Several people use several features",
    },
    rule: {
      all: [
        { metric: "seatUtilisation:30d", op: ">=", value: 30 },
        { metric: "distinctEvents:30d", op: ">=", value: 3 },
      ],
    },
  },
  {
    level: 3,
    name: { ja: "定着", en: "Established" },
    description: {
      ja: "多くの利用者が日常的に使っている",
      en: "Most people use it as part of their routine",
    },
    rule: {
      all: [
        { metric: "seatUtilisation:30d", op: ">=", value: 60 },
        { metric: "activeDays:30d", op: ">=", value: 12 },
        { metric: "distinctEvents:30d", op: ">=", value: 5 },
      ],
    },
  },
  {
    level: 4,
    name: { ja: "活用", en: "Advanced" },
    description: {
      ja: "幅広い機能を使い、成果指標が目標に近づいている",
      en: "Broad use of features, and the plan's KPIs are close to target",
    },
    rule: {
      all: [
        { metric: "seatUtilisation:30d", op: ">=", value: 75 },
        { metric: "distinctEvents:30d", op: ">=", value: 8 },
        { metric: "openKpiProgress", op: ">=", value: 70 },
      ],
    },
  },
]);

/** The product key of the model a workspace has before it writes its own. */
export const DEFAULT_MATURITY_PRODUCT = "default";

/** A workspace's maturity models until it stores its own: one product, the default levels. */
export const defaultMaturityModels: MaturityModel[] = [
  maturityModelSchema.parse({
    product: DEFAULT_MATURITY_PRODUCT,
    name: { ja: "製品", en: "Product" },
    levels: defaultMaturityLevels,
  }),
];

/** A workspace's maturity models: product keys unique, at most 20 products. */
export const maturityModelsSchema = z
  .array(maturityModelSchema)
  .max(20)
  .superRefine((models, ctx) => {
    const seen = new Set<string>();
    models.forEach((model, index) => {
      if (seen.has(model.product)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "product"],
          message: `repeats the product "${model.product}"`,
        });
      }
      seen.add(model.product);
    });
  });
