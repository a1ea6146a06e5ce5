import { z } from "@hono/zod-openapi";
import { ruleOperators } from "@michi/core";
import { errorResponses, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import { getAccountMaturity } from "./maturity.service";

const langQuery = z.object({
  lang: z.enum(["ja", "en"]).default("ja").openapi({ description: "Language of the texts" }),
});

const partSchema = z.object({
  metric: z.string().openapi({ example: "activeUsers:30d" }),
  label: z.string().openapi({ description: "The metric in words" }),
  op: z.enum(ruleOperators),
  value: z.number(),
  actual: z.number().nullable(),
  holds: z.boolean(),
});

const maturitySchema = z
  .object({
    accountId: z.string(),
    asOf: z.string(),
    products: z.array(
      z.object({
        product: z.string(),
        name: z.string(),
        level: z
          .number()
          .int()
          .openapi({ description: "The stored level (the recompute's last decision); 0: none" }),
        levelName: z.string().nullable(),
        since: z
          .string()
          .nullable()
          .openapi({ description: "Since when; null at level 0 never reached" }),
        levels: z.array(
          z.object({
            level: z.number().int(),
            name: z.string(),
            description: z.string().nullable(),
            rule: z.string().openapi({ description: "The level's rule in words" }),
            holds: z.boolean().openapi({ description: "Whether the rule holds now" }),
            parts: z.array(partSchema),
          }),
        ),
        next: z
          .object({ level: z.number().int(), name: z.string(), unmet: z.array(partSchema) })
          .nullable()
          .openapi({ description: "The level above the stored one and what it still needs" }),
        history: z.array(
          z.object({ level: z.number().int(), since: z.string(), until: z.string().nullable() }),
        ),
      }),
    ),
  })
  .openapi("AccountMaturity");

const maturity = defineRoute({
  method: "get",
  path: "/accounts/{id}/maturity",
  permission: "read",
  tags: ["Lifecycle"],
  summary: "An account's maturity level per product, every level judged now, and the history",
  description:
    "Under the workspace's maturity models. The level is the stored one (written by the recompute when it changes).",
  request: { params: idParam, query: langQuery },
  responses: { 200: jsonContent(maturitySchema, "The maturity per product"), ...errorResponses },
});

export const maturityRouter = createRouter().openapi(maturity, async (c) =>
  c.json(
    await getAccountMaturity(c.var.deps.db, c.var.actor, {
      accountId: c.req.valid("param").id,
      lang: c.req.valid("query").lang,
    }),
    200,
  ),
);
