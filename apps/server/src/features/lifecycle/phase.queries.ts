import { and, asc, desc, eq, isNull, notInArray, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf, type Tx } from "../../db/client";
import {
  accountPhaseProposals,
  accountPhases,
  type PhaseDecider,
  type PhaseProposalResolution,
} from "../../db/schema";

/**
 * An account's stays, oldest first. Without rows the account is in the
 * workspace's first phase since it was created (nothing is stored until it moves).
 */
export const findPhaseStays = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; createdAt: Date; firstPhaseKey: string },
) => {
  const rows = await db
    .select({
      phaseKey: accountPhases.phaseKey,
      since: accountPhases.since,
      until: accountPhases.until,
      decidedBy: accountPhases.decidedBy,
    })
    .from(accountPhases)
    .where(
      and(
        eq(accountPhases.workspaceId, params.workspaceId),
        eq(accountPhases.accountId, params.accountId),
      ),
    )
    .orderBy(asc(accountPhases.since));
  if (rows.length > 0) return rows;
  return [
    {
      phaseKey: params.firstPhaseKey,
      since: params.createdAt,
      until: null,
      decidedBy: "auto" as PhaseDecider,
    },
  ];
};

/** The open proposal of an account, if any (at most one: a partial unique index). */
export const findOpenProposal = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; forUpdate?: boolean },
) => {
  const query = db
    .select()
    .from(accountPhaseProposals)
    .where(
      and(
        eq(accountPhaseProposals.workspaceId, params.workspaceId),
        eq(accountPhaseProposals.accountId, params.accountId),
        isNull(accountPhaseProposals.resolvedAt),
      ),
    )
    .orderBy(desc(accountPhaseProposals.proposedAt))
    .limit(1);
  const [row] = params.forUpdate ? await query.for("update") : await query;
  return row ?? null;
};

/** Resolves an account's open proposal; none open is fine (nothing to do). */
export const resolveOpenProposal = async (
  tx: DbOrTx,
  params: {
    workspaceId: string;
    accountId: string;
    resolution: PhaseProposalResolution;
    userId: string | null;
    at: Date;
  },
) => {
  await tx
    .update(accountPhaseProposals)
    .set({ resolution: params.resolution, resolvedAt: params.at, resolvedByUserId: params.userId })
    .where(
      and(
        eq(accountPhaseProposals.workspaceId, params.workspaceId),
        eq(accountPhaseProposals.accountId, params.accountId),
        isNull(accountPhaseProposals.resolvedAt),
      ),
    );
};

/**
 * Moves an account to a phase: closes the current stay and opens the new one.
 * An account without rows gets its implicit first stay (since created_at)
 * written, closed, so history keeps it. Call inside a transaction.
 */
export const writePhaseMove = async (
  tx: Tx,
  params: {
    workspaceId: string;
    accountId: string;
    createdAt: Date;
    firstPhaseKey: string;
    phaseKey: string;
    decidedBy: PhaseDecider;
    at: Date;
  },
) => {
  const { workspaceId, accountId, at } = params;
  const ofAccount = and(
    eq(accountPhases.workspaceId, workspaceId),
    eq(accountPhases.accountId, accountId),
  );
  // Locks the account's stays so two moves at once cannot both close the same one.
  const existing = await tx
    .select({ since: accountPhases.since })
    .from(accountPhases)
    .where(ofAccount)
    .orderBy(desc(accountPhases.since))
    .for("update");
  // The primary key is (workspace, account, since): a move in the same
  // millisecond as the last one starts just after it.
  const latest = existing[0]?.since;
  const since = latest !== undefined && latest >= at ? new Date(latest.getTime() + 1) : at;
  if (existing.length === 0) {
    await tx.insert(accountPhases).values({
      workspaceId,
      accountId,
      phaseKey: params.firstPhaseKey,
      since: params.createdAt < since ? params.createdAt : new Date(since.getTime() - 1),
      until: since,
      decidedBy: "auto",
    });
  } else {
    await tx
      .update(accountPhases)
      .set({ until: since })
      .where(and(ofAccount, isNull(accountPhases.until)));
  }
  await tx.insert(accountPhases).values({
    workspaceId,
    accountId,
    phaseKey: params.phaseKey,
    since,
    until: null,
    decidedBy: params.decidedBy,
  });
};

/**
 * How many customers are in each phase now. Accounts without rows are in the
 * first phase; a stored key no longer among the phases is reported as it is.
 * A churned account is a former customer, in no phase: it is not counted
 * (its last stay stays in its history), so it neither fills 更新 / renewal
 * nor keeps a phase from being removed.
 */
export const countAccountsByPhase = async (
  db: DbOrTx,
  params: { workspaceId: string; firstPhaseKey: string },
): Promise<Record<string, number>> => {
  const rows = await rowsOf<{ key: string; count: number | string }>(
    db,
    sql`select coalesce(p.phase_key, ${params.firstPhaseKey}) as key, count(*) as count
      from accounts a
      left join account_phases p
        on p.workspace_id = a.workspace_id and p.account_id = a.id and p.until is null
      where a.workspace_id = ${params.workspaceId} and a.churned_on is null
      group by 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.key, Number(row.count)]));
};

/**
 * Writes the implicit first stay of every account without rows, so that a
 * change of the first phase does not move them. Returns how many.
 */
export const pinImplicitFirstStays = async (
  tx: Tx,
  params: { workspaceId: string; firstPhaseKey: string },
) => {
  const rows = await rowsOf<{ account_id: string }>(
    tx,
    sql`insert into account_phases (workspace_id, account_id, phase_key, since, until, decided_by)
      select a.workspace_id, a.id, ${params.firstPhaseKey}, a.created_at, null, 'auto'
      from accounts a
      where a.workspace_id = ${params.workspaceId}
        and not exists (select 1 from account_phases p
          where p.workspace_id = a.workspace_id and p.account_id = a.id)
      returning account_id`,
  );
  return rows.length;
};

/** Withdraws open proposals from or to a phase not among `keys` (the phases changed). */
export const withdrawProposalsOutside = async (
  tx: DbOrTx,
  params: { workspaceId: string; keys: readonly string[]; at: Date; userId: string | null },
) => {
  const open = and(
    eq(accountPhaseProposals.workspaceId, params.workspaceId),
    isNull(accountPhaseProposals.resolvedAt),
  );
  const set = {
    resolution: "withdrawn" as const,
    resolvedAt: params.at,
    resolvedByUserId: params.userId,
  };
  await tx
    .update(accountPhaseProposals)
    .set(set)
    .where(and(open, notInArray(accountPhaseProposals.fromPhase, [...params.keys])));
  await tx
    .update(accountPhaseProposals)
    .set(set)
    .where(and(open, notInArray(accountPhaseProposals.toPhase, [...params.keys])));
};
