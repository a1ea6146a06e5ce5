import { errorResponses, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import { accountOverviewSchema, overviewQuerySchema } from "./account-overview.schemas";
import { getAccountOverview } from "./account-overview.service";

const overview = defineRoute({
  method: "get",
  path: "/accounts/{id}/overview",
  permission: "read",
  tags: ["Accounts"],
  summary: "An account's overview: health, phase, MRR, active plan, next meeting, tasks",
  description:
    "One read for the account page's 概要 tab. Empty parts are null (no plan, no meeting, no activity) or a null score (insufficient data).",
  request: { params: idParam, query: overviewQuerySchema },
  responses: { 200: jsonContent(accountOverviewSchema, "The overview"), ...errorResponses },
});

export const accountOverviewRouter = createRouter().openapi(overview, async (c) =>
  c.json(
    await getAccountOverview(c.var.deps.db, c.var.actor, {
      accountId: c.req.valid("param").id,
      lang: c.req.valid("query").lang,
    }),
    200,
  ),
);
