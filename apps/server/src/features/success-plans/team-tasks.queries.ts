import { and, asc, eq, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import {
  accounts,
  planTasks,
  planTeamMembers,
  successPlans,
  users,
  workspaceMembers,
} from "../../db/schema";

/**
 * Tasks of the workspace's plans whose owner is a member of the workspace:
 * the team member is linked to the user, or (not linked) has the user's
 * email (links are made on save, so the email also finds members saved
 * before the user joined). With `userId`, one person's: My tasks. Michi keeps
 * no "manages" relation between users, so a manager's team is the whole
 * workspace.
 */
export const findTasksOfTeam = (
  db: DbOrTx,
  params: { workspaceId: string; includeDone: boolean; userId?: string | undefined },
) => {
  const where: (SQL | undefined)[] = [eq(planTasks.workspaceId, params.workspaceId)];
  if (!params.includeDone) {
    where.push(or(sql`${planTasks.status} is null`, ne(planTasks.status, "done")));
  }
  if (params.userId) where.push(eq(users.id, params.userId));
  return db
    .select({
      planId: successPlans.id,
      planTitle: successPlans.title,
      planActive: successPlans.active,
      accountId: accounts.id,
      accountName: accounts.name,
      key: planTasks.key,
      title: planTasks.title,
      dueDate: planTasks.dueDate,
      status: planTasks.status,
      ownerKey: planTasks.ownerKey,
      measureKey: planTasks.measureKey,
      milestoneKey: planTasks.milestoneKey,
      ownerUserId: users.id,
      ownerName: users.name,
    })
    .from(planTasks)
    .innerJoin(
      planTeamMembers,
      and(
        eq(planTeamMembers.workspaceId, planTasks.workspaceId),
        eq(planTeamMembers.planId, planTasks.planId),
        eq(planTeamMembers.key, planTasks.ownerKey),
      ),
    )
    .innerJoin(
      users,
      or(
        eq(users.id, planTeamMembers.userId),
        and(
          isNull(planTeamMembers.userId),
          sql`lower(${planTeamMembers.email}) = lower(${users.email})`,
        ),
      ),
    )
    .innerJoin(
      workspaceMembers,
      and(
        eq(workspaceMembers.workspaceId, planTasks.workspaceId),
        eq(workspaceMembers.userId, users.id),
      ),
    )
    .innerJoin(
      successPlans,
      and(
        eq(successPlans.workspaceId, planTasks.workspaceId),
        eq(successPlans.id, planTasks.planId),
      ),
    )
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, successPlans.workspaceId),
        eq(accounts.id, successPlans.accountId),
      ),
    )
    .where(and(...where))
    .orderBy(
      sql`${planTasks.dueDate} asc nulls last`,
      asc(users.name),
      asc(accounts.name),
      asc(successPlans.id),
      asc(planTasks.position),
    )
    .limit(1000);
};
