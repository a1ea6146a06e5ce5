import { errorResponses, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { portfolioQuerySchema, portfolioSchema } from "./portfolio.schemas";
import { getPortfolio } from "./portfolio.service";

const portfolio = defineRoute({
  method: "get",
  path: "/portfolio",
  permission: "read",
  tags: ["Portfolio"],
  summary: "The portfolio dashboard: health, phases, maturity, touch models, accounts at risk",
  description:
    "Any member. Filters combine (owner and segment and touch model). Aggregated in the database; the at-risk list holds at most 50 accounts.",
  request: { query: portfolioQuerySchema },
  responses: { 200: jsonContent(portfolioSchema, "The portfolio"), ...errorResponses },
});

export const portfolioRouter = createRouter().openapi(portfolio, async (c) =>
  c.json(await getPortfolio(c.var.deps.db, c.var.actor, c.req.valid("query")), 200),
);
