import {
  AppError,
  calendarDateInTokyo,
  checkPlan,
  DEFAULT_MAX_IN_PROGRESS,
  PLAN_FORMAT,
  type PlanDocument,
} from "@michi/core";
import type { Db, DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { iso } from "../../lib/sql";
import { getAccount } from "../accounts/accounts.service";
import { findMeetingsOfPlan } from "./meetings.queries";
import {
  insertPlanDocument,
  loadPlanDocument,
  parsePlanDocument,
  planNotFound,
  savePlanDocument,
} from "./plan-store";
import {
  deactivatePlansOfAccount,
  deleteLayoutKeys,
  deletePlan,
  findAccountsForImport,
  findLayout,
  findPlan,
  findPlansOfAccount,
  hasActivePlan,
  lockAccount,
  lockPlan,
  type PlanRow,
  updatePlan,
  upsertLayout,
} from "./plans.queries";
import type {
  MeasurementInput,
  PlanCreateInput,
  PlanImportInput,
  PlanLayoutPut,
  PlanPatch,
} from "./plans.schemas";
import { findTemplateDocument } from "./templates.service";

/** The calendar date in Japan, where Michi's customers are; workspaces have no time zone yet. */
export const todayInTokyo = (now = new Date()) => calendarDateInTokyo(now);

export const toPlanSummaryDto = (plan: PlanRow) => ({
  id: plan.id,
  title: plan.title,
  status: plan.status ?? "draft",
  active: plan.active,
  stage: plan.stage,
  period: { start: plan.periodStart, end: plan.periodEnd },
  updatedAt: iso(plan.updatedAt),
});

/** GET /plans/{id}'s answer: the document, with what is not part of it. */
const planDto = async (db: DbOrTx, workspaceId: string, planId: string) => {
  const loaded = await loadPlanDocument(db, { workspaceId, planId });
  if (!loaded) throw planNotFound();
  const { plan } = loaded;
  return {
    id: plan.id,
    accountId: plan.accountId,
    version: plan.version,
    active: plan.active,
    stage: plan.stage,
    updatedAt: iso(plan.updatedAt),
    document: loaded.document,
    layout: Object.fromEntries(loaded.layout.map((p) => [p.nodeKey, { x: p.x, y: p.y }])),
    teamLinks: Object.fromEntries(
      loaded.team.map((m) => [m.key, { contactId: m.contactId, userId: m.userId }]),
    ),
  };
};

export type PlanDto = Awaited<ReturnType<typeof planDto>>;

/** A plan of the caller's workspace, or 404 (also for another workspace's plan). */
export const getPlanRow = async (db: DbOrTx, actor: Actor, id: string) => {
  const plan = await findPlan(db, { workspaceId: actor.workspaceId, id });
  if (!plan) throw planNotFound();
  return plan;
};

export const getPlan = async (db: Db, actor: Actor, id: string) => {
  return planDto(db, actor.workspaceId, id);
};

export const listPlansOfAccount = async (db: Db, actor: Actor, accountId: string) => {
  await getAccount(db, actor, accountId);
  const rows = await findPlansOfAccount(db, { workspaceId: actor.workspaceId, accountId });
  return { data: rows.map(toPlanSummaryDto) };
};

/** Creates the plan; it becomes the account's active plan when the account has none. */
const createPlan = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; document: PlanDocument; action: "created" | "imported" },
) => {
  const planId = await db.transaction(async (tx) => {
    const workspaceId = actor.workspaceId;
    // Serialises plan creation per account, so "the first plan is active" holds.
    await lockAccount(tx, { workspaceId, id: params.accountId });
    const active = !(await hasActivePlan(tx, { workspaceId, accountId: params.accountId }));
    const plan = await insertPlanDocument(tx, { ...params, workspaceId, active, actor });
    return plan.id;
  });
  return planDto(db, actor.workspaceId, planId);
};

export const emptyPlanDocument = (accountName: string): PlanDocument => ({
  format: PLAN_FORMAT,
  title: `${accountName} サクセスプラン`.slice(0, 200),
  status: "draft",
  pufu: { goal: "", winCondition: { text: "" } },
});

export const createPlanForAccount = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; input: PlanCreateInput },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const { title, templateId } = params.input;
  let document = emptyPlanDocument(account.name);
  if (templateId) {
    const template = await findTemplateDocument(db, actor.workspaceId, templateId);
    if (!template) {
      throw new AppError("validation-failed", "There is no such template.", [
        { pointer: "/templateId", message: "is not a template of this workspace" },
      ]);
    }
    document = { ...template, title: `${account.name} ${template.title}`.slice(0, 200) };
  }
  if (title) document = { ...document, title };
  return createPlan(db, actor, { accountId: account.id, document, action: "created" });
};

const noAccount = (message: string, pointer = "/account") =>
  new AppError("validation-failed", "The plan's account could not be found.", [
    { pointer, message },
  ]);

/** The account an imported plan goes to: accountId, else externalId, else the name. */
const resolveImportAccount = async (db: Db, actor: Actor, input: PlanImportInput) => {
  const workspaceId = actor.workspaceId;
  if (input.accountId) {
    const rows = await findAccountsForImport(db, { workspaceId, id: input.accountId });
    if (!rows[0]) throw noAccount("is not an account of this workspace", "/accountId");
    return rows[0].id;
  }
  const wanted = input.document.account;
  if (wanted?.externalId) {
    const rows = await findAccountsForImport(db, { workspaceId, externalId: wanted.externalId });
    if (rows[0]) return rows[0].id;
  }
  if (wanted?.name) {
    const rows = await findAccountsForImport(db, { workspaceId, name: wanted.name });
    if (rows.length > 1) {
      throw noAccount(`names ${rows.length} accounts; give accountId to choose one`);
    }
    if (rows[0]) return rows[0].id;
  }
  throw noAccount(
    wanted
      ? "matches no account of this workspace by externalId or name"
      : "is missing; give accountId or an account with externalId or name",
  );
};

export const importPlan = async (db: Db, actor: Actor, input: PlanImportInput) => {
  const document = parsePlanDocument(input.document);
  const accountId = await resolveImportAccount(db, actor, { ...input, document });
  return createPlan(db, actor, { accountId, document, action: "imported" });
};

export const putPlanDocument = async (
  db: Db,
  actor: Actor,
  params: { id: string; version: number; document: unknown },
) => {
  await db.transaction((tx) =>
    savePlanDocument(tx, {
      workspaceId: actor.workspaceId,
      planId: params.id,
      document: params.document,
      expectedVersion: params.version,
      actor,
    }),
  );
  return planDto(db, actor.workspaceId, params.id);
};

/**
 * Changes the current document with `change` and saves it through the one
 * write path, at the version it was read at (the row is locked meanwhile).
 */
export const updatePlanDocument = async (
  db: Db,
  actor: Actor,
  params: { id: string; change: (document: PlanDocument) => PlanDocument },
) => {
  const workspaceId = actor.workspaceId;
  await db.transaction(async (tx) => {
    const locked = await lockPlan(tx, { workspaceId, id: params.id });
    if (!locked) throw planNotFound();
    const loaded = await loadPlanDocument(tx, { workspaceId, planId: params.id });
    if (!loaded) throw planNotFound();
    await savePlanDocument(tx, {
      workspaceId,
      planId: params.id,
      document: params.change(loaded.document),
      expectedVersion: locked.version,
      actor,
    });
  });
  return planDto(db, workspaceId, params.id);
};

export const patchPlan = async (db: Db, actor: Actor, id: string, patch: PlanPatch) => {
  const workspaceId = actor.workspaceId;
  if (patch.title !== undefined) {
    const title = patch.title;
    await updatePlanDocument(db, actor, { id, change: (doc) => ({ ...doc, title }) });
  }
  if (patch.active) {
    await db.transaction(async (tx) => {
      const plan = await getPlanRow(tx, actor, id);
      await lockAccount(tx, { workspaceId, id: plan.accountId });
      await deactivatePlansOfAccount(tx, { workspaceId, accountId: plan.accountId });
      await updatePlan(tx, { workspaceId, id, values: { active: true } });
    });
  }
  return planDto(db, workspaceId, id);
};

export const removePlan = async (db: Db, actor: Actor, id: string) => {
  if (!(await deletePlan(db, { workspaceId: actor.workspaceId, id }))) throw planNotFound();
};

/** Keys a node position may have: the document's, or "_" names for non-element nodes. */
const layoutKeyProblems = (document: PlanDocument, keys: string[]) => {
  const known = new Set(
    [
      ...(document.pufu.objectives ?? []),
      ...(document.pufu.measures ?? []),
      ...(document.kpis ?? []),
      ...(document.roadmap ?? []),
      ...(document.milestones ?? []),
      ...(document.tasks ?? []),
      ...(document.team ?? []),
    ].map((e) => e.key),
  );
  return keys
    .filter((key) => !key.startsWith("_") && !known.has(key))
    .map((key) => ({ pointer: `/positions/${key}`, message: "is not a key of this plan" }));
};

export const putPlanLayout = async (
  db: Db,
  actor: Actor,
  params: { id: string; input: PlanLayoutPut },
) => {
  const workspaceId = actor.workspaceId;
  const loaded = await loadPlanDocument(db, { workspaceId, planId: params.id });
  if (!loaded) throw planNotFound();
  const entries = Object.entries(params.input.positions);
  const problems = layoutKeyProblems(
    loaded.document,
    entries.map(([key]) => key),
  );
  if (problems.length > 0) {
    throw new AppError(
      "validation-failed",
      "Some positions are for keys the plan does not have.",
      problems,
    );
  }
  const ids = { workspaceId, planId: params.id };
  await db.transaction(async (tx) => {
    await upsertLayout(tx, {
      ...ids,
      positions: entries.flatMap(([key, p]) => (p ? [{ key, x: p.x, y: p.y }] : [])),
    });
    await deleteLayoutKeys(tx, { ...ids, keys: entries.filter(([, p]) => !p).map(([k]) => k) });
  });
  const rows = await findLayout(db, ids);
  return { layout: Object.fromEntries(rows.map((p) => [p.key, { x: p.x, y: p.y }])) };
};

export const exportPlanDocument = async (db: Db, actor: Actor, id: string) => {
  const loaded = await loadPlanDocument(db, { workspaceId: actor.workspaceId, planId: id });
  if (!loaded) throw planNotFound();
  return loaded.document;
};

/** The plan's findings as of a date, counting the meetings held by then. */
export const findPlanFindings = async (
  db: DbOrTx,
  params: { workspaceId: string; planId: string; document: PlanDocument; asOf: string },
) => {
  const { workspaceId, planId, asOf } = params;
  const meetings = await findMeetingsOfPlan(db, { workspaceId, planId });
  return checkPlan(params.document, {
    today: asOf,
    // No per-workspace setting yet: the default of DOMAIN.md.
    limits: { maxInProgress: DEFAULT_MAX_IN_PROGRESS },
    meetings: meetings.filter((m) => m.date <= asOf),
  });
};

export const getPlanChecks = async (
  db: Db,
  actor: Actor,
  params: { id: string; asOf?: string },
) => {
  const planId = params.id;
  const workspaceId = actor.workspaceId;
  const loaded = await loadPlanDocument(db, { workspaceId, planId });
  if (!loaded) throw planNotFound();
  const asOf = params.asOf ?? todayInTokyo();
  const findings = await findPlanFindings(db, {
    workspaceId,
    planId,
    document: loaded.document,
    asOf,
  });
  return { asOf, findings };
};

/** Adds a dated value to a KPI; kept in date order, after others of the same date. */
export const addKpiMeasurement = async (
  db: Db,
  actor: Actor,
  params: { id: string; key: string; input: MeasurementInput },
) => {
  const { date, value, note } = params.input;
  const measurement = { date, value, ...(note ? { note } : {}) };
  return updatePlanDocument(db, actor, {
    id: params.id,
    change: (doc) => {
      const kpi = doc.kpis?.find((k) => k.key === params.key);
      if (!kpi)
        throw new AppError("not-found", `The plan has no KPI with the key "${params.key}".`);
      const list = [...(kpi.measurements ?? [])];
      const at = list.findIndex((m) => m.date > date);
      list.splice(at === -1 ? list.length : at, 0, measurement);
      return {
        ...doc,
        kpis: doc.kpis?.map((k) => (k.key === params.key ? { ...k, measurements: list } : k)),
      };
    },
  });
};
