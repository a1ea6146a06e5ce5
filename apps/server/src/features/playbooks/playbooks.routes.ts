import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import {
  playbookAccountInputSchema,
  playbookDryRunSchema,
  playbookIdParam,
  playbookInputSchema,
  playbookListSchema,
  playbookPatchSchema,
  playbookRunListSchema,
  playbookRunsQuery,
  playbookSchema,
  playbookStartedSchema,
  playbookTemplateListSchema,
} from "./playbooks.schemas";
import {
  createPlaybook,
  dryRun,
  getPlaybook,
  listPlaybookRuns,
  listPlaybooks,
  listPlaybookTemplates,
  patchPlaybook,
  removePlaybook,
  startManually,
} from "./playbooks.service";

const tags = ["Playbooks"];

const templates = defineRoute({
  method: "get",
  path: "/playbook-templates",
  permission: "read",
  tags,
  summary: "The playbooks Michi ships, to copy",
  responses: { 200: jsonContent(playbookTemplateListSchema, "The templates"), ...errorResponses },
});

const list = defineRoute({
  method: "get",
  path: "/playbooks",
  permission: "read",
  tags,
  summary: "List the workspace's playbooks",
  responses: { 200: jsonContent(playbookListSchema, "The playbooks"), ...errorResponses },
});

const create = defineRoute({
  method: "post",
  path: "/playbooks",
  permission: "manage-settings",
  tags,
  summary: "Make a playbook (from a template's definition, or written)",
  request: { body: jsonBody(playbookInputSchema) },
  responses: { 201: jsonContent(playbookSchema, "The new playbook"), ...errorResponses },
});

const read = defineRoute({
  method: "get",
  path: "/playbooks/{id}",
  permission: "read",
  tags,
  summary: "Read a playbook",
  request: { params: playbookIdParam },
  responses: { 200: jsonContent(playbookSchema, "The playbook"), ...errorResponses },
});

const update = defineRoute({
  method: "patch",
  path: "/playbooks/{id}",
  permission: "manage-settings",
  tags,
  summary: "Change a playbook's definition, or pause or resume it",
  request: { params: playbookIdParam, body: jsonBody(playbookPatchSchema) },
  responses: { 200: jsonContent(playbookSchema, "The playbook"), ...errorResponses },
});

const remove = defineRoute({
  method: "delete",
  path: "/playbooks/{id}",
  permission: "manage-settings",
  tags,
  summary: "Remove a playbook (its past runs stay on the accounts)",
  request: { params: playbookIdParam },
  responses: { 204: { description: "Removed" }, ...errorResponses },
});

const dryRunRoute = defineRoute({
  method: "post",
  path: "/playbooks/{id}/dry-run",
  permission: "read",
  tags,
  summary: "What the playbook would do on one account now, without doing it",
  request: { params: playbookIdParam, body: jsonBody(playbookAccountInputSchema) },
  responses: {
    200: jsonContent(playbookDryRunSchema, "The actions it would take"),
    ...errorResponses,
  },
});

const start = defineRoute({
  method: "post",
  path: "/playbooks/{id}/start",
  permission: "write",
  tags,
  summary: "Start the playbook on one account now",
  request: { params: playbookIdParam, body: jsonBody(playbookAccountInputSchema) },
  responses: {
    202: jsonContent(playbookStartedSchema, "The run was made; its steps run in the background"),
    ...errorResponses,
  },
});

const runs = defineRoute({
  method: "get",
  path: "/playbook-runs",
  permission: "read",
  tags,
  summary: "Runs of playbooks, newest first, by playbook or account",
  request: { query: playbookRunsQuery },
  responses: { 200: jsonContent(playbookRunListSchema, "A page of runs"), ...errorResponses },
});

export const playbooksRouter = createRouter()
  .openapi(templates, (c) => c.json(listPlaybookTemplates(), 200))
  .openapi(list, async (c) => c.json(await listPlaybooks(c.var.deps.db, c.var.actor), 200))
  .openapi(create, async (c) =>
    c.json(await createPlaybook(c.var.deps.db, c.var.actor, c.req.valid("json")), 201),
  )
  .openapi(read, async (c) =>
    c.json(await getPlaybook(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  )
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await patchPlaybook(c.var.deps.db, c.var.actor, id, c.req.valid("json")), 200);
  })
  .openapi(remove, async (c) => {
    await removePlaybook(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(dryRunRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { accountId } = c.req.valid("json");
    const { db, baseURL } = c.var.deps;
    return c.json(await dryRun(db, c.var.actor, id, accountId, baseURL), 200);
  })
  .openapi(start, async (c) => {
    const { id } = c.req.valid("param");
    const { accountId } = c.req.valid("json");
    return c.json(await startManually(c.var.deps.db, c.var.actor, id, accountId), 202);
  })
  .openapi(runs, async (c) =>
    c.json(await listPlaybookRuns(c.var.deps.db, c.var.actor, c.req.valid("query")), 200),
  );
