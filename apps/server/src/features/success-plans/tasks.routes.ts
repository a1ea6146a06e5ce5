import { z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { planKeyParam } from "./plans.schemas";
import {
  taskStatusPatchSchema,
  taskStatusSchema,
  teamTaskSchema,
  teamTasksQuerySchema,
} from "./tasks.schemas";
import { listTeamTasks, setTaskStatus } from "./tasks.service";

const tags = ["Success plans"];

const teamList = defineRoute({
  method: "get",
  path: "/team/tasks",
  permission: "read-team",
  tags,
  summary: "Every workspace member's tasks across the plans, by due date (no date last)",
  description:
    "Tasks whose owner is a team member linked to a user of the workspace, or with such a user's email. Michi keeps no 'reports to' relation: a manager's team is the workspace. Done tasks only with includeDone=true; one member's with userId.",
  request: { query: teamTasksQuerySchema },
  responses: {
    200: jsonContent(z.object({ data: z.array(teamTaskSchema) }).openapi("TeamTaskList"), "Tasks"),
    ...errorResponses,
  },
});

const patchStatus = defineRoute({
  method: "patch",
  path: "/plans/{id}/tasks/{key}",
  permission: "write",
  tags,
  summary: "Set a task's status (a new version of the plan)",
  description:
    "Completes or reopens one task without sending the document; the change is in the plan's history.",
  request: { params: planKeyParam, body: jsonBody(taskStatusPatchSchema) },
  responses: { 200: jsonContent(taskStatusSchema, "The task's status"), ...errorResponses },
});

export const tasksRouter = createRouter()
  .openapi(teamList, async (c) =>
    c.json(await listTeamTasks(c.var.deps.db, c.var.actor, c.req.valid("query")), 200),
  )
  .openapi(patchStatus, async (c) => {
    const { id, key } = c.req.valid("param");
    const patch = c.req.valid("json");
    return c.json(await setTaskStatus(c.var.deps.db, c.var.actor, { planId: id, key, patch }), 200);
  });
