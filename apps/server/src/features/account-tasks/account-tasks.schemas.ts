import { z } from "@hono/zod-openapi";
import { accountTaskStatuses, healthBands, isoDateSchema, taskResultCodes } from "@michi/core";

const title = z.string().trim().min(1, "is required").max(500);
const ownerUserId = z
  .string()
  .min(1)
  .max(200)
  .nullable()
  .openapi({ description: "A member of the workspace; null: nobody (yet)" });
const day = (description: string) =>
  isoDateSchema.nullable().openapi({ example: "2026-12-10", description });

export const accountTaskInputSchema = z
  .object({
    title,
    ownerUserId: ownerUserId.optional().openapi({
      description: "A member of the workspace; omitted: the person creating it; null: nobody",
    }),
    dueDate: day("YYYY-MM-DD; null: no due date").optional(),
  })
  .strict()
  .openapi("AccountTaskInput");

export const accountTaskPatchSchema = z
  .object({
    title: title.optional(),
    ownerUserId: ownerUserId.optional(),
    dueDate: day("YYYY-MM-DD; null: no due date").optional(),
    snoozedUntil: day("Hidden from the work queue until this day; null: not snoozed").optional(),
  })
  .strict()
  .openapi("AccountTaskPatch");

export const accountTaskCompleteSchema = z
  .object({
    resultCode: z.enum(taskResultCodes),
    note: z
      .string()
      .trim()
      .max(20_000)
      .optional()
      .openapi({ description: "Kept as a note on the account's timeline, linked to the task" }),
  })
  .strict()
  .openapi("AccountTaskCompletion");

const ownerSchema = z
  .object({ userId: z.string(), name: z.string() })
  .nullable()
  .openapi({ description: "null: nobody owns it" });

export const accountTaskSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    title: z.string(),
    ownerUserId: z.string().nullable(),
    dueDate: z.string().nullable(),
    status: z.enum(accountTaskStatuses),
    snoozedUntil: z.string().nullable(),
    resultCode: z.enum(taskResultCodes).nullable(),
    completedAt: z.string().nullable(),
    completedByUserId: z.string().nullable(),
    playbookRunId: z.uuid().nullable(),
    playbookStep: z.number().int().nullable(),
    createdByUserId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("AccountTask");

export const accountTaskCompletedSchema = accountTaskSchema
  .extend({
    interactionId: z
      .uuid()
      .nullable()
      .openapi({ description: "The note written on the timeline; null without a note" }),
  })
  .openapi("AccountTaskCompleted");

export const workQueueItemSchema = z
  .object({
    source: z.enum(["account", "plan"]),
    id: z.string().openapi({
      description: "The account task's id, or `<planId>:<key>` for a plan task",
    }),
    taskId: z.uuid().nullable().openapi({ description: "An account task's id" }),
    planId: z.uuid().nullable(),
    planTitle: z.string().nullable(),
    taskKey: z.string().nullable().openapi({ description: "A plan task's key in its plan" }),
    accountId: z.uuid(),
    accountName: z.string(),
    title: z.string(),
    dueDate: z.string().nullable(),
    status: z.enum(accountTaskStatuses).openapi({ description: "A plan task not done is open" }),
    overdue: z.boolean(),
    snoozedUntil: z.string().nullable(),
    owner: ownerSchema,
    mrr: z.array(z.object({ currency: z.string(), minor: z.number() })).openapi({
      description: "The account's MRR of active contracts per currency, minor units",
    }),
    health: z
      .object({ score: z.number().int().nullable(), band: z.enum(healthBands).nullable() })
      .nullable()
      .openapi({ description: "The account's latest score; null: none" }),
    resultCode: z.enum(taskResultCodes).nullable(),
    completedAt: z.string().nullable(),
    playbookRunId: z.uuid().nullable(),
  })
  .openapi("WorkQueueItem");

export const taskLoadSchema = z
  .object({
    owner: ownerSchema,
    open: z.number().int(),
    overdue: z.number().int(),
    dueThisWeek: z
      .number()
      .int()
      .openapi({ description: "Not overdue, due from today to Sunday (Japan time)" }),
  })
  .openapi("TaskLoad");

export const workQueueSchema = z
  .object({
    today: z.string().openapi({ description: "Today in Japan, as the queue counts days" }),
    data: z.array(workQueueItemSchema),
    load: z
      .array(taskLoadSchema)
      .optional()
      .openapi({ description: "Per owner; only for owner=all or a member (managers, admins)" }),
  })
  .openapi("WorkQueue");

export const workQueueQuerySchema = z.object({
  owner: z.string().min(1).max(200).default("me").openapi({
    description: "me (default), all, or a member's user id (all and others: read-team)",
  }),
  include: z
    .enum(["open", "all"])
    .default("open")
    .openapi({ description: "open: open tasks not snoozed; all: snoozed and done ones too" }),
});

export type AccountTaskInput = z.infer<typeof accountTaskInputSchema>;
export type AccountTaskPatch = z.infer<typeof accountTaskPatchSchema>;
export type AccountTaskCompletion = z.infer<typeof accountTaskCompleteSchema>;
export type WorkQueueQuery = z.infer<typeof workQueueQuerySchema>;
export type WorkQueueItem = z.infer<typeof workQueueItemSchema>;
