import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import {
  accountTaskCompletedSchema,
  accountTaskCompleteSchema,
  accountTaskInputSchema,
  accountTaskPatchSchema,
  accountTaskSchema,
  workQueueQuerySchema,
  workQueueSchema,
} from "./account-tasks.schemas";
import {
  completeAccountTask,
  createAccountTask,
  listWorkQueue,
  patchAccountTask,
  reopenAccountTask,
  toAccountTaskDto,
} from "./account-tasks.service";

const tags = ["Work queue"];
const mayChange =
  "A csm may change only their own tasks and the unowned tasks of accounts they own; managers and admins any.";

const create = defineRoute({
  method: "post",
  path: "/accounts/{id}/tasks",
  permission: "write",
  tags,
  summary: "Add a task on an account (records task.created)",
  request: { params: idParam, body: jsonBody(accountTaskInputSchema) },
  responses: { 201: jsonContent(accountTaskSchema, "The new task"), ...errorResponses },
});

const queue = defineRoute({
  method: "get",
  path: "/work-queue",
  permission: "read",
  tags,
  summary: "The work queue: account tasks and active plans' tasks, most pressing first",
  description:
    "Overdue first, then by due date (none last), then the account's MRR (largest first), then its health (red first). Snoozed tasks are hidden until their day unless include=all. owner=all or a member's id needs read-team and adds each owner's load. A plan task is completed with PATCH /plans/{id}/tasks/{key}.",
  request: { query: workQueueQuerySchema },
  responses: { 200: jsonContent(workQueueSchema, "The queue"), ...errorResponses },
});

const update = defineRoute({
  method: "patch",
  path: "/account-tasks/{id}",
  permission: "write",
  tags,
  summary: "Edit, reassign or snooze an account task",
  description: mayChange,
  request: { params: idParam, body: jsonBody(accountTaskPatchSchema) },
  responses: { 200: jsonContent(accountTaskSchema, "The task"), ...errorResponses },
});

const complete = defineRoute({
  method: "post",
  path: "/account-tasks/{id}/complete",
  permission: "write",
  tags,
  summary: "Complete an account task with its result (records task.completed)",
  description: `A note is kept on the account's timeline as a note linked to the task. 409 when it is already done. ${mayChange}`,
  request: { params: idParam, body: jsonBody(accountTaskCompleteSchema) },
  responses: { 200: jsonContent(accountTaskCompletedSchema, "The done task"), ...errorResponses },
});

const reopen = defineRoute({
  method: "post",
  path: "/account-tasks/{id}/reopen",
  permission: "write",
  tags,
  summary: "Open a done account task again",
  description: mayChange,
  request: { params: idParam },
  responses: { 200: jsonContent(accountTaskSchema, "The task"), ...errorResponses },
});

export const accountTasksRouter = createRouter()
  .openapi(create, async (c) => {
    const row = await createAccountTask(c.var.deps.db, c.var.actor, {
      accountId: c.req.valid("param").id,
      input: c.req.valid("json"),
    });
    return c.json(toAccountTaskDto(row), 201);
  })
  .openapi(queue, async (c) =>
    c.json(await listWorkQueue(c.var.deps.db, c.var.actor, c.req.valid("query")), 200),
  )
  .openapi(update, async (c) => {
    const row = await patchAccountTask(c.var.deps.db, c.var.actor, {
      id: c.req.valid("param").id,
      patch: c.req.valid("json"),
    });
    return c.json(toAccountTaskDto(row), 200);
  })
  .openapi(complete, async (c) => {
    const { task, interactionId } = await completeAccountTask(c.var.deps.db, c.var.actor, {
      id: c.req.valid("param").id,
      completion: c.req.valid("json"),
    });
    return c.json({ ...toAccountTaskDto(task), interactionId }, 200);
  })
  .openapi(reopen, async (c) => {
    const row = await reopenAccountTask(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.json(toAccountTaskDto(row), 200);
  });
