import { buildEvaluatorReport, calendarDateInTokyo, checkPlan, todayInTokyo } from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { loadPlanCheckOptions } from "./plan-checks.service";
import { describeActor, loadPlanDocument, planNotFound } from "./plan-store";
import type { ReportQuery } from "./report.schemas";
import { findStage } from "./stages.queries";

/**
 * The evaluator report (評価者への報告) of a plan as of today: its document,
 * the last closed stage's retrospective, its open findings, and who presents
 * it; only what the chosen sections need is read.
 */
export const buildPlanReport = async (
  db: Db,
  actor: Actor,
  params: ReportQuery & { id: string },
) => {
  const workspaceId = actor.workspaceId;
  const planId = params.id;
  const loaded = await loadPlanDocument(db, { workspaceId, planId });
  if (!loaded) throw planNotFound();
  const { plan, document } = loaded;
  const wants = new Set(params.sections);
  const today = todayInTokyo(new Date());
  const closed =
    wants.has("retrospective") && plan.stage > 1
      ? await findStage(db, { workspaceId, planId, number: plan.stage - 1 })
      : undefined;
  const findings = wants.has("risks")
    ? checkPlan(document, await loadPlanCheckOptions(db, { workspaceId, planId, asOf: today }))
    : [];
  const presenter =
    wants.has("cover") && actor.kind === "user" ? (await describeActor(db, actor)).name : undefined;
  const deck = buildEvaluatorReport({
    document,
    lang: params.lang,
    sections: params.sections,
    today,
    ...(loaded.account?.name ? { accountName: loaded.account.name } : {}),
    ...(presenter ? { presenter } : {}),
    stage: plan.stage,
    lastStage: closed
      ? {
          number: closed.number,
          closedOn: calendarDateInTokyo(closed.closedAt),
          retrospective: closed.retrospective,
          document: closed.document,
        }
      : null,
    findings,
  });
  return { title: document.title, deck };
};
