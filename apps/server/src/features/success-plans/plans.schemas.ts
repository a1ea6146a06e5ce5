import { z } from "@hono/zod-openapi";
import {
  isoDateSchema,
  PLAN_KEY_PATTERN,
  type PlanDocument,
  planDocumentSchema,
  planPeriodInputSchema,
  planRolesBySide,
  planStatuses,
  withCode,
} from "@michi/core";

/*
 * zod 4 gives an instance the methods its class had when it was made: a core
 * schema made before @hono/zod-openapi was loaded has no .openapi(). A clone
 * made now has it, wherever the import order put core.
 */
/** Text PostgreSQL can store: no NUL character. */
export const storableText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => !text.includes("\u0000"), "must not contain the NUL character (U+0000)");

/** A calendar date PostgreSQL can store (year 1 on). */
export const storableDate = isoDateSchema.refine(
  (date) => !date.startsWith("0000-"),
  "must be a date in year 1 or later",
);

export const planDocumentComponent = planDocumentSchema.clone().openapi("PlanDocument", {
  description: "A whole success plan in the michi.plan/v1 format.",
});

/**
 * A document in a request body. Not validated by the route: the service runs
 * validatePlanDocument, which reports every problem at once (schema and keys),
 * with pointers relative to the document.
 */
export const planDocumentInput = z
  .custom<PlanDocument>(() => true)
  .openapi({
    description: "A michi.plan/v1 document; validated as a whole, 422 with every problem.",
    type: "object",
  });

export const planIdParam = z.object({
  id: z.uuid({ message: "must be a UUID" }).openapi({ param: { name: "id", in: "path" } }),
});

const keySchema = z
  .string()
  .regex(PLAN_KEY_PATTERN, "must be a key of 1 to 64 letters, digits, _ or -");

export const planKeyParam = planIdParam.extend({
  key: keySchema.openapi({ param: { name: "key", in: "path" } }),
});

export const planCreateInputSchema = z
  .object({
    title: storableText(200).trim().min(1).optional(),
    templateId: z
      .uuid()
      .optional()
      .openapi({ description: "A template from GET /plan-templates." }),
    period: planPeriodInputSchema.optional().openapi({
      description:
        "The period the plan covers (YYYY-MM-DD), the end after the start; left out, the plan has none.",
    }),
    contacts: z
      .array(
        z
          .object({
            contactId: z.uuid(),
            role: z.enum(planRolesBySide.customer),
          })
          .strict(),
      )
      .max(100)
      .superRefine((list, ctx) => {
        list.forEach(({ contactId }, index) => {
          if (list.findIndex((c) => c.contactId === contactId) !== index) {
            ctx.addIssue({
              code: "custom",
              path: [index, "contactId"],
              ...withCode("already-used", "names a contact already listed"),
            });
          }
        });
      })
      .optional()
      .openapi({
        description:
          "The account's contacts to put in the project team, with their plan roles; left out, every contact joins as a user. The account owner always joins as CSM.",
      }),
  })
  .strict()
  .openapi("PlanCreateInput");

export const planImportInputSchema = z
  .object({
    document: planDocumentInput,
    accountId: z.uuid().optional().openapi({
      description:
        "The account the plan is for; without it, document.account.externalId, then its name, finds the account.",
    }),
  })
  .strict()
  .openapi("PlanImportInput");

export const planDocumentPutSchema = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .max(2_147_483_647)
      .openapi({ description: "The version the edit was made on." }),
    document: planDocumentInput,
  })
  .strict()
  .openapi("PlanDocumentPut");

export const planPatchSchema = z
  .object({
    active: z
      .literal(true)
      .optional()
      .openapi({ description: "Makes this the account's active plan." }),
    title: storableText(200).trim().min(1).optional(),
  })
  .strict()
  .openapi("PlanPatch");

const positionSchema = z.object({ x: z.number(), y: z.number() }).strict();

export const planLayoutPutSchema = z
  .object({
    positions: z
      .record(keySchema, positionSchema.nullable())
      .refine(
        (positions) => Object.keys(positions).length <= 2000,
        "at most 2000 positions at once",
      )
      .openapi({
        description:
          "Node positions by key (document keys, or _goal, _winCondition, _factors); null forgets a position.",
      }),
  })
  .strict()
  .openapi("PlanLayoutPut");

export const planLayoutSchema = z.record(z.string(), positionSchema).openapi("PlanLayout");

export const planSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    status: z.enum(planStatuses),
    active: z.boolean(),
    stage: z.number().int(),
    period: z.object({ start: z.string().nullable(), end: z.string().nullable() }),
    updatedAt: z.string(),
  })
  .openapi("PlanSummary");

export const planListSchema = z.object({ data: z.array(planSummarySchema) }).openapi("PlanList");

export const planSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    version: z.number().int(),
    active: z.boolean(),
    stage: z.number().int().openapi({ description: "The open stage (局面), from 1." }),
    updatedAt: z.string(),
    document: planDocumentComponent,
    layout: planLayoutSchema,
    teamLinks: z
      .record(
        z.string(),
        z.object({ contactId: z.string().nullable(), userId: z.string().nullable() }),
      )
      .openapi({ description: "Team members matched by email to a contact or a workspace user." }),
  })
  .openapi("Plan");

export const checksQuerySchema = z.object({
  asOf: isoDateSchema
    .optional()
    .openapi({ description: "YYYY-MM-DD; today in Tokyo when left out." }),
});

const localizedSchema = z.object({ ja: z.string(), en: z.string() });

export const planFindingSchema = z
  .object({
    code: z.string(),
    severity: z.enum(["error", "warning", "info"]),
    target: z.string(),
    message: localizedSchema,
    params: z
      .record(z.string(), z.union([z.string(), z.number(), localizedSchema]))
      .optional()
      .openapi({
        description:
          "The values in the message: dates as YYYY-MM-DD; text with a wording per language as { ja, en }; reason, for a check that words findings more than one way.",
      }),
  })
  .openapi("PlanFinding");

export const planChecksSchema = z
  .object({ asOf: z.string(), findings: z.array(planFindingSchema) })
  .openapi("PlanChecks");

export const measurementInputSchema = z
  .object({ date: storableDate, value: z.number(), note: storableText(2000).optional() })
  .strict()
  .openapi("KpiMeasurementInput");

export const historyEntrySchema = z
  .object({
    at: z.string(),
    version: z.number().int(),
    action: z.enum(["created", "imported", "updated", "stageClosed"]),
    actor: z.object({ kind: z.enum(["user", "apiKey", "system"]), name: z.string() }),
    summary: z
      .unknown()
      .openapi({ description: "What changed (core's diffPlans); null on create." }),
  })
  .openapi("PlanHistoryEntry");

export const historyListSchema = z
  .object({ data: z.array(historyEntrySchema) })
  .openapi("PlanHistory");

export type PlanCreateInput = z.infer<typeof planCreateInputSchema>;
export type PlanImportInput = z.infer<typeof planImportInputSchema>;
export type PlanPatch = z.infer<typeof planPatchSchema>;
export type PlanLayoutPut = z.infer<typeof planLayoutPutSchema>;
export type MeasurementInput = z.infer<typeof measurementInputSchema>;
