import { z } from "@hono/zod-openapi";
import { taskStatuses } from "@michi/core";

/** A task as the task lists show it: with its plan and account, and whether it is overdue. */
export const taskRowSchema = z
  .object({
    planId: z.uuid(),
    planTitle: z.string(),
    planActive: z.boolean(),
    accountId: z.uuid(),
    accountName: z.string(),
    key: z.string(),
    title: z.string(),
    dueDate: z.string().nullable(),
    status: z.enum(taskStatuses),
    overdue: z.boolean(),
    ownerKey: z.string().nullable(),
    measureKey: z.string().nullable(),
    milestoneKey: z.string().nullable(),
  })
  .openapi("MyTask");

export const teamTaskSchema = taskRowSchema
  .extend({
    owner: z.object({
      userId: z.string(),
      name: z.string().openapi({ description: "The workspace member's name" }),
    }),
  })
  .openapi("TeamTask");

const includeDone = z
  .enum(["true", "false"])
  .default("false")
  .transform((v) => v === "true");

export const myTasksQuerySchema = z.object({ includeDone });

export const teamTasksQuerySchema = z.object({
  includeDone,
  userId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Only this member's tasks (a user id of the workspace)" }),
});

export const taskStatusPatchSchema = z
  .object({ status: z.enum(taskStatuses) })
  .strict()
  .openapi("TaskStatusPatch");

export const taskStatusSchema = z
  .object({
    planId: z.uuid(),
    key: z.string(),
    status: z.enum(taskStatuses),
    version: z.number().int().openapi({ description: "The plan's version after the change" }),
  })
  .openapi("TaskStatus");

export type TaskStatusPatch = z.infer<typeof taskStatusPatchSchema>;
