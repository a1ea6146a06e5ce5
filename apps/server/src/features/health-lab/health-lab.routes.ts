import { z } from "@hono/zod-openapi";
import { errorResponses, jsonBody, jsonContent } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import { idParam } from "../accounts/accounts.schemas";
import {
  aucSchema,
  backtestInput,
  backtestSchema,
  draftSchema,
  fitInput,
} from "./health-lab.schemas";
import {
  acceptScorecardDraftAs,
  backtestScorecard,
  fitScorecardToHistory,
  getScorecardDraft,
  suggestKeyEvents,
} from "./health-lab.service";

const tags = ["Health Lab"];

const backtest = defineRoute({
  method: "post",
  path: "/health/backtest",
  permission: "manage-settings",
  tags,
  summary: "How well a scorecard's past scores predicted churn",
  description:
    "Admins and managers. Every account that was a customer on an observation day is scored as of that day; its outcome is whether it churned within the horizon after. Answers the ROC AUC with a bootstrap 95 % interval, the ROC curve, churn rate by band, lift by decile and each measure's own AUC.",
  request: { body: jsonBody(backtestInput) },
  responses: { 200: jsonContent(backtestSchema, "The backtest"), ...errorResponses },
});

const fit = defineRoute({
  method: "post",
  path: "/health/fit",
  permission: "manage-settings",
  tags,
  summary: "Fit a scorecard to the workspace's churn history (stored as a draft)",
  description:
    "Admins and managers. Candidate metrics (each frequent event's counts over 7/30/90 days and its change, volume per user and per seat, active users and days, recency, tenure, MRR, seats) are binned into steps and weighted on the earlier two thirds of the observation days, and proven on the later third. The draft scores nothing until accepted.",
  request: { body: jsonBody(fitInput) },
  responses: { 200: jsonContent(draftSchema, "The fitted draft"), ...errorResponses },
});

const readDraft = defineRoute({
  method: "get",
  path: "/health/drafts/{id}",
  permission: "read",
  tags,
  summary: "A fitted scorecard draft",
  request: { params: idParam },
  responses: { 200: jsonContent(draftSchema, "The draft"), ...errorResponses },
});

const accept = defineRoute({
  method: "post",
  path: "/health/drafts/{id}/accept",
  permission: "manage-settings",
  tags,
  summary: "Adopt a draft (as fitted, or as edited) as the workspace's scorecard",
  description:
    "Admins and managers. It takes the place of the catch-all scorecard (or core's default); segment and phase rules stay. Every account is then rescored by the job.",
  request: {
    params: idParam,
    body: jsonBody(
      z
        .object({
          scorecard: z
            .unknown()
            .optional()
            .openapi({ description: "The draft as edited; absent: as fitted" }),
        })
        .strict(),
    ),
  },
  responses: {
    200: jsonContent(
      z.object({
        draft: draftSchema,
        scorecards: z.array(z.record(z.string(), z.unknown())),
      }),
      "Accepted",
    ),
    ...errorResponses,
  },
});

const keyEvents = defineRoute({
  method: "get",
  path: "/health/key-events",
  permission: "read",
  tags,
  summary: "Events the product sends, as key events to name for the scorecard",
  description:
    "The most frequent event names of the last 90 days, with volume, accounts and, once accounts have churned, the AUC of each one's 30-day count.",
  responses: {
    200: jsonContent(
      z.object({
        events: z.array(
          z.object({
            event: z.string(),
            count: z.number().int(),
            accounts: z.number().int(),
            auc: aucSchema,
          }),
        ),
      }),
      "The events",
    ),
    ...errorResponses,
  },
});

export const healthLabRouter = createRouter()
  .openapi(backtest, async (c) =>
    c.json(await backtestScorecard(c.var.deps.db, c.var.actor, c.req.valid("json")), 200),
  )
  .openapi(fit, async (c) =>
    c.json(await fitScorecardToHistory(c.var.deps.db, c.var.actor, c.req.valid("json")), 200),
  )
  .openapi(readDraft, async (c) =>
    c.json(await getScorecardDraft(c.var.deps.db, c.var.actor, c.req.valid("param").id), 200),
  )
  .openapi(accept, async (c) =>
    c.json(
      await acceptScorecardDraftAs(c.var.deps.db, c.var.actor, {
        id: c.req.valid("param").id,
        scorecard: c.req.valid("json").scorecard,
      }),
      200,
    ),
  )
  .openapi(keyEvents, async (c) => c.json(await suggestKeyEvents(c.var.deps.db, c.var.actor), 200));
