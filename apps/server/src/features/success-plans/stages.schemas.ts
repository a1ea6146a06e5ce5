import { z } from "@hono/zod-openapi";
import { retrospectiveDirections } from "@michi/core";
import { planDocumentComponent, planIdParam, storableText } from "./plans.schemas";

const text = storableText(10_000);

export const retrospectiveSchema = z
  .object({
    summary: text.optional(),
    objectives: z
      .array(
        z
          .object({
            key: z.string().max(64),
            direction: z.enum(retrospectiveDirections),
            held: text.optional(),
            didNotHold: text.optional(),
            changesNext: text.optional(),
          })
          .strict(),
      )
      .max(500),
  })
  .strict()
  .openapi("StageRetrospective", {
    description:
      "ふりかえり: per objective, did its desired state come closer, what held, what did not, what changes next.",
  });

export const closeStageInputSchema = z
  .object({ retrospective: retrospectiveSchema })
  .strict()
  .openapi("StageCloseInput");

export const stageNumberParam = planIdParam.extend({
  n: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .openapi({ param: { name: "n", in: "path" }, type: "integer" }),
});

const stageRef = z.union([z.coerce.number().int().min(1).max(1_000_000), z.literal("current")]);

export const stageDiffQuerySchema = z.object({
  from: stageRef.openapi({ description: "A closed stage's number, or current.", type: "string" }),
  to: stageRef
    .default("current")
    .openapi({ description: "A closed stage's number, or current (the default).", type: "string" }),
});

export const stageSummarySchema = z
  .object({
    number: z.number().int(),
    openedAt: z.string(),
    closedAt: z.string(),
    closedBy: z.object({ kind: z.enum(["user", "apiKey", "system"]), name: z.string() }),
    retrospective: retrospectiveSchema,
  })
  .openapi("StageSummary");

export const stageListSchema = z
  .object({
    current: z.number().int().openapi({ description: "The open stage's number." }),
    data: z.array(stageSummarySchema),
  })
  .openapi("StageList");

export const stageSchema = stageSummarySchema
  .extend({ document: planDocumentComponent })
  .openapi("Stage");

export const stageDiffSchema = z
  .object({
    from: z.union([z.number().int(), z.literal("current")]),
    to: z.union([z.number().int(), z.literal("current")]),
    diff: z.unknown().openapi({ description: "core's PlanDiff: plan, pufu, elements, kpiValues." }),
  })
  .openapi("StageDiff");

export type CloseStageInput = z.infer<typeof closeStageInputSchema>;
export type StageRef = number | "current";
