import { z } from "@hono/zod-openapi";
import {
  accountBandFilters,
  accountProfileSchema,
  accountSorts,
  churnSources,
  healthBands,
  normalizeNameReading,
  touchModels,
} from "@michi/core";

export const idParam = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
});

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

export const accountInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200),
    nameKana: z
      .string()
      .max(200)
      .transform((text) => normalizeNameReading(text) || null)
      .nullable()
      .optional()
      .openapi({
        description:
          "The name's reading (フリガナ), without the legal form; stored in katakana (hiragana and half-width kana are converted). The list sorts by it.",
        example: "ミドリヤヒャッカテン",
      }),
    externalId: nullableText(200),
    industry: nullableText(100),
    segment: nullableText(100),
    ownerUserId: z.string().min(1).nullable().optional(),
    touchModel: z.enum(touchModels).nullable().optional(),
    profile: accountProfileSchema.optional(),
  })
  .strict()
  .openapi("AccountInput");

export const accountPatchSchema = accountInputSchema.partial().strict().openapi("AccountPatch");

export const accountChurnSchema = z
  .object({
    churnedOn: z.string().openapi({ description: "The day the account churned (YYYY-MM-DD)" }),
    source: z.enum(churnSources).openapi({
      description:
        "contracts: its last contract ended with no renewal or successor; manual: marked by a person",
    }),
    reason: z
      .string()
      .nullable()
      .openapi({ description: "A key of the workspace's churn reasons (manual marks)" }),
    note: z.string(),
  })
  .openapi("AccountChurn");

export const accountSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    nameKana: z.string().nullable(),
    externalId: z.string().nullable(),
    industry: z.string().nullable(),
    segment: z.string().nullable(),
    ownerUserId: z.string().nullable(),
    touchModel: z.enum(touchModels).nullable(),
    profile: accountProfileSchema,
    churn: accountChurnSchema
      .nullable()
      .openapi({ description: "Null while the account is a customer." }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Account");

/** A list item: the account with its latest health score and current phase (what CS triages by). */
export const accountListItemSchema = accountSchema
  .extend({
    health: z
      .object({
        score: z.number().nullable(),
        band: z.enum(healthBands).nullable(),
        day: z.string().openapi({ description: "The day (UTC) of the latest stored score." }),
      })
      .nullable()
      .openapi({
        description:
          "The latest stored health score on or before today; null when never scored, and for a churned account (a former customer has no current health).",
      }),
    phase: z
      .object({ key: z.string(), since: z.string() })
      .openapi({ description: "The current lifecycle phase and when the stay began." }),
    mrr: z.array(z.object({ currency: z.string(), minor: z.number() })).openapi({
      description: "MRR of the active contracts per currency, in minor units; largest first.",
    }),
    renewalOn: z.string().nullable().openapi({
      description:
        "The next end date (YYYY-MM-DD, today or later) of an active contract; null without one.",
    }),
    planProgress: z.number().nullable().openapi({
      description:
        "The active success plan's progress when it was last saved: done tasks, milestones and measures over all of them, 0–100. Null without an active plan, or when it has none of those.",
    }),
  })
  .openapi("AccountListItem");

export const accountListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().openapi({
    description:
      "Searches account names, their readings (in hiragana or katakana) and external ids.",
  }),
  externalId: z.string().optional().openapi({ description: "Finds the account with this id." }),
  ownerUserId: z.string().optional(),
  segment: z.string().optional(),
  touchModel: z.enum(touchModels).optional(),
  band: z
    .enum(accountBandFilters)
    .optional()
    .openapi({ description: "The latest score's band; none: never scored." }),
  status: z.enum(["customer", "churned", "all"]).default("customer").openapi({
    description: "customer (default): accounts that have not churned; churned; or all.",
  }),
  sort: z.enum(accountSorts).default("name").openapi({
    description:
      "name sorts by the reading when there is one (五十音), else the name; healthScore by the latest score; mrr by the active MRR in the workspace's main currency; renewalOn by the next renewal date. Accounts without a value come last.",
  }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const accountListSchema = z
  .object({ data: z.array(accountListItemSchema), nextCursor: z.string().nullable() })
  .openapi("AccountList");

export type AccountInput = z.infer<typeof accountInputSchema>;
export type AccountPatch = z.infer<typeof accountPatchSchema>;
export type AccountListQuery = z.infer<typeof accountListQuerySchema>;
