import {
  AppError,
  coded,
  diffPlans,
  type FieldProblem,
  type PlanDocument,
  validatePlanDocument,
} from "@michi/core";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { apiKeys, type PlanHistoryAction, users } from "../../db/schema";
import type { Actor } from "../../lib/hono-env";
import { summarizePlanDiff } from "./history-summary";
import {
  documentToElementRows,
  documentToPlanColumns,
  type PlanElementRows,
  rowsToDocument,
} from "./plan-rows";
import {
  deletePlanElements,
  findPeopleByEmail,
  findPlanGraph,
  insertHistory,
  insertPlan,
  insertPlanElements,
  lockPlan,
  pruneLayout,
  updatePlanVersioned,
} from "./plans.queries";

/*
 * The one write path of a plan's content. Every change (an edit of the
 * document, a KPI measurement, a title) goes through savePlanDocument, so
 * validation, the version check and the history entry happen in one place.
 */

export const planNotFound = () =>
  new AppError("not-found", "There is no such success plan in this workspace.");

export const invalidDocument = (problems: FieldProblem[]) =>
  new AppError("validation-failed", "The plan document is not a valid michi.plan/v1 document.", {
    errors: problems,
    problem: coded("plan-document-invalid", { count: problems.length }),
  });

const DATE_FIELDS = new Set(["date", "dueDate", "doneDate", "startDate", "start", "end"]);

/**
 * What the format allows but PostgreSQL cannot store: the NUL character in
 * text (text and jsonb refuse it) and the year 0000 (date starts at year 1).
 */
export const findStorageProblems = (value: unknown, pointer = "", name = "") => {
  const problems: FieldProblem[] = [];
  if (typeof value === "string") {
    if (value.includes("\u0000")) {
      problems.push({
        pointer,
        message: "must not contain the NUL character (U+0000)",
        ...coded("nul-character", {}),
      });
    }
    if (DATE_FIELDS.has(name) && value.startsWith("0000-")) {
      problems.push({
        pointer,
        message: "must be a date in year 1 or later",
        ...coded("date-before-year-1"),
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      problems.push(...findStorageProblems(item, `${pointer}/${i}`, name));
    });
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const escaped = key.replaceAll("~", "~0").replaceAll("/", "~1");
      problems.push(...findStorageProblems(item, `${pointer}/${escaped}`, key));
    }
  }
  return problems;
};

/** Validates an untrusted document; 422 with every problem when it is not valid. */
export const parsePlanDocument = (input: unknown): PlanDocument => {
  const result = validatePlanDocument(input);
  const problems = [...(result.ok ? [] : result.problems), ...findStorageProblems(input)];
  if (!result.ok || problems.length > 0) throw invalidDocument(problems);
  return result.plan;
};

export type ActorRecord = { kind: Actor["kind"]; id: string | null; name: string };

/** Who the actor is, by name as it is now; kept in history as it was then. */
export const describeActor = async (db: DbOrTx, actor: Actor): Promise<ActorRecord> => {
  if (actor.kind === "user") {
    const [row] = await db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, actor.userId))
      .limit(1);
    return { kind: "user", id: actor.userId, name: row?.name ?? "?" };
  }
  if (actor.kind === "apiKey") {
    const [row] = await db
      .select({ name: apiKeys.name })
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, actor.workspaceId), eq(apiKeys.id, actor.apiKeyId)))
      .limit(1);
    return { kind: "apiKey", id: actor.apiKeyId, name: row?.name ?? "API key" };
  }
  return { kind: "system", id: null, name: "CLI" };
};

const userIdOf = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

/** The stored document of a plan, with its row; undefined when there is no such plan. */
export const loadPlanDocument = async (
  db: DbOrTx,
  params: { workspaceId: string; planId: string },
) => {
  const found = await findPlanGraph(db, { workspaceId: params.workspaceId, id: params.planId });
  if (!found) return undefined;
  return {
    plan: found.plan,
    account: found.account,
    document: rowsToDocument(found.plan, found.elements, found.account),
    /** The diagram's node positions, and whom each team member is linked to: not in the document. */
    layout: found.layout,
    team: found.elements.team,
  };
};

/** Links team members to the account's contacts and the workspace's users by email. */
const linkTeam = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; rows: PlanElementRows },
) => {
  const emails = [
    ...new Set(params.rows.team.flatMap((m) => (m.email ? [m.email.toLowerCase()] : []))),
  ];
  const people = await findPeopleByEmail(db, { ...params, emails });
  for (const member of params.rows.team) {
    const email = member.email?.toLowerCase();
    if (!email) continue;
    member.contactId = people.contacts.find((c) => c.email === email)?.id ?? null;
    member.userId = people.users.find((u) => u.email.toLowerCase() === email)?.id ?? null;
  }
};

const writeElements = async (
  tx: DbOrTx,
  params: { workspaceId: string; planId: string; accountId: string; document: PlanDocument },
) => {
  const rows = documentToElementRows(params.document, {
    workspaceId: params.workspaceId,
    planId: params.planId,
  });
  await linkTeam(tx, { workspaceId: params.workspaceId, accountId: params.accountId, rows });
  await insertPlanElements(tx, rows);
};

/** Every key the document uses, for pruning layout positions of removed elements. */
const keysOf = (doc: PlanDocument): string[] =>
  [
    ...(doc.team ?? []),
    ...(doc.pufu.objectives ?? []),
    ...(doc.pufu.measures ?? []),
    ...(doc.roadmap ?? []),
    ...(doc.kpis ?? []),
    ...(doc.milestones ?? []),
    ...(doc.tasks ?? []),
    ...(doc.meetingCadences ?? []),
    ...(doc.failurePatterns ?? []),
  ].map((e) => e.key);

/**
 * A new plan from a valid document, with its history's first entry. The
 * document's `account` is not used: the plan belongs to `accountId`.
 */
export const insertPlanDocument = async (
  tx: DbOrTx,
  params: {
    workspaceId: string;
    accountId: string;
    document: PlanDocument;
    active: boolean;
    actor: Actor;
    action: Extract<PlanHistoryAction, "created" | "imported">;
  },
) => {
  const who = await describeActor(tx, params.actor);
  const plan = await insertPlan(tx, {
    workspaceId: params.workspaceId,
    accountId: params.accountId,
    ...documentToPlanColumns(params.document),
    active: params.active,
    createdByUserId: userIdOf(params.actor),
    updatedByUserId: userIdOf(params.actor),
  });
  await writeElements(tx, { ...params, planId: plan.id });
  await insertHistory(tx, {
    workspaceId: params.workspaceId,
    planId: plan.id,
    action: params.action,
    version: plan.version,
    actorKind: who.kind,
    actorId: who.id,
    actorName: who.name,
    summary: null,
  });
  return plan;
};

/**
 * Replaces the plan's content with `document` (validated here: 422 with every
 * problem, nothing stored), if the plan is still at `expectedVersion` (409
 * otherwise), bumps the version and records who changed what. Runs in the
 * caller's transaction; the plan's row is locked until it ends.
 */
export const savePlanDocument = async (
  tx: DbOrTx,
  params: {
    workspaceId: string;
    planId: string;
    document: unknown;
    expectedVersion: number;
    actor: Actor;
  },
) => {
  const document = parsePlanDocument(params.document);
  const ids = { workspaceId: params.workspaceId, planId: params.planId };
  const locked = await lockPlan(tx, { workspaceId: params.workspaceId, id: params.planId });
  if (!locked) throw planNotFound();
  if (locked.version !== params.expectedVersion) {
    throw new AppError(
      "conflict",
      `The plan was changed by someone else (it is at version ${locked.version}, not ${params.expectedVersion}). Reload it and apply your change again.`,
      {
        errors: [
          {
            pointer: "/version",
            message: `is not the current version (${locked.version})`,
            ...coded("stale-version", { current: locked.version }),
          },
        ],
        problem: coded("plan-version-conflict", {
          current: locked.version,
          expected: params.expectedVersion,
        }),
      },
    );
  }
  const before = await loadPlanDocument(tx, ids);
  if (!before) throw planNotFound();
  const who = await describeActor(tx, params.actor);

  const plan = await updatePlanVersioned(tx, {
    workspaceId: params.workspaceId,
    id: params.planId,
    expectedVersion: params.expectedVersion,
    values: { ...documentToPlanColumns(document), updatedByUserId: userIdOf(params.actor) },
  });
  if (!plan) throw planNotFound();
  await deletePlanElements(tx, ids);
  await writeElements(tx, { ...ids, accountId: plan.accountId, document });
  await pruneLayout(tx, { ...ids, keepKeys: keysOf(document) });

  await insertHistory(tx, {
    ...ids,
    action: "updated",
    version: plan.version,
    actorKind: who.kind,
    actorId: who.id,
    actorName: who.name,
    summary: summarizePlanDiff(diffPlans(before.document, document)),
  });
  return plan;
};
