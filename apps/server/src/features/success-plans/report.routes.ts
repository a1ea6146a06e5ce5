import { z } from "@hono/zod-openapi";
import { attachment } from "../../lib/attachment";
import { errorResponses, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { exportPlanPptx } from "./plan-pptx";
import { planIdParam } from "./plans.schemas";
import { reportQuerySchema, reportSchema } from "./report.schemas";
import { buildPlanReport } from "./report.service";

const tags = ["Success plans"];

const PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

const report = defineRoute({
  method: "get",
  path: "/plans/{id}/report",
  permission: "read",
  tags,
  summary: "The evaluator report's slides, as the PowerPoint and the print view show them",
  description:
    "評価者への報告 (seed 001): cover, purpose and issues, project team, プ譜, KGI/KPI charts, milestones, improvement roadmap, the last retrospective and the next stage's focus, open risks. 400 for an unknown language or section.",
  request: { params: planIdParam, query: reportQuerySchema },
  responses: { 200: jsonContent(reportSchema, "The report"), ...errorResponses },
});

const exportPptx = defineRoute({
  method: "get",
  path: "/plans/{id}/export.pptx",
  permission: "read",
  tags,
  summary: "Download the evaluator report as PowerPoint",
  description:
    "The same slides as GET /plans/{id}/report, 16:9, in the chosen language (text runs tagged ja-JP or en-US) with a native line chart per KPI. 400 for an unknown language or section.",
  request: { params: planIdParam, query: reportQuerySchema },
  responses: {
    200: {
      description: "The deck",
      content: { [PPTX]: { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses,
  },
});

export const reportRouter = createRouter()
  .openapi(report, async (c) => {
    const query = c.req.valid("query");
    const { id } = c.req.valid("param");
    return c.json(await buildPlanReport(c.var.deps.db, c.var.actor, { id, ...query }), 200);
  })
  .openapi(exportPptx, async (c) => {
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");
    const { title, file } = await exportPlanPptx(c.var.deps.db, c.var.actor, { id, ...query });
    return c.body(file, 200, {
      "content-type": PPTX,
      "content-disposition": attachment(title, id, "pptx"),
    });
  });
