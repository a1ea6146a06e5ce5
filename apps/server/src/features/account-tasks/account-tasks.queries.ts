import type { HealthBand } from "@michi/core";
import { and, asc, eq, isNull, lte, ne, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import {
  accountHealthLatest,
  accountInteractions,
  accounts,
  accountTasks,
  users,
  workspaceMembers,
} from "../../db/schema";
import { insertAccountEvent } from "../playbooks/account-events.queries";

export type AccountTaskRow = typeof accountTasks.$inferSelect;
export type NewAccountTask = typeof accountTasks.$inferInsert;

/** The most rows one queue read returns per source (the plan tasks' read stops at 1000 too). */
export const QUEUE_LIMIT = 1000;

/** The `task.created` event of a task, written with it (decision 0030: the outbox). */
export const recordTaskCreated = (db: DbOrTx, task: AccountTaskRow) =>
  insertAccountEvent(db, {
    workspaceId: task.workspaceId,
    accountId: task.accountId,
    type: "task.created",
    dedupeKey: `task-created:${task.id}`,
    data: {
      taskId: task.id,
      title: task.title,
      ownerUserId: task.ownerUserId,
      dueDate: task.dueDate,
    },
    occurredAt: task.createdAt,
  });

/** The `task.completed` event; a task completed, reopened and completed again has two. */
export const recordTaskCompleted = (db: DbOrTx, task: AccountTaskRow) => {
  const completedAt = task.completedAt ?? new Date();
  return insertAccountEvent(db, {
    workspaceId: task.workspaceId,
    accountId: task.accountId,
    type: "task.completed",
    dedupeKey: `task-completed:${task.id}:${completedAt.toISOString()}`,
    data: {
      taskId: task.id,
      title: task.title,
      ownerUserId: task.ownerUserId,
      dueDate: task.dueDate,
      resultCode: task.resultCode,
    },
    occurredAt: completedAt,
  });
};

export const insertAccountTask = async (db: DbOrTx, values: NewAccountTask) => {
  const [row] = await db.insert(accountTasks).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
};

/**
 * A playbook step's task, made once per (run, step): a retried step finds the
 * task it made before and records no second `task.created`. Returns the
 * task's id, new or existing. Call it inside the runner's transaction.
 */
export const insertPlaybookTask = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    accountId: string;
    title: string;
    ownerUserId: string | null;
    dueDate: string | null;
    playbookRunId: string;
    playbookStep: number;
  },
): Promise<string> => {
  const [row] = await db
    .insert(accountTasks)
    .values(params)
    .onConflictDoNothing({
      target: [accountTasks.workspaceId, accountTasks.playbookRunId, accountTasks.playbookStep],
    })
    .returning();
  if (row) {
    await recordTaskCreated(db, row);
    return row.id;
  }
  const [existing] = await db
    .select({ id: accountTasks.id })
    .from(accountTasks)
    .where(
      and(
        eq(accountTasks.workspaceId, params.workspaceId),
        eq(accountTasks.playbookRunId, params.playbookRunId),
        eq(accountTasks.playbookStep, params.playbookStep),
      ),
    )
    .limit(1);
  if (!existing) throw new Error("the playbook task is neither new nor stored");
  return existing.id;
};

/** A task with the owner of its account (a csm may change unowned tasks of their accounts). */
export const findAccountTask = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const [row] = await db
    .select({ task: accountTasks, accountOwnerUserId: accounts.ownerUserId })
    .from(accountTasks)
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, accountTasks.workspaceId),
        eq(accounts.id, accountTasks.accountId),
      ),
    )
    .where(and(eq(accountTasks.workspaceId, params.workspaceId), eq(accountTasks.id, params.id)))
    .limit(1);
  return row;
};

export const updateAccountTask = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string; values: Partial<NewAccountTask> },
) => {
  const [row] = await db
    .update(accountTasks)
    .set({ ...params.values, updatedAt: new Date() })
    .where(and(eq(accountTasks.workspaceId, params.workspaceId), eq(accountTasks.id, params.id)))
    .returning();
  return row;
};

/** The note written on completing a task: a "note" on the account's timeline. */
export const insertTaskNote = async (
  db: DbOrTx,
  values: {
    workspaceId: string;
    accountId: string;
    taskId: string;
    subject: string;
    body: string;
    authorUserId: string | null;
    occurredAt: Date;
  },
) => {
  const [row] = await db
    .insert(accountInteractions)
    .values({ ...values, kind: "note" })
    .returning({ id: accountInteractions.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
};

/**
 * Account tasks for the queue, with the account's and the owner's names.
 * `mine`: the person's own tasks and the unowned ones of accounts they own.
 * `ownerUserId`: one member's. Neither: everyone's, unowned ones too.
 */
export const findQueueAccountTasks = (
  db: DbOrTx,
  params: {
    workspaceId: string;
    includeDone: boolean;
    mine?: string | undefined;
    ownerUserId?: string | undefined;
  },
) => {
  const where: (SQL | undefined)[] = [eq(accountTasks.workspaceId, params.workspaceId)];
  if (!params.includeDone) where.push(ne(accountTasks.status, "done"));
  if (params.mine) {
    where.push(
      or(
        eq(accountTasks.ownerUserId, params.mine),
        and(isNull(accountTasks.ownerUserId), eq(accounts.ownerUserId, params.mine)),
      ),
    );
  } else if (params.ownerUserId) {
    where.push(eq(accountTasks.ownerUserId, params.ownerUserId));
  }
  return db
    .select({
      task: accountTasks,
      accountName: accounts.name,
      ownerName: users.name,
    })
    .from(accountTasks)
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, accountTasks.workspaceId),
        eq(accounts.id, accountTasks.accountId),
      ),
    )
    .leftJoin(users, eq(users.id, accountTasks.ownerUserId))
    .where(and(...where))
    .orderBy(sql`${accountTasks.dueDate} asc nulls last`, asc(accountTasks.createdAt))
    .limit(QUEUE_LIMIT);
};

export type AccountFigures = {
  accountId: string;
  mrr: { currency: string; minor: number }[];
  score: number | null;
  band: HealthBand | null;
};

/**
 * The MRR per currency (active contracts, largest first) and the latest
 * health score on or before `today` of some accounts, in one statement. A
 * churned account has no current score, as in the account list.
 */
export const findAccountFigures = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[]; today: string },
): Promise<AccountFigures[]> => {
  if (params.accountIds.length === 0) return [];
  const ids = sql`${`{${params.accountIds.join(",")}}`}::uuid[]`;
  return db
    .select({
      accountId: accounts.id,
      mrr: sql<AccountFigures["mrr"]>`coalesce((select json_agg(json_build_object(
          'currency', m.currency, 'minor', m.minor) order by m.minor desc, m.currency)
        from (select c.currency, sum(c.mrr_minor)::float8 as minor from contracts c
          where c.workspace_id = ${accounts.workspaceId} and c.account_id = ${accounts.id}
            and c.status = 'active' group by c.currency) m), '[]'::json)`,
      score: accountHealthLatest.score,
      band: accountHealthLatest.band,
    })
    .from(accounts)
    .leftJoin(
      accountHealthLatest,
      and(
        eq(accountHealthLatest.workspaceId, accounts.workspaceId),
        eq(accountHealthLatest.accountId, accounts.id),
        lte(accountHealthLatest.day, params.today),
        isNull(accounts.churnedOn),
      ),
    )
    .where(and(eq(accounts.workspaceId, params.workspaceId), sql`${accounts.id} = any(${ids})`));
};

/** Members who carry work (every role but viewer), by name: the rows of the load table. */
export const findWorkingMembers = (db: DbOrTx, workspaceId: string) =>
  db
    .select({ userId: users.id, name: users.name })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), ne(workspaceMembers.role, "viewer")))
    .orderBy(asc(users.name), asc(users.id));
