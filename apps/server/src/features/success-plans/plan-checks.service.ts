import { buildPlanCheckOptions, type CheckPlanOptions, checkPlan } from "@michi/core";
import type { DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { readCsModel } from "../../recompute";
import { findMeetingsOfPlan } from "./meetings.queries";
import { loadPlanDocument, planNotFound } from "./plan-store";

/**
 * checkPlan's options for a plan of the workspace, the server's one way to
 * build them (core's buildPlanCheckOptions on what the database holds): the
 * workspace's lifecycle phases (its CS model, core's defaults where it has
 * none) and the plan's meeting records. Every server path that checks a plan
 * goes through here, so every check the core has can fire from the API.
 */
export const loadPlanCheckOptions = async (
  db: DbOrTx,
  params: { workspaceId: string; planId: string; asOf?: string; now?: Date },
): Promise<CheckPlanOptions> => {
  const [model, meetings] = await Promise.all([
    readCsModel(db, params.workspaceId),
    findMeetingsOfPlan(db, { workspaceId: params.workspaceId, planId: params.planId }),
  ]);
  return buildPlanCheckOptions({
    now: params.now ?? new Date(),
    ...(params.asOf ? { asOf: params.asOf } : {}),
    phases: model.phases,
    meetings,
    usageLabels: model.usageLabels,
  });
};

/** GET /plans/{id}/checks: the plan's findings as of a day (today in Tokyo by default). */
export const getPlanChecks = async (
  db: DbOrTx,
  actor: Actor,
  params: { id: string; asOf?: string },
) => {
  const ids = { workspaceId: actor.workspaceId, planId: params.id };
  const loaded = await loadPlanDocument(db, ids);
  if (!loaded) throw planNotFound();
  const options = await loadPlanCheckOptions(db, {
    ...ids,
    ...(params.asOf ? { asOf: params.asOf } : {}),
  });
  return { asOf: options.today, findings: checkPlan(loaded.document, options) };
};
