import {
  AppError,
  canPerform,
  compareWorkQueueItems,
  isTaskOverdue,
  isTaskSnoozed,
  summarizeTaskLoad,
  todayInTokyo,
} from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { iso } from "../../lib/sql";
import { findMainCurrency } from "../../recompute";
import { assertOwnerInWorkspace, getAccount } from "../accounts/accounts.service";
import { findTasksOfTeam } from "../success-plans/team-tasks.queries";
import { findMembership } from "../workspaces/workspaces.queries";
import {
  type AccountFigures,
  type AccountTaskRow,
  findAccountFigures,
  findAccountTask,
  findQueueAccountTasks,
  findWorkingMembers,
  insertAccountTask,
  insertTaskNote,
  recordTaskCompleted,
  recordTaskCreated,
  updateAccountTask,
} from "./account-tasks.queries";
import type {
  AccountTaskCompletion,
  AccountTaskInput,
  AccountTaskPatch,
  WorkQueueItem,
  WorkQueueQuery,
} from "./account-tasks.schemas";

/** An account task as the API answers it. */
export const toAccountTaskDto = ({ workspaceId: _w, ...row }: AccountTaskRow) => ({
  ...row,
  completedAt: row.completedAt ? iso(row.completedAt) : null,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const notFound = () => new AppError("not-found", "There is no such task in this workspace.");

/** The person acting, if a person acts (an API key is nobody). */
const personOf = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

/**
 * Who may change a task: managers and admins any (read-team: they see the
 * team's work); a csm their own, and the unowned ones of accounts they own.
 * An API key with write acts for an integration its admin set up: any task.
 */
const assertMayChange = (
  actor: Actor,
  found: { task: AccountTaskRow; accountOwnerUserId: string | null },
) => {
  if (canPerform(actor.role, "read-team") || actor.kind !== "user") return;
  const { task, accountOwnerUserId } = found;
  if (task.ownerUserId === actor.userId) return;
  if (task.ownerUserId === null && accountOwnerUserId === actor.userId) return;
  throw new AppError(
    "forbidden",
    "A csm may change only their own tasks, and unowned tasks of accounts they own.",
  );
};

const getTaskToChange = async (db: Db, actor: Actor, id: string) => {
  const found = await findAccountTask(db, { workspaceId: actor.workspaceId, id });
  if (!found) throw notFound();
  assertMayChange(actor, found);
  return found.task;
};

/** A person's task on an account; `task.created` is recorded with it. */
export const createAccountTask = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; input: AccountTaskInput },
) => {
  await getAccount(db, actor, params.accountId);
  const { input } = params;
  const ownerUserId = input.ownerUserId === undefined ? personOf(actor) : input.ownerUserId;
  await assertOwnerInWorkspace(db, actor.workspaceId, ownerUserId);
  return db.transaction(async (tx) => {
    const task = await insertAccountTask(tx, {
      workspaceId: actor.workspaceId,
      accountId: params.accountId,
      title: input.title,
      ownerUserId,
      dueDate: input.dueDate ?? null,
      createdByUserId: personOf(actor),
    });
    await recordTaskCreated(tx, task);
    return task;
  });
};

/** Edit, reassign or snooze. */
export const patchAccountTask = async (
  db: Db,
  actor: Actor,
  params: { id: string; patch: AccountTaskPatch },
) => {
  await getTaskToChange(db, actor, params.id);
  if (params.patch.ownerUserId !== undefined) {
    await assertOwnerInWorkspace(db, actor.workspaceId, params.patch.ownerUserId);
  }
  const row = await updateAccountTask(db, {
    workspaceId: actor.workspaceId,
    id: params.id,
    values: params.patch,
  });
  if (!row) throw notFound();
  return row;
};

/**
 * Done, with how it ended; a note goes on the account's timeline (a "note"
 * interaction linked to the task). `task.completed` is recorded in the same
 * transaction.
 */
export const completeAccountTask = async (
  db: Db,
  actor: Actor,
  params: { id: string; completion: AccountTaskCompletion },
) => {
  const task = await getTaskToChange(db, actor, params.id);
  if (task.status === "done") {
    throw new AppError("conflict", "The task is already done; reopen it to complete it again.");
  }
  const completedAt = new Date();
  const note = params.completion.note?.trim() ?? "";
  return db.transaction(async (tx) => {
    const done = await updateAccountTask(tx, {
      workspaceId: actor.workspaceId,
      id: params.id,
      values: {
        status: "done",
        resultCode: params.completion.resultCode,
        completedAt,
        completedByUserId: personOf(actor),
        snoozedUntil: null,
      },
    });
    if (!done) throw notFound();
    const interactionId = note
      ? await insertTaskNote(tx, {
          workspaceId: actor.workspaceId,
          accountId: done.accountId,
          taskId: done.id,
          subject: done.title,
          body: note,
          authorUserId: personOf(actor),
          occurredAt: completedAt,
        })
      : null;
    await recordTaskCompleted(tx, done);
    return { task: done, interactionId };
  });
};

/** Open again; how it ended is forgotten (the note stays on the timeline). */
export const reopenAccountTask = async (db: Db, actor: Actor, id: string) => {
  const task = await getTaskToChange(db, actor, id);
  if (task.status === "open") return task;
  const row = await updateAccountTask(db, {
    workspaceId: actor.workspaceId,
    id,
    values: { status: "open", resultCode: null, completedAt: null, completedByUserId: null },
  });
  if (!row) throw notFound();
  return row;
};

type Owner = { userId: string; name: string } | null;

/** Whose queue: "me" (a person), "all", or one member (read-team, or oneself). */
const resolveQueueOwner = async (db: Db, actor: Actor, owner: string) => {
  const me = personOf(actor);
  if (owner === "me" || (me !== null && owner === me)) {
    if (me === null) {
      throw new AppError(
        "forbidden",
        "Only a person has a work queue of their own; an API key passes owner=all or a member's id.",
      );
    }
    return { kind: "me" as const, userId: me };
  }
  if (!canPerform(actor.role, "read-team")) {
    throw new AppError("forbidden", `Your role (${actor.role}) sees only its own work queue.`);
  }
  if (owner === "all") return { kind: "all" as const };
  if (!(await findMembership(db, { workspaceId: actor.workspaceId, userId: owner }))) {
    throw new AppError("validation-failed", "The owner is not a member of this workspace.", [
      { pointer: "/owner", message: "is not a member of this workspace" },
    ]);
  }
  return { kind: "member" as const, userId: owner };
};

/**
 * The work queue: account tasks and the tasks of active plans in one list,
 * with each account's MRR and health, in core's order
 * (compareWorkQueueItems). For all or one member, also each owner's load.
 */
export const listWorkQueue = async (db: Db, actor: Actor, query: WorkQueueQuery) => {
  const who = await resolveQueueOwner(db, actor, query.owner);
  const today = todayInTokyo(new Date());
  const includeDone = query.include === "all";
  const workspaceId = actor.workspaceId;
  const userId = who.kind === "all" ? undefined : who.userId;
  const [accountRows, planRows, mainCurrency] = await Promise.all([
    findQueueAccountTasks(db, {
      workspaceId,
      includeDone,
      mine: who.kind === "me" ? who.userId : undefined,
      ownerUserId: who.kind === "member" ? who.userId : undefined,
    }),
    findTasksOfTeam(db, { workspaceId, includeDone, userId }),
    findMainCurrency(db, workspaceId),
  ]);
  const activePlanRows = planRows.filter((row) => row.planActive);
  const accountIds = [
    ...new Set([
      ...accountRows.map((r) => r.task.accountId),
      ...activePlanRows.map((r) => r.accountId),
    ]),
  ];
  const figures = new Map<string, AccountFigures>(
    (await findAccountFigures(db, { workspaceId, accountIds, today })).map((f) => [f.accountId, f]),
  );
  const figuresOf = (accountId: string) => {
    const f = figures.get(accountId);
    return {
      mrr: f?.mrr ?? [],
      health: f && (f.score !== null || f.band !== null) ? { score: f.score, band: f.band } : null,
    };
  };

  const items: WorkQueueItem[] = [
    ...accountRows.map(({ task, accountName, ownerName }): WorkQueueItem => {
      const done = task.status === "done";
      return {
        source: "account",
        id: task.id,
        taskId: task.id,
        planId: null,
        planTitle: null,
        taskKey: null,
        accountId: task.accountId,
        accountName,
        title: task.title,
        dueDate: task.dueDate,
        status: task.status,
        overdue: isTaskOverdue({ dueDate: task.dueDate, done }, today),
        snoozedUntil: task.snoozedUntil,
        owner: task.ownerUserId ? { userId: task.ownerUserId, name: ownerName ?? "" } : null,
        ...figuresOf(task.accountId),
        resultCode: task.resultCode,
        completedAt: task.completedAt ? iso(task.completedAt) : null,
        playbookRunId: task.playbookRunId,
      };
    }),
    ...activePlanRows.map((row): WorkQueueItem => {
      const done = row.status === "done";
      return {
        source: "plan",
        id: `${row.planId}:${row.key}`,
        taskId: null,
        planId: row.planId,
        planTitle: row.planTitle,
        taskKey: row.key,
        accountId: row.accountId,
        accountName: row.accountName,
        title: row.title,
        dueDate: row.dueDate,
        status: done ? "done" : "open",
        overdue: isTaskOverdue({ dueDate: row.dueDate, done }, today),
        snoozedUntil: null,
        owner: { userId: row.ownerUserId, name: row.ownerName },
        ...figuresOf(row.accountId),
        resultCode: null,
        completedAt: null,
        playbookRunId: null,
      };
    }),
  ];

  const sortKeyOf = (item: WorkQueueItem) => ({
    done: item.status === "done",
    overdue: item.overdue,
    dueDate: item.dueDate,
    mrrMinor: item.mrr.find((m) => m.currency === mainCurrency)?.minor ?? 0,
    band: item.health?.band ?? null,
    score: item.health?.score ?? null,
    title: item.title,
  });
  const data = items
    .filter((item) => includeDone || !isTaskSnoozed(item, today))
    .map((item) => ({ item, key: sortKeyOf(item) }))
    .sort((a, b) => compareWorkQueueItems(a.key, b.key))
    .map(({ item }) => item);

  if (who.kind === "me") return { today, data };

  const members = await findWorkingMembers(db, workspaceId);
  const names = new Map<string, string>(members.map((m) => [m.userId, m.name]));
  for (const item of items) if (item.owner) names.set(item.owner.userId, item.owner.name);
  const load = summarizeTaskLoad(
    items.map((item) => ({
      ownerUserId: item.owner?.userId ?? null,
      dueDate: item.dueDate,
      done: item.status === "done",
    })),
    today,
    who.kind === "all" ? members.map((m) => m.userId) : [who.userId],
  ).map(({ ownerUserId, ...counts }) => ({
    owner: (ownerUserId === null
      ? null
      : { userId: ownerUserId, name: names.get(ownerUserId) ?? "" }) satisfies Owner,
    ...counts,
  }));
  return { today, data, load };
};
