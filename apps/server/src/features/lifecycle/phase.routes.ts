import { createRoute, z } from "@hono/zod-openapi";
import { ruleOperators } from "@michi/core";
import { errorResponses, jsonContent } from "../../lib/openapi";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import { getAccountPhase, setAccountPhase } from "./phase.service";

const langQuery = z.object({
  lang: z.enum(["ja", "en"]).default("ja").openapi({ description: "Language of the names" }),
});

const namedPhaseSchema = z.object({ key: z.string(), name: z.string() });

const phaseSchema = z
  .object({
    accountId: z.string(),
    phase: namedPhaseSchema,
    since: z.string().openapi({ description: "When the account entered its phase" }),
    daysInPhase: z.number().int(),
    criteria: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        holds: z.boolean(),
        parts: z.array(
          z.object({
            metric: z.string().openapi({ example: "activeUsers:30d" }),
            op: z.enum(ruleOperators),
            value: z.number(),
            actual: z.number().nullable(),
            holds: z.boolean(),
          }),
        ),
      }),
    ),
    allHold: z
      .boolean()
      .openapi({ description: "Every exit criterion holds; false for a phase without any" }),
    nextPhase: namedPhaseSchema.nullable(),
    action: z.enum(["stay", "move", "propose"]).openapi({
      description: "Judged in propose mode: propose when every criterion holds and a phase follows",
    }),
    history: z.array(
      z.object({ phaseKey: z.string(), since: z.string(), until: z.string().nullable() }),
    ),
  })
  .openapi("AccountPhase");

const getPhase = createRoute({
  method: "get",
  path: "/accounts/{id}/phase",
  tags: ["Lifecycle"],
  summary: "An account's lifecycle phase, its exit criteria judged now, and its history",
  description:
    "Decided on read under the default phases. An account never moved is in the first phase (proposal) since it was created.",
  request: { params: idParam, query: langQuery },
  responses: { 200: jsonContent(phaseSchema, "The phase"), ...errorResponses },
});

const putPhaseBody = z.object({ phaseKey: z.string().min(1).max(64) }).openapi("SetAccountPhase");

const putPhase = createRoute({
  method: "put",
  path: "/accounts/{id}/phase",
  tags: ["Lifecycle"],
  summary: "Move an account to a phase by hand (csm and above)",
  description: "Closes the current stay and opens the new one; an unknown phase key is 422.",
  request: {
    params: idParam,
    query: langQuery,
    body: { content: { "application/json": { schema: putPhaseBody } }, required: true },
  },
  responses: { 200: jsonContent(phaseSchema, "The phase after the move"), ...errorResponses },
});

export const phaseRouter = createRouter()
  .openapi(getPhase, async (c) =>
    c.json(
      await getAccountPhase(c.var.deps.db, c.var.actor, {
        accountId: c.req.valid("param").id,
        lang: c.req.valid("query").lang,
      }),
      200,
    ),
  )
  .openapi(putPhase, async (c) =>
    c.json(
      await setAccountPhase(c.var.deps.db, c.var.actor, {
        accountId: c.req.valid("param").id,
        phaseKey: c.req.valid("json").phaseKey,
        lang: c.req.valid("query").lang,
      }),
      200,
    ),
  );
