import { z } from "@hono/zod-openapi";
import { AppError, coded, displayTextSchema, healthBands, isoDateSchema } from "@michi/core";
import { errorResponses, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import {
  explainAccountHealthChange,
  getAccountHealth,
  getAccountHealthHistory,
  requestHealthRecompute,
} from "./health.service";

const bandSchema = z.enum(healthBands).nullable();

const measureKindSchema = z.enum(["metric", "rating"]).nullable().openapi({
  description:
    "metric: the value is the metric's, in its unit; rating: the CSM's 1–5 (null: not rated). Null when the measure has since left the scorecard.",
});
const measureMetricSchema = z.string().nullable().openapi({
  description: "The measure's metric key, for its unit (null for a rating)",
  example: "activeUsers:30d",
});

const healthSchema = z
  .object({
    accountId: z.string(),
    day: z.string().openapi({ example: "2026-11-23" }),
    churnedOn: z.string().nullable().openapi({
      description:
        "The day the account churned. A former customer's health is its last day as a customer: `day` defaults to the day before this.",
    }),
    score: z.number().int().nullable().openapi({
      description: "0–100; null when too little of the scorecard had data (insufficient data)",
    }),
    band: bandSchema,
    coverage: z
      .number()
      .openapi({ description: "Share of the scorecard's weight that had a value (0–1)" }),
    computedAt: z.string(),
    scorecard: z
      .object({
        key: z.string(),
        name: displayTextSchema.nullable(),
        minCoverage: z.number().nullable().openapi({
          description:
            "The share of the weight (0–1) that must have data for a score; null when the scorecard has since been removed",
        }),
      })
      .nullable()
      .openapi({ description: "The workspace scorecard the score was computed with" }),
    contributions: z.array(
      z.object({
        measure: z.string(),
        name: displayTextSchema,
        kind: measureKindSchema,
        metric: measureMetricSchema,
        value: z.number().nullable(),
        points: z.number().nullable(),
        weight: z.number(),
        contribution: z
          .number()
          .int()
          .openapi({ description: "Whole points of the score; they add up to the score" }),
      }),
    ),
  })
  .openapi("AccountHealth");

const healthQuery = z.object({
  asOf: isoDateSchema.optional().openapi({
    description:
      "A past day (default today, UTC): its stored score, or when none is stored the score as of that day, computed and not stored",
  }),
});

const health = defineRoute({
  method: "get",
  path: "/accounts/{id}/health",
  permission: "read",
  tags: ["Health"],
  summary: "An account's health score today (or on a past day), with each measure's contribution",
  description:
    "Computed on read when the day's score is missing. A churned account answers its last day as a customer unless asOf is given.",
  request: { params: idParam, query: healthQuery },
  responses: { 200: jsonContent(healthSchema, "The health score"), ...errorResponses },
});

const historyQuery = z.object({
  days: z.coerce.number().int().min(1).max(730).default(90),
});

const historySchema = z
  .object({
    data: z.array(
      z.object({ day: z.string(), score: z.number().int().nullable(), band: bandSchema }),
    ),
  })
  .openapi("AccountHealthHistory");

const history = defineRoute({
  method: "get",
  path: "/accounts/{id}/health/history",
  permission: "read",
  tags: ["Health"],
  summary: "An account's daily health scores, newest first",
  description: "A churned account's end the day before it churned.",
  request: { params: idParam, query: historyQuery },
  responses: { 200: jsonContent(historySchema, "One row per day scored"), ...errorResponses },
});

const changeQuery = z.object({
  from: isoDateSchema.optional().openapi({ description: "Default: 30 days before `to`" }),
  to: isoDateSchema.optional().openapi({ description: "Default: today (UTC)" }),
});

const scoredDaySchema = z
  .object({ day: z.string(), score: z.number().int().nullable(), band: bandSchema })
  .nullable();

const changeSchema = z
  .object({
    from: scoredDaySchema.openapi({ description: "The latest score on or before `from`" }),
    to: scoredDaySchema.openapi({ description: "The latest score on or before `to`" }),
    scoreChange: z.number().int().nullable(),
    measures: z.array(
      z.object({
        measure: z.string(),
        name: displayTextSchema,
        kind: measureKindSchema,
        metric: measureMetricSchema,
        valueBefore: z.number().nullable(),
        valueAfter: z.number().nullable(),
        pointsBefore: z.number().nullable(),
        pointsAfter: z.number().nullable(),
        contributionBefore: z.number().int(),
        contributionAfter: z.number().int(),
        contributionChange: z.number().int(),
      }),
    ),
  })
  .openapi("AccountHealthChange");

const change = defineRoute({
  method: "get",
  path: "/accounts/{id}/health/change",
  permission: "read",
  tags: ["Health"],
  summary: "Why an account's health changed between two dates",
  description:
    "The measures ordered by how much their contribution changed (largest first); the changes add up to the score's change.",
  request: { params: idParam, query: changeQuery },
  responses: { 200: jsonContent(changeSchema, "The change, explained"), ...errorResponses },
});

const recomputeQuery = z.object({
  wait: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  from: isoDateSchema.optional().openapi({
    description:
      "With `to`: backfill the daily scores of these days (as of each day, from the rollups and what was true then), answered when done",
  }),
  to: isoDateSchema
    .optional()
    .openapi({ description: "The last day to backfill (at most today, UTC)" }),
  everyDays: z.coerce
    .number()
    .int()
    .default(1)
    .openapi({ description: "Backfill every N days from `from` (1 to 365; default 1)" }),
});

const recomputeSchema = z
  .object({
    done: z.boolean(),
    accounts: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Accounts recomputed (wait) or queued; null for a backfill" }),
    days: z.number().int().optional().openapi({ description: "Backfill: days scored" }),
    scores: z.number().int().optional().openapi({ description: "Backfill: scores written" }),
  })
  .openapi("HealthRecompute");

const recompute = defineRoute({
  method: "post",
  path: "/health/recompute",
  permission: "manage-settings",
  tags: ["Health"],
  summary: "Recompute the health of every account, or backfill past days (admins and managers)",
  description:
    "With wait=true, answers when done. Otherwise every account is queued for the health job and the answer is 202. With from and to, the daily scores of those days (every everyDays days) are written as each day would have scored them, and the answer comes when done.",
  request: { query: recomputeQuery },
  responses: {
    200: jsonContent(recomputeSchema, "Recomputed"),
    202: jsonContent(recomputeSchema, "Queued for the health job"),
    ...errorResponses,
  },
});

export const healthRouter = createRouter()
  .openapi(health, async (c) =>
    c.json(
      await getAccountHealth(c.var.deps.db, c.var.actor, c.req.valid("param").id, {
        asOf: c.req.valid("query").asOf,
      }),
      200,
    ),
  )
  .openapi(history, async (c) =>
    c.json(
      await getAccountHealthHistory(c.var.deps.db, c.var.actor, {
        accountId: c.req.valid("param").id,
        days: c.req.valid("query").days,
      }),
      200,
    ),
  )
  .openapi(change, async (c) =>
    c.json(
      await explainAccountHealthChange(c.var.deps.db, c.var.actor, {
        accountId: c.req.valid("param").id,
        ...c.req.valid("query"),
      }),
      200,
    ),
  )
  .openapi(recompute, async (c) => {
    const { wait, from, to, everyDays } = c.req.valid("query");
    if ((from === undefined) !== (to === undefined)) {
      throw new AppError("validation-failed", "A backfill needs both from and to.", [
        {
          pointer: from === undefined ? "/from" : "/to",
          message: "is required with the other",
          ...coded("required-with", { other: from === undefined ? "to" : "from" }),
        },
      ]);
    }
    const result = await requestHealthRecompute(c.var.deps.db, c.var.actor, {
      wait,
      backfill: from !== undefined && to !== undefined ? { from, to, everyDays } : undefined,
    });
    return result.done ? c.json(result, 200) : c.json(result, 202);
  });
