import { z } from "@hono/zod-openapi";
import { phaseModes, ruleOperators } from "@michi/core";
import { phaseDeciders } from "../../db/schema";
import { errorResponses, jsonContent, problem } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import { decidePhaseProposal, getAccountPhase, setAccountPhase } from "./phase.service";

const langQuery = z.object({
  lang: z.enum(["ja", "en"]).default("ja").openapi({ description: "Language of the names" }),
});

const namedPhaseSchema = z.object({ key: z.string(), name: z.string() });

const phaseSchema = z
  .object({
    accountId: z.string(),
    mode: z.enum(phaseModes).openapi({
      description: "auto: accounts move when every exit criterion holds; propose: the CSM confirms",
    }),
    churnedOn: z.string().nullable().openapi({
      description:
        "The day the account churned: a former customer is in no phase. `phase` is its last one, counted to this day; nothing is judged and it cannot be moved.",
    }),
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
      description:
        "Judged now under the workspace's mode: move (auto) or propose when every criterion holds and a phase follows",
    }),
    proposal: z
      .object({ to: namedPhaseSchema, proposedAt: z.string() })
      .nullable()
      .openapi({ description: "The open proposal to move on, awaiting the CSM" }),
    phases: z.array(namedPhaseSchema).openapi({ description: "The workspace's phases, in order" }),
    history: z.array(
      z.object({
        phaseKey: z.string(),
        name: z.string(),
        since: z.string(),
        until: z.string().nullable(),
        decidedBy: z.enum(phaseDeciders),
      }),
    ),
  })
  .openapi("AccountPhase");

const getPhase = defineRoute({
  method: "get",
  path: "/accounts/{id}/phase",
  permission: "read",
  tags: ["Lifecycle"],
  summary: "An account's lifecycle phase, its exit criteria judged now, and its history",
  description:
    "Judged on read under the workspace's phases and mode (nothing moves on read). An account never moved is in the first phase since it was created.",
  request: { params: idParam, query: langQuery },
  responses: { 200: jsonContent(phaseSchema, "The phase"), ...errorResponses },
});

const putPhaseBody = z.object({ phaseKey: z.string().min(1).max(64) }).openapi("SetAccountPhase");

const putPhase = defineRoute({
  method: "put",
  path: "/accounts/{id}/phase",
  permission: "write",
  tags: ["Lifecycle"],
  summary: "Move an account to a phase by hand (csm and above)",
  description:
    "Closes the current stay and opens the new one; an open proposal is withdrawn. An unknown phase key is 422.",
  request: {
    params: idParam,
    query: langQuery,
    body: { content: { "application/json": { schema: putPhaseBody } }, required: true },
  },
  responses: {
    200: jsonContent(phaseSchema, "The phase after the move"),
    ...errorResponses,
    409: problem("The account has churned: a former customer is in no phase"),
  },
});

const proposalBody = z
  .object({ decision: z.enum(["accept", "dismiss"]) })
  .openapi("PhaseProposalDecision");

const postProposal = defineRoute({
  method: "post",
  path: "/accounts/{id}/phase/proposal",
  permission: "write",
  tags: ["Lifecycle"],
  summary: "Accept or dismiss an account's open phase proposal (csm and above)",
  description:
    "Accept moves the account to the proposed phase; dismiss leaves it where it is. 404 when no proposal is open.",
  request: {
    params: idParam,
    query: langQuery,
    body: { content: { "application/json": { schema: proposalBody } }, required: true },
  },
  responses: {
    200: jsonContent(phaseSchema, "The phase after the decision"),
    ...errorResponses,
    409: problem(
      "The proposed phase is no longer one of the workspace's phases, or the account has churned (accept only)",
    ),
  },
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
  )
  .openapi(postProposal, async (c) =>
    c.json(
      await decidePhaseProposal(c.var.deps.db, c.var.actor, {
        accountId: c.req.valid("param").id,
        decision: c.req.valid("json").decision,
        lang: c.req.valid("query").lang,
      }),
      200,
    ),
  );
