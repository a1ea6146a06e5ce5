import { and, asc, eq, exists, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  accounts,
  contacts,
  contracts,
  planHistory,
  planMeetings,
  planStages,
  successPlans,
  users,
} from "../db/schema";
import { insertPlanDocument, parsePlanDocument } from "../features/success-plans/plan-store";
import type { Actor } from "../lib/hono-env";
import type { Industry } from "./demo-names";
import {
  type DemoPlanAccount,
  morningOf,
  PLAN_COUNT,
  planDemoPlan,
  todayIn,
} from "./demo-plan-timeline";

/*
 * Writes the demo plans (demo-plan-timeline.ts) for the demo workspace's
 * accounts: each through the plan write path (validated like an import),
 * then its closed stages, their history entries and its meetings in one
 * insert per table.
 */

/** Current customers (an active contract), enterprise first, then mid-market. */
const findDemoPlanAccounts = async (db: Db, workspaceId: string): Promise<DemoPlanAccount[]> => {
  const current = db
    .select({ one: sql`1` })
    .from(contracts)
    .where(
      and(
        eq(contracts.workspaceId, accounts.workspaceId),
        eq(contracts.accountId, accounts.id),
        eq(contracts.status, "active"),
      ),
    );
  const rows = await db
    .select({
      id: accounts.id,
      name: accounts.name,
      externalId: accounts.externalId,
      industry: accounts.industry,
      ownerUserId: accounts.ownerUserId,
    })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, workspaceId),
        inArray(accounts.segment, ["enterprise", "mid-market"]),
        exists(current),
      ),
    )
    .orderBy(sql`${accounts.segment} = 'enterprise' desc`, asc(accounts.externalId))
    .limit(PLAN_COUNT);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const contactRows = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.accountId, ids)))
    .orderBy(asc(contacts.externalId));
  const ownerIds = [...new Set(rows.flatMap((r) => (r.ownerUserId ? [r.ownerUserId] : [])))];
  const owners =
    ownerIds.length > 0
      ? await db
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(inArray(users.id, ownerIds))
      : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    externalId: r.externalId,
    industry: (r.industry ?? "retail") as Industry,
    contacts: contactRows.filter((c) => c.accountId === r.id),
    owner: owners.find((o) => o.id === r.ownerUserId) ?? null,
  }));
};

export const seedDemoPlans = async (db: Db, params: { workspaceId: string; now?: Date }) => {
  const { workspaceId } = params;
  const now = params.now ?? new Date();
  const today = todayIn(now);
  const chosen = await findDemoPlanAccounts(db, workspaceId);
  const planned = chosen.map((account, i) => ({ account, plan: planDemoPlan(i, account, today) }));

  await db.transaction(async (tx) => {
    const stageRows: (typeof planStages.$inferInsert)[] = [];
    const historyRows: (typeof planHistory.$inferInsert)[] = [];
    const meetingRows: (typeof planMeetings.$inferInsert)[] = [];
    for (const { account, plan } of planned) {
      const actor: Actor = account.owner
        ? { kind: "user", userId: account.owner.id, workspaceId, role: "csm" }
        : { kind: "system", workspaceId, role: "admin" };
      // Validated as any import would be: a demo plan that breaks the format is a bug here.
      const row = await insertPlanDocument(tx, {
        workspaceId,
        accountId: account.id,
        document: parsePlanDocument(plan.document),
        active: true,
        actor,
        action: "created",
      });
      const created = morningOf(plan.start, now);
      await tx
        .update(successPlans)
        .set({ stage: plan.stages.length + 1, createdAt: created, updatedAt: now })
        .where(and(eq(successPlans.workspaceId, workspaceId), eq(successPlans.id, row.id)));
      await tx
        .update(planHistory)
        .set({ at: created })
        .where(and(eq(planHistory.workspaceId, workspaceId), eq(planHistory.planId, row.id)));
      const who = {
        kind: actor.kind,
        id: account.owner?.id ?? null,
        name: account.owner?.name ?? "CLI",
      };
      for (const stage of plan.stages) {
        const closedAt = morningOf(stage.closedOn, now);
        stageRows.push({
          workspaceId,
          planId: row.id,
          number: stage.number,
          openedAt: morningOf(stage.openedOn, now),
          closedAt,
          closedByKind: who.kind,
          closedById: who.id,
          closedByName: who.name,
          document: stage.document,
          retrospective: stage.retrospective,
        });
        historyRows.push({
          workspaceId,
          planId: row.id,
          at: closedAt,
          action: "stageClosed",
          version: 1,
          actorKind: who.kind,
          actorId: who.id,
          actorName: who.name,
          summary: { stage: stage.number },
        });
      }
      for (const m of plan.meetings) {
        meetingRows.push({ workspaceId, planId: row.id, ...m, createdAt: morningOf(m.date, now) });
      }
    }
    if (stageRows.length > 0) await tx.insert(planStages).values(stageRows);
    if (historyRows.length > 0) await tx.insert(planHistory).values(historyRows);
    if (meetingRows.length > 0) await tx.insert(planMeetings).values(meetingRows);
  });
  return { plans: planned.length };
};
