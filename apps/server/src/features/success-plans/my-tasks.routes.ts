import { z } from "@hono/zod-openapi";
import { errorResponses, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { listMyTasks } from "./my-tasks.service";
import { myTasksQuerySchema, taskRowSchema } from "./tasks.schemas";

const list = defineRoute({
  method: "get",
  path: "/me/tasks",
  permission: "read",
  tags: ["Success plans"],
  summary: "My tasks across the workspace's plans, by due date (no date last)",
  description:
    "Tasks whose owner is a team member linked to me, or with my email. Done tasks only with includeDone=true.",
  request: { query: myTasksQuerySchema },
  responses: {
    200: jsonContent(z.object({ data: z.array(taskRowSchema) }).openapi("MyTaskList"), "My tasks"),
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
