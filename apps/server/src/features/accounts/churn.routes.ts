import { z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { accountChurnSchema, idParam } from "./accounts.schemas";
import { getAccountChurn, markAccountChurned, unmarkAccountChurned } from "./churn.service";

const tags = ["Accounts"];

const churnSchema = z
  .object({
    churn: accountChurnSchema.nullable().openapi({ description: "Null while a customer" }),
    currency: z.string().nullable().openapi({ description: "The workspace's main currency" }),
    mrrChanges: z
      .array(
        z.object({
          day: z.string(),
          before: z.number().int().openapi({ description: "MRR in minor units the day before" }),
          after: z.number().int(),
          kind: z.enum(["new", "expansion", "contraction", "churn", "reactivation"]),
        }),
      )
      .openapi({ description: "MRR movements from the contracts; contraction is a downgrade" }),
  })
  .openapi("AccountChurnHistory");

const markSchema = z
  .object({
    churnedOn: z.string().openapi({ example: "2026-11-30" }),
    reason: z.string().max(40).openapi({ description: "A key of GET /settings/churn-reasons" }),
    note: z.string().max(4000).optional(),
  })
  .strict()
  .openapi("AccountChurnMark");

const read = defineRoute({
  method: "get",
  path: "/accounts/{id}/churn",
  permission: "read",
  tags,
  summary: "Whether and when the account churned, and its MRR movements",
  request: { params: idParam },
  responses: { 200: jsonContent(churnSchema, "The account's churn"), ...errorResponses },
});

const mark = defineRoute({
  method: "put",
  path: "/accounts/{id}/churn",
  permission: "write",
  tags,
  summary: "Mark the account churned on a day, with a reason",
  description:
    "CSMs and above. The mark stands over what the contracts say until it is taken away. Churned accounts leave the account list and the portfolio.",
  request: { params: idParam, body: jsonBody(markSchema) },
  responses: { 200: jsonContent(churnSchema, "The account's churn"), ...errorResponses },
});

const unmark = defineRoute({
  method: "delete",
  path: "/accounts/{id}/churn",
  permission: "write",
  tags,
  summary: "Take a churn mark away; the contracts say again",
  request: { params: idParam },
  responses: { 200: jsonContent(churnSchema, "The account's churn"), ...errorResponses },
});

export const churnRouter = createRouter()
  .openapi(read, async (c) =>
    c.json(await getAccountChurn(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  )
  .openapi(mark, async (c) =>
    c.json(
      await markAccountChurned(
        c.var.deps.db,
        c.var.actor,
        c.req.valid("param").id,
        c.req.valid("json"),
      ),
      200,
    ),
  )
  .openapi(unmark, async (c) =>
    c.json(await unmarkAccountChurned(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  );
