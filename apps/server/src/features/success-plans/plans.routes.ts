import { z } from "@hono/zod-openapi";
import { attachment } from "../../lib/attachment";
import { errorResponses, jsonBody, jsonContent, problem } from "../../lib/openapi";
import { defineRoute, limitBody } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import { listPlanHistory } from "./history.service";
import { getPlanChecks } from "./plan-checks.service";
import {
  checksQuerySchema,
  historyListSchema,
  measurementInputSchema,
  planChecksSchema,
  planCreateInputSchema,
  planDocumentComponent,
  planDocumentPutSchema,
  planIdParam,
  planImportInputSchema,
  planKeyParam,
  planLayoutPutSchema,
  planLayoutSchema,
  planListSchema,
  planPatchSchema,
  planSchema,
} from "./plans.schemas";
import {
  addKpiMeasurement,
  createPlanForAccount,
  exportPlanDocument,
  getPlan,
  importPlan,
  listPlansOfAccount,
  patchPlan,
  putPlanDocument,
  putPlanLayout,
  removePlan,
} from "./plans.service";

const tags = ["Success plans"];

/**
 * Plan documents may be larger than the API's 1 MB JSON limit (years of KPI
 * measurements); the two routes that take one declare up to 5 MB.
 */
export const PLAN_DOCUMENT_BODY_LIMIT = 5 * 1024 * 1024;

const planDocumentBodyLimit = limitBody(
  PLAN_DOCUMENT_BODY_LIMIT,
  `A plan document may be at most ${PLAN_DOCUMENT_BODY_LIMIT} bytes.`,
);

const conflict = problem("The plan was changed since it was read (stale version)");
const tooLarge = problem("The body is larger than 5 MB");

const listOfAccount = defineRoute({
  method: "get",
  path: "/accounts/{id}/plans",
  permission: "read",
  tags,
  summary: "List an account's success plans (the active one first)",
  request: { params: idParam },
  responses: { 200: jsonContent(planListSchema, "The account's plans"), ...errorResponses },
});

const createForAccount = defineRoute({
  method: "post",
  path: "/accounts/{id}/plans",
  permission: "write",
  tags,
  summary: "Create a plan for an account: empty, or from a template",
  description:
    "The account's first plan becomes its active plan. An empty plan has the account's name in its title and an empty goal and win condition.",
  request: { params: idParam, body: jsonBody(planCreateInputSchema) },
  responses: { 201: jsonContent(planSchema, "The new plan"), ...errorResponses },
});

const importDocument = defineRoute({
  method: "post",
  path: "/plans/import",
  permission: "write",
  tags,
  summary: "Import a michi.plan/v1 document as a new plan",
  description:
    "Without accountId, the account is found by document.account.externalId, then by name. A document that fails validation answers 422 with every problem (JSON pointers into the document) and stores nothing.",
  bodyLimit: planDocumentBodyLimit,
  request: { body: jsonBody(planImportInputSchema) },
  responses: { 201: jsonContent(planSchema, "The new plan"), 413: tooLarge, ...errorResponses },
});

const read = defineRoute({
  method: "get",
  path: "/plans/{id}",
  permission: "read",
  tags,
  summary: "Read a plan: its document, version, stage and layout",
  request: { params: planIdParam },
  responses: { 200: jsonContent(planSchema, "The plan"), ...errorResponses },
});

const putDocument = defineRoute({
  method: "put",
  path: "/plans/{id}/document",
  permission: "write",
  tags,
  summary: "Replace the plan's document",
  description:
    "Send the version the edit was made on; 409 if the plan changed since. 422 with every problem if the document is not valid. The document's `account` is ignored: a plan stays with its account.",
  bodyLimit: planDocumentBodyLimit,
  request: { params: planIdParam, body: jsonBody(planDocumentPutSchema) },
  responses: {
    200: jsonContent(planSchema, "The saved plan"),
    409: conflict,
    413: tooLarge,
    ...errorResponses,
  },
});

const putLayout = defineRoute({
  method: "put",
  path: "/plans/{id}/layout",
  permission: "write",
  tags,
  summary: "Keep node positions of the プ譜 (merged into those already kept)",
  request: { params: planIdParam, body: jsonBody(planLayoutPutSchema) },
  responses: {
    200: jsonContent(z.object({ layout: planLayoutSchema }), "All kept positions"),
    ...errorResponses,
  },
});

const update = defineRoute({
  method: "patch",
  path: "/plans/{id}",
  permission: "write",
  tags,
  summary: "Rename a plan, or make it the account's active plan",
  request: { params: planIdParam, body: jsonBody(planPatchSchema) },
  responses: { 200: jsonContent(planSchema, "The plan"), ...errorResponses },
});

const remove = defineRoute({
  method: "delete",
  path: "/plans/{id}",
  permission: "write",
  tags,
  summary: "Delete a plan with its stages, history and meetings",
  request: { params: planIdParam },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

const exportJson = defineRoute({
  method: "get",
  path: "/plans/{id}/export.json",
  permission: "read",
  tags,
  summary: "Download the plan as a michi.plan/v1 file",
  request: { params: planIdParam },
  responses: { 200: jsonContent(planDocumentComponent, "The document"), ...errorResponses },
});

const checks = defineRoute({
  method: "get",
  path: "/plans/{id}/checks",
  permission: "read",
  tags,
  summary: "Check the plan (DOMAIN.md's plan checks) as of a date",
  request: { params: planIdParam, query: checksQuerySchema },
  responses: { 200: jsonContent(planChecksSchema, "The findings"), ...errorResponses },
});

const addMeasurement = defineRoute({
  method: "post",
  path: "/plans/{id}/kpis/{key}/measurements",
  permission: "write",
  tags,
  summary: "Add a dated value to a KPI (a new version of the plan)",
  request: { params: planKeyParam, body: jsonBody(measurementInputSchema) },
  responses: { 201: jsonContent(planSchema, "The plan"), ...errorResponses },
});

const history = defineRoute({
  method: "get",
  path: "/plans/{id}/history",
  permission: "read",
  tags,
  summary: "Who changed what in the plan, newest first",
  request: { params: planIdParam },
  responses: { 200: jsonContent(historyListSchema, "The plan's history"), ...errorResponses },
});

export const plansRouter = createRouter()
  .openapi(listOfAccount, async (c) =>
    c.json(await listPlansOfAccount(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  )
  .openapi(createForAccount, async (c) => {
    const plan = await createPlanForAccount(c.var.deps.db, c.var.actor, {
      accountId: c.req.valid("param").id,
      input: c.req.valid("json"),
    });
    return c.json(plan, 201);
  })
  .openapi(importDocument, async (c) =>
    c.json(await importPlan(c.var.deps.db, c.var.actor, c.req.valid("json")), 201),
  )
  .openapi(read, async (c) =>
    c.json(await getPlan(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  )
  .openapi(putDocument, async (c) => {
    const { version, document } = c.req.valid("json");
    const plan = await putPlanDocument(c.var.deps.db, c.var.actor, {
      id: c.req.valid("param").id,
      version,
      document,
    });
    return c.json(plan, 200);
  })
  .openapi(putLayout, async (c) => {
    const layout = await putPlanLayout(c.var.deps.db, c.var.actor, {
      id: c.req.valid("param").id,
      input: c.req.valid("json"),
    });
    return c.json(layout, 200);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await patchPlan(c.var.deps.db, c.var.actor, id, c.req.valid("json")), 200);
  })
  .openapi(remove, async (c) => {
    await removePlan(c.var.deps.db, c.var.actor, c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(exportJson, async (c) => {
    const { id } = c.req.valid("param");
    const document = await exportPlanDocument(c.var.deps.db, c.var.actor, id);
    return c.json(document, 200, {
      "content-disposition": attachment(document.title, id, "michi-plan.json"),
    });
  })
  .openapi(checks, async (c) => {
    const result = await getPlanChecks(c.var.deps.db, c.var.actor, {
      id: c.req.valid("param").id,
      asOf: c.req.valid("query").asOf,
    });
    return c.json(result, 200);
  })
  .openapi(addMeasurement, async (c) => {
    const { id, key } = c.req.valid("param");
    const plan = await addKpiMeasurement(c.var.deps.db, c.var.actor, {
      id,
      key,
      input: c.req.valid("json"),
    });
    return c.json(plan, 201);
  })
  .openapi(history, async (c) =>
    c.json(await listPlanHistory(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  );
