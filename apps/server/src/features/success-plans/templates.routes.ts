import { createRoute } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { createRouter } from "../../lib/router";
import {
  templateIdParam,
  templateInputSchema,
  templateListSchema,
  templateSchema,
} from "./templates.schemas";
import { createTemplate, listTemplates, removeTemplate } from "./templates.service";

const tags = ["Plan templates"];

const list = createRoute({
  method: "get",
  path: "/plan-templates",
  tags,
  summary: "The built-in templates, then the workspace's own",
  responses: { 200: jsonContent(templateListSchema, "The templates"), ...errorResponses },
});

const create = createRoute({
  method: "post",
  path: "/plan-templates",
  tags,
  summary: "Save a plan as a template (without account, dates, measurements and emails)",
  request: { body: jsonBody(templateInputSchema) },
  responses: { 201: jsonContent(templateSchema, "The new template"), ...errorResponses },
});

const remove = createRoute({
  method: "delete",
  path: "/plan-templates/{id}",
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
