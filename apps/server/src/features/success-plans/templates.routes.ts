import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import {
  templateIdParam,
  templateInputSchema,
  templateListSchema,
  templateSchema,
} from "./templates.schemas";
import { createTemplate, listTemplates, removeTemplate } from "./templates.service";

const tags = ["Plan templates"];

const list = defineRoute({
  method: "get",
  path: "/plan-templates",
  permission: "read",
  tags,
  summary: "The built-in templates, then the workspace's own",
  responses: { 200: jsonContent(templateListSchema, "The templates"), ...errorResponses },
});

const create = defineRoute({
  method: "post",
  path: "/plan-templates",
  permission: "write",
  tags,
  summary: "Save a plan as a template (without account, dates, measurements and emails)",
  request: { body: jsonBody(templateInputSchema) },
  responses: { 201: jsonContent(templateSchema, "The new template"), ...errorResponses },
});

const remove = defineRoute({
  method: "delete",
  path: "/plan-templates/{id}",
  permission: "write",
  tags,
  summary: "Delete one of the workspace's templates (built-in ones cannot be deleted)",
  request: { params: templateIdParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export const templatesRouter = createRouter()
  .openapi(list, async (c) => c.json(await listTemplates(c.var.deps.db, c.var.actor), 200))
  .openapi(create, async (c) =>
    c.json(await createTemplate(c.var.deps.db, c.var.actor, c.req.valid("json")), 201),
  )
  .openapi(remove, async (c) => {
    await removeTemplate(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.body(null, 204);
  });
