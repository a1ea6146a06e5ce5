import { createRoute, z } from "@hono/zod-openapi";
import { displayTextSchema, ruleOperators } from "@michi/core";
import { errorResponses, jsonContent } from "../../lib/openapi";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import { getAccountMaturity } from "./maturity.service";

const partSchema = z.object({
  metric: z.string().openapi({ example: "activeUsers:30d" }),
  op: z.enum(ruleOperators),
  value: z.number(),
  actual: z.number().nullable(),
  holds: z.boolean(),
});

const maturitySchema = z
  .object({
    accountId: z.string(),
    asOf: z.string(),
    level: z
      .number()
      .int()
      .openapi({ description: "The highest level whose rule holds; 0 for none" }),
    name: displayTextSchema.nullable(),
    levels: z.array(
      z.object({
        level: z.number().int(),
        name: displayTextSchema.nullable(),
        holds: z.boolean(),
        parts: z.array(partSchema),
      }),
    ),
    next: z
      .object({ level: z.number().int(), name: displayTextSchema, unmet: z.array(partSchema) })
      .nullable(),
  })
  .openapi("AccountMaturity");

const maturity = createRoute({
  method: "get",
  path: "/accounts/{id}/maturity",
  tags: ["Lifecycle"],
  summary: "An account's maturity level today, with every level's comparisons",
  description: "Decided on read under the default levels; workspace levels and history come later.",
  request: { params: idParam },
  responses: { 200: jsonContent(maturitySchema, "The maturity level"), ...errorResponses },
});

export const maturityRouter = createRouter().openapi(maturity, async (c) =>
  c.json(await getAccountMaturity(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
);
