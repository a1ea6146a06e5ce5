import { AppError, diffPlans, type PlanDocument } from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { iso } from "../../lib/sql";
import { insertAccountEvent } from "../playbooks/account-events.queries";
import { describeActor, loadPlanDocument, planNotFound } from "./plan-store";
import { insertHistory, lockPlan, updatePlan } from "./plans.queries";
import { getPlanRow } from "./plans.service";
import {
  findLastClosedAt,
  findStage,
  findStages,
  insertStage,
  type StageRow,
} from "./stages.queries";
import type { CloseStageInput, StageRef } from "./stages.schemas";

/*
 * Stages (局面): closing one stores the whole document as it is, with the
 * retrospective, and opens the next. The snapshot is never edited again, so
 * it is kept as the document itself (jsonb), not as rows.
 */

type StageSummaryRow = Pick<
  StageRow,
  "number" | "openedAt" | "closedAt" | "closedByKind" | "closedByName" | "retrospective"
>;

const toStageSummaryDto = (row: StageSummaryRow) => ({
  number: row.number,
  openedAt: iso(row.openedAt),
  closedAt: iso(row.closedAt),
  closedBy: { kind: row.closedByKind, name: row.closedByName },
  retrospective: row.retrospective,
});

const stageNotFound = (n: number) =>
  new AppError("not-found", `The plan has no closed stage ${n}.`);

/** Every retrospective entry is about an objective the plan has, once. */
const retrospectiveProblems = (document: PlanDocument, input: CloseStageInput) => {
  const objectiveKeys = new Set((document.pufu.objectives ?? []).map((o) => o.key));
  const seen = new Set<string>();
  return input.retrospective.objectives.flatMap((entry, i) => {
    const pointer = `/retrospective/objectives/${i}/key`;
    if (!objectiveKeys.has(entry.key)) {
      return [{ pointer, message: `refers to "${entry.key}", but there is no such objective` }];
    }
    if (seen.has(entry.key)) return [{ pointer, message: `repeats the objective "${entry.key}"` }];
    seen.add(entry.key);
    return [];
  });
};

export const closeStage = async (
  db: Db,
  actor: Actor,
  params: { planId: string; input: CloseStageInput },
) => {
  const workspaceId = actor.workspaceId;
  const ids = { workspaceId, planId: params.planId };
  const row = await db.transaction(async (tx) => {
    const plan = await lockPlan(tx, { workspaceId, id: params.planId });
    if (!plan) throw planNotFound();
    const loaded = await loadPlanDocument(tx, ids);
    if (!loaded) throw planNotFound();
    const problems = retrospectiveProblems(loaded.document, params.input);
    if (problems.length > 0) {
      throw new AppError("validation-failed", "The retrospective is not valid.", problems);
    }
    const who = await describeActor(tx, actor);
    const now = new Date();
    const stage = await insertStage(tx, {
      ...ids,
      number: plan.stage,
      openedAt: (await findLastClosedAt(tx, ids)) ?? plan.createdAt,
      closedAt: now,
      closedByKind: who.kind,
      closedById: who.id,
      closedByName: who.name,
      document: loaded.document,
      retrospective: params.input.retrospective,
    });
    await updatePlan(tx, { workspaceId, id: params.planId, values: { stage: plan.stage + 1 } });
    await insertHistory(tx, {
      ...ids,
      at: now,
      action: "stageClosed",
      version: plan.version,
      actorKind: who.kind,
      actorId: who.id,
      actorName: who.name,
      summary: { stage: plan.stage },
    });
    // For webhook subscribers (plan.stage_closed); the timeline reads plan_stages itself.
    await insertAccountEvent(tx, {
      workspaceId,
      accountId: plan.accountId,
      type: "plan.stage_closed",
      dedupeKey: `stage-closed:${params.planId}:${plan.stage}`,
      data: { planId: params.planId, stage: plan.stage, closedAt: now.toISOString() },
      occurredAt: now,
    });
    return stage;
  });
  return toStageSummaryDto(row);
};

export const listStages = async (db: Db, actor: Actor, planId: string) => {
  const plan = await getPlanRow(db, actor, planId);
  const rows = await findStages(db, { workspaceId: actor.workspaceId, planId });
  return { current: plan.stage, data: rows.map(toStageSummaryDto) };
};

export const getStage = async (
  db: Db,
  actor: Actor,
  params: { planId: string; number: number },
) => {
  await getPlanRow(db, actor, params.planId);
  const row = await findStage(db, { workspaceId: actor.workspaceId, ...params });
  if (!row) throw stageNotFound(params.number);
  return { ...toStageSummaryDto(row), document: row.document };
};

const documentAt = async (db: Db, actor: Actor, planId: string, ref: StageRef) => {
  if (ref === "current") {
    const loaded = await loadPlanDocument(db, { workspaceId: actor.workspaceId, planId });
    if (!loaded) throw planNotFound();
    return loaded.document;
  }
  const row = await findStage(db, { workspaceId: actor.workspaceId, planId, number: ref });
  if (!row) throw stageNotFound(ref);
  return row.document;
};

export const diffStages = async (
  db: Db,
  actor: Actor,
  params: { planId: string; from: StageRef; to: StageRef },
) => {
  await getPlanRow(db, actor, params.planId);
  const before = await documentAt(db, actor, params.planId, params.from);
  const after = await documentAt(db, actor, params.planId, params.to);
  return { from: params.from, to: params.to, diff: diffPlans(before, after) };
};
