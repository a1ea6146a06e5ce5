import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accountTasks } from "../../db/schema";
import { insertAccountEvent } from "./account-events.queries";

/*
 * The work queue's feature (account-tasks) has a function of the same name
 * and shape; the one to keep is the lead's choice when the branches meet.
 */

/**
 * A playbook step's task, made once per (run, step): a retried step finds the
 * task it made before and records no second `task.created`. Returns the
 * task's id, new or existing. Call it inside a transaction, so the task and
 * its event are stored together.
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
    .returning({ id: accountTasks.id });
  if (row) {
    await insertAccountEvent(db, {
      workspaceId: params.workspaceId,
      accountId: params.accountId,
      type: "task.created",
      dedupeKey: `task-created:${row.id}`,
      data: {
        taskId: row.id,
        title: params.title,
        ownerUserId: params.ownerUserId,
        dueDate: params.dueDate,
      },
    });
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
