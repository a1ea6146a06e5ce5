import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { planIdParam } from "./plans.schemas";
import {
  closeStageInputSchema,
  stageDiffQuerySchema,
  stageDiffSchema,
  stageListSchema,
  stageNumberParam,
  stageSchema,
  stageSummarySchema,
} from "./stages.schemas";
import { closeStage, diffStages, getStage, listStages } from "./stages.service";

const tags = ["Success plans"];

const close = defineRoute({
  method: "post",
  path: "/plans/{id}/stages",
  permission: "write",
  tags,
  summary: "Close the current stage (局面) with a retrospective and open the next",
  request: { params: planIdParam, body: jsonBody(closeStageInputSchema) },
  responses: { 201: jsonContent(stageSummarySchema, "The closed stage"), ...errorResponses },
});

const list = defineRoute({
  method: "get",
  path: "/plans/{id}/stages",
  permission: "read",
  tags,
  summary: "The plan's closed stages, oldest first, and the open stage's number",
  request: { params: planIdParam },
  responses: { 200: jsonContent(stageListSchema, "The stages"), ...errorResponses },
});

const diff = defineRoute({
  method: "get",
  path: "/plans/{id}/stages/diff",
  permission: "read",
  tags,
  summary: "What changed between two stages (or a stage and the current plan)",
  request: { params: planIdParam, query: stageDiffQuerySchema },
  responses: { 200: jsonContent(stageDiffSchema, "The diff"), ...errorResponses },
});

const read = defineRoute({
  method: "get",
  path: "/plans/{id}/stages/{n}",
  permission: "read",
  tags,
  summary: "A closed stage: the plan as it was, and its retrospective",
  request: { params: stageNumberParam },
  responses: { 200: jsonContent(stageSchema, "The stage"), ...errorResponses },
});

// diff before {n}: both are GETs under /stages/, and "diff" is not a stage number.
export const stagesRouter = createRouter()
  .openapi(close, async (c) => {
    const stage = await closeStage(c.var.deps.db, c.var.actor, {
      planId: c.req.valid("param").id,
      input: c.req.valid("json"),
    });
    return c.json(stage, 201);
  })
  .openapi(list, async (c) =>
    c.json(await listStages(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  )
  .openapi(diff, async (c) => {
    const { from, to } = c.req.valid("query");
    const result = await diffStages(c.var.deps.db, c.var.actor, {
      planId: c.req.valid("param").id,
      from,
      to,
    });
    return c.json(result, 200);
  })
  .openapi(read, async (c) => {
    const { id, n } = c.req.valid("param");
    return c.json(await getStage(c.var.deps.db, c.var.actor, { planId: id, number: n }), 200);
  });
