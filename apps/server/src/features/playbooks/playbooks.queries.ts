import type { PlaybookInput } from "@michi/core";
import { and, asc, count, desc, eq, isNull, lt, max, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accounts, playbookRuns, playbooks } from "../../db/schema";

const runTotals = (db: DbOrTx, workspaceId: string) =>
  db
    .select({
      playbookId: playbookRuns.playbookId,
      total: count().as("total"),
      lastAt: max(playbookRuns.createdAt).as("last_at"),
    })
    .from(playbookRuns)
    .where(eq(playbookRuns.workspaceId, workspaceId))
    .groupBy(playbookRuns.playbookId)
    .as("run_totals");

/** The workspace's playbooks (not archived), oldest first, with their run counts. */
export const findPlaybooks = async (db: DbOrTx, params: { workspaceId: string; id?: string }) => {
  const totals = runTotals(db, params.workspaceId);
  return db
    .select({
      id: playbooks.id,
      definition: playbooks.definition,
      templateKey: playbooks.templateKey,
      createdAt: playbooks.createdAt,
      updatedAt: playbooks.updatedAt,
      runsTotal: totals.total,
      runsLastAt: totals.lastAt,
    })
    .from(playbooks)
    .leftJoin(totals, eq(totals.playbookId, playbooks.id))
    .where(
      and(
        eq(playbooks.workspaceId, params.workspaceId),
        isNull(playbooks.archivedAt),
        params.id ? eq(playbooks.id, params.id) : undefined,
      ),
    )
    .orderBy(asc(playbooks.createdAt), asc(playbooks.id));
};
export type PlaybookRow = Awaited<ReturnType<typeof findPlaybooks>>[number];

export const insertPlaybook = async (
  db: DbOrTx,
  values: {
    workspaceId: string;
    definition: PlaybookInput;
    templateKey: string | null;
    createdByUserId: string | null;
  },
) => {
  const [row] = await db.insert(playbooks).values(values).returning({ id: playbooks.id });
  return row!.id;
};

/** Updates a live playbook; false when there is none with this id. */
export const updatePlaybook = async (
  db: DbOrTx,
  params: { workspaceId: string; id: string; definition: PlaybookInput },
) => {
  const rows = await db
    .update(playbooks)
    .set({ definition: params.definition, updatedAt: new Date() })
    .where(
      and(
        eq(playbooks.workspaceId, params.workspaceId),
        eq(playbooks.id, params.id),
        isNull(playbooks.archivedAt),
      ),
    )
    .returning({ id: playbooks.id });
  return rows.length > 0;
};

/** Archived, not deleted: its runs stay on the accounts' timelines. */
export const archivePlaybook = async (db: DbOrTx, params: { workspaceId: string; id: string }) => {
  const rows = await db
    .update(playbooks)
    .set({ archivedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(playbooks.workspaceId, params.workspaceId),
        eq(playbooks.id, params.id),
        isNull(playbooks.archivedAt),
      ),
    )
    .returning({ id: playbooks.id });
  return rows.length > 0;
};

export const RUNS_PAGE = 50;

/** Runs, newest first, by playbook or account; keyset on (created_at, id). */
export const findPlaybookRuns = (
  db: DbOrTx,
  params: {
    workspaceId: string;
    playbookId?: string;
    accountId?: string;
    after?: { createdAt: Date; id: string };
  },
) => {
  const conditions: (SQL | undefined)[] = [
    eq(playbookRuns.workspaceId, params.workspaceId),
    params.playbookId ? eq(playbookRuns.playbookId, params.playbookId) : undefined,
    params.accountId ? eq(playbookRuns.accountId, params.accountId) : undefined,
    params.after
      ? or(
          lt(playbookRuns.createdAt, params.after.createdAt),
          and(
            eq(playbookRuns.createdAt, params.after.createdAt),
            lt(playbookRuns.id, params.after.id),
          ),
        )
      : undefined,
  ];
  return db
    .select({
      id: playbookRuns.id,
      playbookId: playbookRuns.playbookId,
      playbookDefinition: playbooks.definition,
      accountId: playbookRuns.accountId,
      accountName: accounts.name,
      signal: playbookRuns.signal,
      status: playbookRuns.status,
      steps: playbookRuns.steps,
      error: playbookRuns.error,
      resumeAt: playbookRuns.resumeAt,
      startedByUserId: playbookRuns.startedByUserId,
      createdAt: playbookRuns.createdAt,
      finishedAt: playbookRuns.finishedAt,
    })
    .from(playbookRuns)
    .innerJoin(
      playbooks,
      and(
        eq(playbooks.workspaceId, playbookRuns.workspaceId),
        eq(playbooks.id, playbookRuns.playbookId),
      ),
    )
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, playbookRuns.workspaceId),
        eq(accounts.id, playbookRuns.accountId),
      ),
    )
    .where(and(...conditions))
    .orderBy(desc(playbookRuns.createdAt), desc(playbookRuns.id))
    .limit(RUNS_PAGE + 1);
};
