import { and, asc, eq, ne, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accounts, planTasks, planTeamMembers, successPlans } from "../../db/schema";

/**
 * Tasks of the workspace's plans whose owner is this user: a team member
 * linked to the user, or with the user's email (links are made on save, so
 * the email also finds members saved before the user joined).
 */
export const findTasksOfUser = (
  db: DbOrTx,
  params: { workspaceId: string; userId: string; email: string; includeDone: boolean },
) => {
  const where: (SQL | undefined)[] = [
    eq(planTasks.workspaceId, params.workspaceId),
    or(
      eq(planTeamMembers.userId, params.userId),
      sql`lower(${planTeamMembers.email}) = ${params.email.toLowerCase()}`,
    ),
  ];
  if (!params.includeDone) {
    where.push(or(sql`${planTasks.status} is null`, ne(planTasks.status, "done")));
  }
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
      asc(accounts.name),
      asc(successPlans.id),
      asc(planTasks.position),
    )
    .limit(1000);
};
