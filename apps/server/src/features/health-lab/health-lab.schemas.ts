import { z } from "@hono/zod-openapi";
import { displayTextSchema, healthBands } from "@michi/core";
import { MAX_OBSERVATION_DAYS } from "./observations";

/** Core's isoDateSchema, built here so it carries its OpenAPI description. */
const day = () => z.iso.date({ message: "must be a date as YYYY-MM-DD" });

const rangeFields = {
  from: day().openapi({ description: "The first observation day", example: "2026-05-31" }),
  to: day().openapi({
    description: "The last observation day; days whose horizon has not passed are left out",
    example: "2026-10-31",
  }),
  everyDays: z
    .number()
    .int()
    .default(30)
    .openapi({
      description: `Observe every N days from \`from\` (at most ${MAX_OBSERVATION_DAYS} days)`,
    }),
  horizonDays: z
    .number()
    .int()
    .default(30)
    .openapi({ description: "Churn within this many days after an observation day counts" }),
};

export const aucSchema = z.number().nullable().openapi({
  description:
    "ROC AUC: the chance a churner scored below one who stayed (0.5: no better than chance)",
});

export const backtestInput = z
  .object({
    scorecard: z.unknown().openapi({
      description:
        "A saved scorecard's key (\"default\": core's), or a scorecard document (the editor's draft). Applied to every account.",
    }),
    ...rangeFields,
  })
  .strict()
  .openapi("HealthBacktestInput");

export const backtestSchema = z
  .object({
    days: z.array(z.string()).openapi({ description: "The observation days used" }),
    horizonDays: z.number().int(),
    observations: z
      .number()
      .int()
      .openapi({ description: "Accounts × days observed (customers that day)" }),
    churned: z.number().int(),
    auc: aucSchema,
    aucLow: z.number().nullable().openapi({ description: "Bootstrap 95 % interval, low end" }),
    aucHigh: z.number().nullable(),
    roc: z.array(z.object({ fpr: z.number(), tpr: z.number(), threshold: z.number().nullable() })),
    liftByDecile: z.array(
      z.object({
        decile: z.number().int().openapi({ description: "1: the lowest scores" }),
        observations: z.number().int(),
        churned: z.number().int(),
        churnRate: z.number().nullable(),
        lift: z.number().nullable().openapi({ description: "Churn rate / the overall churn rate" }),
      }),
    ),
    bands: z.array(
      z.object({
        band: z.enum([...healthBands, "none"]),
        accounts: z.number().int().openapi({ description: "Observations in the band" }),
        churned: z.number().int(),
        churnRate: z.number().nullable(),
      }),
    ),
    measures: z.array(
      z.object({ key: z.string(), auc: aucSchema, observations: z.number().int() }),
    ),
  })
  .openapi("HealthBacktest");

export const fitInput = z.object(rangeFields).strict().openapi("HealthFitInput");

const draftReportSchema = z
  .object({
    observations: z.number().int(),
    churned: z.number().int(),
    horizonDays: z.number().int(),
    trainingDays: z.array(z.string()),
    holdoutDays: z.array(z.string()),
    trainingAuc: aucSchema,
    holdoutAuc: aucSchema.openapi({ description: "On the later days the fit never saw" }),
    holdoutAucInterval: z.object({ low: z.number(), high: z.number() }).nullable(),
    holdoutObservations: z.number().int(),
    measures: z.array(
      z.object({
        key: z.string(),
        metric: z.string(),
        weight: z.number(),
        trainingAuc: z.number().nullable(),
        explanation: displayTextSchema,
      }),
    ),
    current: z.object({
      holdoutAuc: aucSchema.openapi({ description: "The scorecards in use, on the same days" }),
    }),
    candidates: z.number().int(),
    events: z.array(z.string()),
  })
  .openapi("ScorecardDraftReport");

export type DraftReport = z.infer<typeof draftReportSchema>;

export const draftSchema = z
  .object({
    id: z.string(),
    status: z.enum(["draft", "accepted"]),
    createdAt: z.string(),
    acceptedAt: z.string().nullable(),
    scorecard: z.record(z.string(), z.unknown()).openapi({ description: "A normal scorecard" }),
    report: draftReportSchema,
  })
  .openapi("ScorecardDraft");
