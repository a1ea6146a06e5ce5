import { z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import type { getAccountHealth } from "./health.service";
import { langQuery, ratingInputSchema, ratingsSchema } from "./ratings.schemas";
import { getAccountRatings, rateAccount } from "./ratings.service";

const healthAfterRating = z
  .custom<Awaited<ReturnType<typeof getAccountHealth>>>(() => true)
  .openapi({ type: "object", description: "The account's health, as GET /accounts/{id}/health" });

const readRatings = defineRoute({
  method: "get",
  path: "/accounts/{id}/health/ratings",
  permission: "read",
  tags: ["Health"],
  summary: "The qualitative measures of the account's scorecard, their latest ratings and history",
  request: { params: idParam, query: langQuery },
  responses: { 200: jsonContent(ratingsSchema, "The ratings"), ...errorResponses },
});

const rate = defineRoute({
  method: "post",
  path: "/accounts/{id}/health/ratings",
  permission: "write",
  tags: ["Health"],
  summary: "Rate a qualitative measure 1–5 with a comment (csm and above)",
  description:
    "The measure must be a rating measure of the account's scorecard (422 otherwise). The health is recomputed at once.",
  request: { params: idParam, body: jsonBody(ratingInputSchema) },
  responses: {
    201: jsonContent(healthAfterRating, "The account's new health"),
    ...errorResponses,
  },
});

export const ratingsRouter = createRouter()
  .openapi(readRatings, async (c) =>
    c.json(
      await getAccountRatings(c.var.deps.db, c.var.actor, {
        accountId: c.req.valid("param").id,
        lang: c.req.valid("query").lang,
      }),
      200,
    ),
  )
  .openapi(rate, async (c) =>
    c.json(
      await rateAccount(c.var.deps.db, c.var.actor, {
        accountId: c.req.valid("param").id,
        ...c.req.valid("json"),
      }),
      201,
    ),
  );
