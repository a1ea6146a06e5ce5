import {
  AppError,
  coded,
  PLAN_FORMAT,
  type PlanDocument,
  type PlanTeamCandidate,
  planLimits,
  prefillPlanTeam,
} from "@michi/core";
import type { Db, DbOrTx } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { iso } from "../../lib/sql";
import { getAccount } from "../accounts/accounts.service";
import { findContactsOfAccount } from "../contacts/contacts.queries";
import { listMembers } from "../workspaces/workspaces.queries";
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

const noSuchContact = (index: number) =>
  new AppError("validation-failed", "A contact is not one of the account's.", [
    { pointer: `/contacts/${index}/contactId`, message: "is not a contact of this account" },
  ]);

/**
 * The people a new plan's team starts with: the account owner as CSM, then
 * the chosen contacts in their roles (every contact as a user when none are
 * chosen). Contacts carry no plan role of their own: the dialog asks for it.
 */
const teamCandidates = async (
  db: Db,
  actor: Actor,
  params: { account: { id: string; ownerUserId: string | null }; input: PlanCreateInput },
): Promise<PlanTeamCandidate[]> => {
  const workspaceId = actor.workspaceId;
  const { account, input } = params;
  const [owner] = account.ownerUserId
    ? await listMembers(db, { workspaceId, userId: account.ownerUserId })
    : [];
  const contacts = await findContactsOfAccount(db, { workspaceId, accountId: account.id });
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const chosen = (
    input.contacts ?? contacts.map((c) => ({ contactId: c.id, role: "user" as const }))
  ).map(({ contactId, role }, index) => {
    const contact = byId.get(contactId);
    if (!contact) throw noSuchContact(index);
    return { contact, role };
  });
  // The plan keeps at most planLimits.team people: a too-large team is refused here, not stored.
  const count = (owner ? 1 : 0) + chosen.length;
  if (count > planLimits.team) {
    throw new AppError("validation-failed", "The project team would be too large.", [
      {
        pointer: "/contacts",
        message: `the team would have ${count} people; at most ${planLimits.team} (choose the contacts)`,
        ...coded("too-many-team-members", { count, maximum: planLimits.team }),
      },
    ]);
  }
  return [
    ...(owner
      ? [
          {
            side: "vendor" as const,
            role: "csm" as const,
            name: owner.name || owner.email,
            email: owner.email,
          },
        ]
      : []),
    ...chosen.map(({ contact, role }) => ({
      side: "customer" as const,
      role,
      name: contact.name,
      email: contact.email ?? undefined,
      title: contact.title ?? undefined,
    })),
  ];
};

export const createPlanForAccount = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; input: PlanCreateInput },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const { title, templateId, period } = params.input;
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
  if (period) document = { ...document, period };
  // Validated as every stored plan is: the prefilled team and the template together must fit.
  document = parsePlanDocument(
    prefillPlanTeam(document, await teamCandidates(db, actor, { account, input: params.input })),
  );
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
