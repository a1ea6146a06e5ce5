import { z } from "@hono/zod-openapi";
import { taskStatuses } from "@michi/core";
import { errorResponses, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { listMyTasks } from "./my-tasks.service";

const myTaskSchema = z
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

const list = defineRoute({
  method: "get",
  path: "/me/tasks",
  permission: "read",
  tags: ["Success plans"],
  summary: "My tasks across the workspace's plans, by due date (no date last)",
  description:
    "Tasks whose owner is a team member linked to me, or with my email. Done tasks only with includeDone=true.",
  request: {
    query: z.object({
      includeDone: z
        .enum(["true", "false"])
        .default("false")
        .transform((v) => v === "true"),
    }),
  },
  responses: {
    200: jsonContent(z.object({ data: z.array(myTaskSchema) }).openapi("MyTaskList"), "My tasks"),
    ...errorResponses,
  },
});

export const myTasksRouter = createRouter().openapi(list, async (c) =>
  c.json(
    await listMyTasks(c.var.deps.db, c.var.actor, {
      includeDone: c.req.valid("query").includeDone,
    }),
    200,
  ),
);
