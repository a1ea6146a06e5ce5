import { errorResponses, jsonBody, jsonContent, problem } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import {
  accountPicklistsPutSchema,
  accountPicklistsSettingsSchema,
  churnReasonsPutSchema,
  churnReasonsSettingsSchema,
  maturityModelsPutSchema,
  maturityModelsSettingsSchema,
  phaseSettingsPutSchema,
  phaseSettingsSchema,
  scorecardPreviewInputSchema,
  scorecardPreviewSchema,
  scorecardsPutSchema,
  scorecardsSchema,
  touchModelPolicyPutSchema,
  touchModelPolicySettingsSchema,
  usageLabelsPutSchema,
  usageLabelsSettingsSchema,
  usageSettingsPutSchema,
  usageSettingsSchema,
} from "./cs-settings.schemas";
import {
  getAccountPicklists,
  getChurnReasons,
  getMaturityModels,
  getPhaseSettings,
  getScorecards,
  getTouchModelPolicy,
  getUsageLabels,
  getUsageSettings,
  putAccountPicklists,
  putChurnReasons,
  putMaturityModels,
  putPhaseSettings,
  putScorecards,
  putTouchModelPolicy,
  putUsageLabels,
  putUsageSettings,
} from "./cs-settings.service";
import { previewScorecard } from "./scorecard-preview.service";

const tags = ["Settings"];
const adminsOnly = "Admins and managers; every account is then recomputed by the job.";

const readScorecards = defineRoute({
  method: "get",
  path: "/settings/scorecards",
  permission: "read",
  tags,
  summary: "The workspace's health scorecards, and core's default",
  responses: { 200: jsonContent(scorecardsSchema, "The scorecards"), ...errorResponses },
});

const writeScorecards = defineRoute({
  method: "put",
  path: "/settings/scorecards",
  permission: "manage-settings",
  tags,
  summary: "Replace the workspace's health scorecards",
  description: `${adminsOnly} Every problem of the definitions is a 422 with a pointer.`,
  request: { body: jsonBody(scorecardsPutSchema) },
  responses: { 200: jsonContent(scorecardsSchema, "The scorecards saved"), ...errorResponses },
});

const preview = defineRoute({
  method: "post",
  path: "/settings/scorecards/preview",
  permission: "manage-settings",
  tags,
  summary: "What a candidate scorecard would make of the accounts, computed now, nothing stored",
  description:
    "Admins and managers. Over the accounts the appliesTo matches (all when absent): the band distribution of their latest stored scores and under the candidate, and the 50 accounts whose score would change most.",
  request: { body: jsonBody(scorecardPreviewInputSchema) },
  responses: { 200: jsonContent(scorecardPreviewSchema, "The preview"), ...errorResponses },
});

const readPhases = defineRoute({
  method: "get",
  path: "/settings/phases",
  permission: "read",
  tags,
  summary: "The workspace's lifecycle phases, mode, and how many accounts are in each",
  responses: { 200: jsonContent(phaseSettingsSchema, "The phases"), ...errorResponses },
});

const writePhases = defineRoute({
  method: "put",
  path: "/settings/phases",
  permission: "manage-settings",
  tags,
  summary: "Set the workspace's lifecycle phases and mode",
  description: `${adminsOnly} Removing a phase accounts are in (or a scorecard applies to) is a 409.`,
  request: { body: jsonBody(phaseSettingsPutSchema) },
  responses: {
    200: jsonContent(phaseSettingsSchema, "The phases saved"),
    ...errorResponses,
    409: problem("A removed phase still has accounts, or a scorecard applies to it"),
  },
});

const readMaturity = defineRoute({
  method: "get",
  path: "/settings/maturity-models",
  permission: "read",
  tags,
  summary: "The workspace's maturity models, one per product",
  responses: {
    200: jsonContent(maturityModelsSettingsSchema, "The maturity models"),
    ...errorResponses,
  },
});

const writeMaturity = defineRoute({
  method: "put",
  path: "/settings/maturity-models",
  permission: "manage-settings",
  tags,
  summary: "Replace the workspace's maturity models (empty: back to the default)",
  description: adminsOnly,
  request: { body: jsonBody(maturityModelsPutSchema) },
  responses: {
    200: jsonContent(maturityModelsSettingsSchema, "The maturity models saved"),
    ...errorResponses,
  },
});

const readTouchPolicy = defineRoute({
  method: "get",
  path: "/settings/touch-model-policy",
  permission: "read",
  tags,
  summary: "The rules that assign touch models",
  responses: {
    200: jsonContent(touchModelPolicySettingsSchema, "The policy"),
    ...errorResponses,
  },
});

const writeTouchPolicy = defineRoute({
  method: "put",
  path: "/settings/touch-model-policy",
  permission: "manage-settings",
  tags,
  summary: "Set the rules that assign touch models (null: by hand only)",
  description: adminsOnly,
  request: { body: jsonBody(touchModelPolicyPutSchema) },
  responses: {
    200: jsonContent(touchModelPolicySettingsSchema, "The policy saved"),
    ...errorResponses,
  },
});

const readUsage = defineRoute({
  method: "get",
  path: "/settings/usage",
  permission: "read",
  tags,
  summary: "How long raw usage events are kept",
  responses: { 200: jsonContent(usageSettingsSchema, "The usage settings"), ...errorResponses },
});

const writeUsage = defineRoute({
  method: "put",
  path: "/settings/usage",
  permission: "manage-settings",
  tags,
  summary: "Set how long raw usage events are kept (null: forever; rollups always stay)",
  description: "Admins and managers.",
  request: { body: jsonBody(usageSettingsPutSchema) },
  responses: {
    200: jsonContent(usageSettingsSchema, "The usage settings saved"),
    ...errorResponses,
  },
});

const readChurnReasons = defineRoute({
  method: "get",
  path: "/settings/churn-reasons",
  permission: "read",
  tags,
  summary: "The reasons an account can be marked churned with",
  responses: {
    200: jsonContent(churnReasonsSettingsSchema, "The churn reasons"),
    ...errorResponses,
  },
});

const writeChurnReasons = defineRoute({
  method: "put",
  path: "/settings/churn-reasons",
  permission: "manage-settings",
  tags,
  summary: "Set the churn reasons (null: back to the default list)",
  description:
    "Admins and managers. Keys are 1–40 lowercase letters, digits or -, unique; labels in Japanese and English.",
  request: { body: jsonBody(churnReasonsPutSchema) },
  responses: {
    200: jsonContent(churnReasonsSettingsSchema, "The churn reasons saved"),
    ...errorResponses,
  },
});

const readAccountPicklists = defineRoute({
  method: "get",
  path: "/settings/account-picklists",
  permission: "read",
  tags,
  summary: "The options of the account fields industry and segment (empty: free text)",
  responses: {
    200: jsonContent(accountPicklistsSettingsSchema, "The picklists"),
    ...errorResponses,
  },
});

const writeAccountPicklists = defineRoute({
  method: "put",
  path: "/settings/account-picklists",
  permission: "manage-settings",
  tags,
  summary: "Set the options of industry and segment, each a value and its label in both languages",
  description:
    "Admins and managers. Values are unique in a list; an account's value no longer listed stays on it.",
  request: { body: jsonBody(accountPicklistsPutSchema) },
  responses: {
    200: jsonContent(accountPicklistsSettingsSchema, "The picklists saved"),
    ...errorResponses,
  },
});

const readUsageLabels = defineRoute({
  method: "get",
  path: "/settings/usage-labels",
  permission: "read",
  tags,
  summary: "Display names of event names and product keys, and the names there are to label",
  responses: {
    200: jsonContent(usageLabelsSettingsSchema, "The labels"),
    ...errorResponses,
  },
});

const writeUsageLabels = defineRoute({
  method: "put",
  path: "/settings/usage-labels",
  permission: "manage-settings",
  tags,
  summary: "Set the display names of events and products, in Japanese and English",
  description:
    "Admins and managers. Rules keep the raw names; the screens show these. A name without a label shows as sent.",
  request: { body: jsonBody(usageLabelsPutSchema) },
  responses: {
    200: jsonContent(usageLabelsSettingsSchema, "The labels saved"),
    ...errorResponses,
  },
});

export const csSettingsRouter = createRouter()
  .openapi(readScorecards, async (c) =>
    c.json(await getScorecards(c.var.deps.db, c.var.actor), 200),
  )
  .openapi(writeScorecards, async (c) =>
    c.json(await putScorecards(c.var.deps.db, c.var.actor, c.req.valid("json")), 200),
  )
  .openapi(preview, async (c) =>
    c.json(await previewScorecard(c.var.deps.db, c.var.actor, c.req.valid("json")), 200),
  )
  .openapi(readPhases, async (c) => c.json(await getPhaseSettings(c.var.deps.db, c.var.actor), 200))
  .openapi(writePhases, async (c) =>
    c.json(await putPhaseSettings(c.var.deps.db, c.var.actor, c.req.valid("json")), 200),
  )
  .openapi(readMaturity, async (c) =>
    c.json(await getMaturityModels(c.var.deps.db, c.var.actor), 200),
  )
  .openapi(writeMaturity, async (c) =>
    c.json(await putMaturityModels(c.var.deps.db, c.var.actor, c.req.valid("json")), 200),
  )
  .openapi(readTouchPolicy, async (c) =>
    c.json(await getTouchModelPolicy(c.var.deps.db, c.var.actor), 200),
  )
  .openapi(writeTouchPolicy, async (c) =>
    c.json(await putTouchModelPolicy(c.var.deps.db, c.var.actor, c.req.valid("json")), 200),
  )
  .openapi(readUsage, async (c) => c.json(await getUsageSettings(c.var.deps.db, c.var.actor), 200))
  .openapi(writeUsage, async (c) =>
    c.json(await putUsageSettings(c.var.deps.db, c.var.actor, c.req.valid("json")), 200),
  )
  .openapi(readChurnReasons, async (c) =>
    c.json(await getChurnReasons(c.var.deps.db, c.var.actor), 200),
  )
  .openapi(writeChurnReasons, async (c) =>
    c.json(await putChurnReasons(c.var.deps.db, c.var.actor, c.req.valid("json")), 200),
  )
  .openapi(readAccountPicklists, async (c) =>
    c.json(await getAccountPicklists(c.var.deps.db, c.var.actor), 200),
  )
  .openapi(writeAccountPicklists, async (c) =>
    c.json(await putAccountPicklists(c.var.deps.db, c.var.actor, c.req.valid("json")), 200),
  )
  .openapi(readUsageLabels, async (c) =>
    c.json(await getUsageLabels(c.var.deps.db, c.var.actor), 200),
  )
  .openapi(writeUsageLabels, async (c) =>
    c.json(await putUsageLabels(c.var.deps.db, c.var.actor, c.req.valid("json")), 200),
  );
