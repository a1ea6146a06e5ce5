import { z } from "@hono/zod-openapi";
import {
  displayTextSchema,
  healthBands,
  type MaturityModel,
  type maturityModelSchema,
  type Phase,
  phaseModes,
  type phaseSchema,
  type Scorecard,
  type ScorecardAppliesTo,
  type ScorecardInput,
  type TouchModelPolicy,
  type touchModelPolicySchema,
  type WorkspaceScorecard,
  type WorkspaceScorecardInput,
} from "@michi/core";

type PhaseInput = z.input<typeof phaseSchema>;
type MaturityModelInput = z.input<typeof maturityModelSchema>;
type TouchModelPolicyInput = z.input<typeof touchModelPolicySchema>;

/*
 * Definitions (scorecards, phases, maturity models, touch-model policy) are
 * not validated by the routes: the service parses them with core's schemas,
 * which report every problem at once with pointers into the body. Here they
 * are typed for the client and described for the OpenAPI document.
 */
const definition = <T>(description: string, type: "object" | "array" = "object") =>
  z.custom<T>(() => true).openapi({ type, description });

const displayText = z
  .union([z.string(), z.object({ ja: z.string(), en: z.string() })])
  .openapi({ description: 'A plain text, or { "ja": "…", "en": "…" }' });

const workspaceScorecards = definition<WorkspaceScorecard[]>(
  "The workspace's scorecards, tried in order: an account gets the first whose appliesTo matches its segment and phase.",
  "array",
);

export const scorecardsSchema = z
  .object({
    scorecards: workspaceScorecards,
    defaultScorecard: definition<Scorecard>(
      "Core's default scorecard: for accounts no scorecard applies to (every account when the list is empty).",
    ),
  })
  .openapi("Scorecards");

export const scorecardsPutSchema = z
  .object({
    scorecards: definition<WorkspaceScorecardInput[]>(
      "Each { key, scorecard, appliesTo: { segments?, phases? } }; empty: core's default for everyone.",
      "array",
    ),
  })
  .strict()
  .openapi("ScorecardsPut");

export const scorecardPreviewInputSchema = z
  .object({
    scorecard: definition<ScorecardInput>("The candidate scorecard"),
    appliesTo: definition<ScorecardAppliesTo>(
      "Which accounts to score: { segments?, phases? }; absent: every account",
    ).optional(),
  })
  .strict()
  .openapi("ScorecardPreviewInput");

const scoreSchema = z.object({
  score: z.number().int().nullable(),
  band: z.enum(healthBands).nullable(),
});
const distributionSchema = z.object({
  red: z.number().int(),
  yellow: z.number().int(),
  green: z.number().int(),
  none: z.number().int().openapi({ description: "Accounts without a score (too little known)" }),
});

export const scorecardPreviewSchema = z
  .object({
    evaluated: z.number().int().openapi({ description: "Accounts the candidate was applied to" }),
    current: distributionSchema.openapi({ description: "Their latest stored scores" }),
    preview: distributionSchema.openapi({ description: "Their scores under the candidate, now" }),
    rows: z
      .array(
        z.object({
          accountId: z.string(),
          name: z.string(),
          current: scoreSchema.nullable(),
          preview: scoreSchema.extend({
            contributions: z.array(
              z.object({
                measure: z.string(),
                name: displayText,
                value: z.number().nullable(),
                points: z.number().nullable(),
                weight: z.number(),
                contribution: z.number().int(),
              }),
            ),
          }),
        }),
      )
      .openapi({ description: "At most 50, the largest change first" }),
  })
  .openapi("ScorecardPreview");

export const phaseSettingsSchema = z
  .object({
    phases: definition<Phase[]>("The phases in order, each with its exit criteria", "array"),
    mode: z.enum(phaseModes),
    custom: z.boolean().openapi({ description: "false: core's default phases" }),
    accountsByPhase: z
      .record(z.string(), z.number().int())
      .openapi({ description: "Accounts in each phase now" }),
  })
  .openapi("PhaseSettings");

export const phaseSettingsPutSchema = z
  .object({
    phases: definition<PhaseInput[] | null>(
      "The phases in order; null: back to core's default; absent: unchanged",
      "array",
    ).optional(),
    mode: z.enum(phaseModes).optional(),
  })
  .strict()
  .openapi("PhaseSettingsPut");

export const maturityModelsSettingsSchema = z
  .object({
    models: definition<MaturityModel[]>("One model (levels 1..n) per product", "array"),
    custom: z.boolean().openapi({ description: "false: core's default model" }),
  })
  .openapi("MaturityModelsSettings");

export const maturityModelsPutSchema = z
  .object({
    models: definition<MaturityModelInput[]>("Empty: back to core's default model", "array"),
  })
  .strict()
  .openapi("MaturityModelsPut");

export const touchModelPolicySettingsSchema = z
  .object({
    policy: definition<TouchModelPolicy>(
      "{ rules: [{ model, segments?, rule? }], default }; null: touch models are set by hand only",
    ).nullable(),
  })
  .openapi("TouchModelPolicySettings");

export const touchModelPolicyPutSchema = z
  .object({
    policy: definition<TouchModelPolicyInput>("null: touch models by hand only").nullable(),
  })
  .strict()
  .openapi("TouchModelPolicyPut");

export const USAGE_RETENTION_MIN_DAYS = 30;
export const USAGE_RETENTION_MAX_DAYS = 3650;

export const usageSettingsSchema = z
  .object({
    retentionDays: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Raw usage events older than this are deleted; null: kept forever" }),
  })
  .openapi("UsageSettings");

export const usageSettingsPutSchema = z
  .object({
    retentionDays: z
      .number()
      .int("must be a whole number of days")
      .min(USAGE_RETENTION_MIN_DAYS, `must be at least ${USAGE_RETENTION_MIN_DAYS} days`)
      .max(USAGE_RETENTION_MAX_DAYS, `must be at most ${USAGE_RETENTION_MAX_DAYS} days`)
      .nullable(),
  })
  .strict()
  .openapi("UsageSettingsPut");

export const churnReasonsSettingsSchema = z
  .object({
    reasons: z.array(z.object({ key: z.string(), label: displayTextSchema })),
    custom: z.boolean().openapi({ description: "false: core's default list is in use" }),
    defaultReasons: z.array(z.object({ key: z.string(), label: displayTextSchema })),
  })
  .openapi("ChurnReasons");

export const churnReasonsPutSchema = z
  .object({
    reasons: z.unknown().openapi({
      description:
        'The reasons in order, e.g. [{ "key": "price", "label": { "ja": "価格", "en": "Price" } }]; null: back to the default list',
    }),
  })
  .strict()
  .openapi("ChurnReasonsPut");

const picklistOptionOut = z.object({ value: z.string(), label: displayTextSchema });

export const accountPicklistsSettingsSchema = z
  .object({
    industry: z.array(picklistOptionOut),
    segment: z.array(picklistOptionOut),
  })
  .openapi("AccountPicklists");

export const accountPicklistsPutSchema = z
  .object({
    industry: z.unknown().openapi({
      description:
        'The industries in order, e.g. [{ "value": "retail", "label": { "ja": "小売", "en": "Retail" } }]; [] leaves the field free text',
    }),
    segment: z.unknown().openapi({ description: "The segments in order, as industry" }),
  })
  .strict()
  .openapi("AccountPicklistsPut");

const usageLabelOut = z.object({ ja: z.string().optional(), en: z.string().optional() });

export const usageLabelsSettingsSchema = z
  .object({
    events: z
      .record(z.string(), usageLabelOut)
      .openapi({ description: "Display names by event name (Segment's event)" }),
    products: z
      .record(z.string(), usageLabelOut)
      .openapi({ description: "Display names by product key (as in maturityLevel:<product>)" }),
    known: z
      .object({
        events: z.array(z.string()),
        products: z.array(z.string()),
      })
      .openapi({
        description:
          "Names there are to label: events sent in the last 30 days or read by a rule, products of the maturity models or a rule, and those labelled",
      }),
  })
  .openapi("UsageLabels");

export const usageLabelsPutSchema = z
  .object({
    events: z.unknown().openapi({
      description:
        'By event name, e.g. { "document_created": { "ja": "文書作成", "en": "Document created" } }; either language may be left out',
    }),
    products: z
      .unknown()
      .openapi({ description: 'By product key, e.g. { "docs": { "ja": "文書" } }' }),
  })
  .strict()
  .openapi("UsageLabelsPut");
