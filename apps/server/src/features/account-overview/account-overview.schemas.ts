import { z } from "@hono/zod-openapi";
import { healthBands, taskStatuses } from "@michi/core";
import { planFindingSchema } from "../success-plans/plans.schemas";

export const overviewQuerySchema = z.object({
  lang: z.enum(["ja", "en"]).default("ja").openapi({ description: "Language of the phase name" }),
});

const countSchema = z.object({ done: z.number().int(), total: z.number().int() });

const moneySchema = z.array(z.object({ currency: z.string(), minor: z.number() })).openapi({
  description: "Per currency, largest first, in minor units; currencies are never added together",
});

export const activityKinds = ["usage", "meeting", "planUpdate"] as const;

export const accountOverviewSchema = z
  .object({
    accountId: z.uuid(),
    today: z.string().openapi({
      description:
        "The calendar day in Japan (workspaces have no time zone yet) that dates, overdue tasks and the next meeting are counted from",
    }),
    health: z.object({
      day: z.string().openapi({ description: "The scored day (UTC, as health scores are kept)" }),
      score: z
        .number()
        .int()
        .nullable()
        .openapi({ description: "Null: insufficient data (データ不足)" }),
      band: z.enum(healthBands).nullable(),
      change30: z.number().int().nullable().openapi({
        description: "Score now minus the latest stored score 30 days ago; null when unknown",
      }),
      change90: z.number().int().nullable(),
    }),
    phase: z.object({
      key: z.string(),
      name: z.string(),
      since: z.string(),
      daysInPhase: z.number().int(),
    }),
    contracts: z.object({
      mrr: moneySchema,
      renewalDate: z.string().nullable().openapi({
        description: "The earliest end date of the contracts in force",
      }),
      inForce: z.number().int(),
    }),
    plan: z
      .object({
        id: z.uuid(),
        title: z.string(),
        status: z.string(),
        stage: z.number().int(),
        progress: z.object({
          tasks: countSchema,
          milestones: countSchema,
          measures: countSchema,
          percent: z.number().nullable().openapi({
            description: "Share of tasks, milestones and measures done (0–100); null with none",
          }),
          winConditionPercent: z.number().nullable().openapi({
            description: "Mean progress (0–100) of the win condition's KGI/KPIs",
          }),
        }),
        findings: z.object({
          errors: z.number().int(),
          warnings: z.number().int(),
          infos: z.number().int(),
          top: z.array(planFindingSchema).openapi({ description: "Up to 3, errors first" }),
        }),
      })
      .nullable()
      .openapi({ description: "The account's active success plan; null when it has none" }),
    nextMeeting: z
      .object({
        id: z.uuid(),
        planId: z.uuid(),
        date: z.string(),
        title: z.string(),
        audience: z.string(),
      })
      .nullable()
      .openapi({ description: "The active plan's first meeting on or after today" }),
    tasks: z.object({
      open: z.number().int().openapi({ description: "Tasks of the active plan not done" }),
      overdue: z.number().int(),
      next: z.array(
        z.object({
          key: z.string(),
          title: z.string(),
          dueDate: z.string().nullable(),
          status: z.enum(taskStatuses),
          overdue: z.boolean(),
          ownerName: z.string().nullable(),
        }),
      ),
    }),
    lastActivity: z
      .object({
        kind: z.enum(activityKinds),
        at: z.string().openapi({ description: "A day (YYYY-MM-DD) or an instant (ISO 8601)" }),
      })
      .nullable()
      .openapi({
        description:
          "The latest of: a day with usage, a meeting held, a change to any of its plans (a completed task is one)",
      }),
  })
  .openapi("AccountOverview");
