import { z } from "@hono/zod-openapi";
import { healthBands, touchModels } from "@michi/core";

export const portfolioQuerySchema = z.object({
  owner: z.string().min(1).max(200).optional().openapi({ description: "Owner's user id" }),
  segment: z.string().trim().min(1).max(100).optional(),
  touchModel: z.enum(touchModels).optional(),
  lang: z.enum(["ja", "en"]).default("ja").openapi({ description: "Language of the names" }),
});
export type PortfolioQuery = z.infer<typeof portfolioQuerySchema>;

const moneySchema = z.array(z.object({ currency: z.string(), minor: z.number() })).openapi({
  description:
    "MRR of active contracts per currency, in minor units, largest first (currencies are never added together)",
});

const bandCounts = {
  red: z.number().int(),
  yellow: z.number().int(),
  green: z.number().int(),
  none: z
    .number()
    .int()
    .openapi({ description: "Accounts without a score (or with too little data)" }),
};

export const portfolioSchema = z
  .object({
    asOf: z.string().openapi({ example: "2026-11-23", description: "Today (UTC)" }),
    accounts: z.number().int(),
    mrr: moneySchema,
    segments: z.array(z.string()).openapi({ description: "Segments in use, for the filter" }),
    health: z.object({
      distribution: z
        .object(bandCounts)
        .openapi({ description: "Each account's latest score (on or before today) by band" }),
      averageScore: z.number().nullable(),
      trend: z
        .array(z.object({ day: z.string(), ...bandCounts, averageScore: z.number().nullable() }))
        .openapi({
          description:
            "The last 90 days: each day's scores by band (the daily recompute scores every account; an account without a score that day counts as none). Days nothing was scored are left out; today is each account's latest score, as in distribution.",
        }),
    }),
    phases: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        accounts: z.number().int(),
        mrr: moneySchema,
        medianDaysInPhase: z
          .number()
          .nullable()
          .openapi({ description: "Median days of completed stays; null when none is completed" }),
        completedStays: z.number().int(),
      }),
    ),
    maturity: z.array(
      z.object({
        product: z.string(),
        name: z.string(),
        levels: z.array(
          z.object({
            level: z.number().int().openapi({ description: "0: not started" }),
            name: z.string(),
            accounts: z.number().int(),
          }),
        ),
      }),
    ),
    touchModels: z.array(
      z.object({
        model: z.enum(touchModels).nullable().openapi({ description: "null: not assigned" }),
        accounts: z.number().int(),
        mrr: moneySchema,
      }),
    ),
    atRisk: z
      .array(
        z.object({
          accountId: z.string(),
          name: z.string(),
          owner: z.object({ id: z.string(), name: z.string() }).nullable(),
          score: z.number().int().nullable(),
          band: z.enum(healthBands).nullable(),
          change: z
            .number()
            .int()
            .nullable()
            .openapi({ description: "Against the score 30 days ago; null without one" }),
          reasons: z.array(
            z.object({
              measure: z.string(),
              name: z.string(),
              contributionChange: z.number().int().nullable(),
              points: z.number().nullable(),
            }),
          ),
        }),
      )
      .openapi({
        description:
          "At most 50: red accounts first, then those falling most over 30 days. Reasons: the measures that lost most, or the lowest-scoring ones when there is nothing to compare.",
      }),
    tasks: z
      .array(
        z.object({
          owner: z.object({ id: z.string(), name: z.string() }).nullable(),
          open: z.number().int(),
          overdue: z.number().int(),
        }),
      )
      .openapi({
        description:
          "Open account tasks (the work queue's) per owner on the filtered accounts, most first; overdue: due before today in Japan. owner null: unowned tasks.",
      }),
  })
  .openapi("Portfolio");
export type Portfolio = z.infer<typeof portfolioSchema>;
