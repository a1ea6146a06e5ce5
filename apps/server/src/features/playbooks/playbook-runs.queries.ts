import {
  type ConditionFacts,
  matchPlaybooks,
  type Playbook,
  type PlaybookCandidate,
  type PlaybookSignal,
  playbookSchema,
} from "@michi/core";
import { sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../../db/client";
import { playbookRuns } from "../../db/schema";
import { logger } from "../../lib/logger";

/* What the dispatcher, the daily sweep and a manual start share: playbooks to match, runs to insert. */

export type LivePlaybook = { id: string; playbook: Playbook };

/** A workspace's playbooks that are not archived (paused ones too: matching says "paused"). */
export const findLivePlaybooks = async (
  db: DbOrTx,
  workspaceId: string,
): Promise<LivePlaybook[]> => {
  const rows = await rowsOf<{ id: string; definition: unknown }>(
    db,
    sql`select id, definition from playbooks
      where workspace_id = ${workspaceId} and archived_at is null
      order by created_at, id`,
  );
  const live: LivePlaybook[] = [];
  for (const row of rows) {
    const parsed = playbookSchema.safeParse(
      typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition,
    );
    // Saved definitions were checked; one that no longer parses is left out, not fatal.
    if (parsed.success) live.push({ id: row.id, playbook: parsed.data });
    else logger.warn({ workspaceId, playbookId: row.id }, "a stored playbook does not parse");
  }
  return live;
};

/** The workspaces that have live playbooks, with them. */
export const findWorkspacesWithPlaybooks = async (db: DbOrTx): Promise<string[]> =>
  (
    await rowsOf<{ workspaceId: string }>(
      db,
      sql`select distinct workspace_id as "workspaceId" from playbooks where archived_at is null`,
    )
  ).map((row) => row.workspaceId);

const lastRunKey = (playbookId: string, accountId: string) => `${playbookId}/${accountId}`;

/** The day (UTC) each playbook last started a run on each account, for cool-downs. */
export const findLastRunDays = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[] },
): Promise<LastRunDays> => {
  const days = new Map<string, string>();
  if (params.accountIds.length > 0) {
    const rows = await rowsOf<{ playbookId: string; accountId: string; day: string }>(
      db,
      sql`select playbook_id as "playbookId", account_id as "accountId",
          to_char(max(created_at) at time zone 'UTC', 'YYYY-MM-DD') as day
        from playbook_runs
        where workspace_id = ${params.workspaceId}
          and account_id = any(${sql.param([...new Set(params.accountIds)])}::uuid[])
        group by playbook_id, account_id`,
    );
    for (const row of rows) days.set(lastRunKey(row.playbookId, row.accountId), row.day);
  }
  return {
    get: (playbookId, accountId) => days.get(lastRunKey(playbookId, accountId)) ?? null,
    set: (playbookId, accountId, day) => {
      const key = lastRunKey(playbookId, accountId);
      const known = days.get(key);
      if (known === undefined || known < day) days.set(key, day);
    },
  };
};

export type LastRunDays = {
  get: (playbookId: string, accountId: string) => string | null;
  set: (playbookId: string, accountId: string, day: string) => void;
};

export type NewRun = {
  workspaceId: string;
  playbookId: string;
  accountId: string;
  occurrenceKey: string;
  signal: PlaybookSignal;
  startedByUserId?: string | null;
};

/**
 * The runs a signal starts on its account: matchPlaybooks over the
 * playbooks, with their last runs there. Pure but for the log; the fired
 * ones are noted in `lastRuns`, so a second signal of the same batch sees
 * the cool-down.
 */
export const runsForSignal = (params: {
  workspaceId: string;
  playbooks: readonly LivePlaybook[];
  signal: PlaybookSignal;
  facts: ConditionFacts;
  lastRuns: LastRunDays;
}): NewRun[] => {
  const { workspaceId, signal, lastRuns } = params;
  const candidates: PlaybookCandidate[] = params.playbooks.map(({ id, playbook }) => ({
    id,
    playbook,
    lastRunOn: lastRuns.get(id, signal.accountId),
  }));
  const match = matchPlaybooks({ candidates, signal, facts: params.facts });
  for (const skipped of match.skipped) {
    logger.debug(
      { workspaceId, accountId: signal.accountId, ...skipped, conditions: undefined },
      "playbook not fired",
    );
  }
  return match.fired.map((fired) => {
    lastRuns.set(fired.playbookId, signal.accountId, signal.at);
    return {
      workspaceId,
      playbookId: fired.playbookId,
      accountId: signal.accountId,
      occurrenceKey: fired.occurrenceKey,
      signal,
    };
  });
};

/**
 * Inserts runs to start at `now`; a run whose occurrence is already stored
 * is refused by the unique key, whoever stored it. The ids of the new ones.
 */
export const insertRuns = async (
  db: DbOrTx,
  runs: readonly NewRun[],
  now: Date,
): Promise<{ id: string; occurrenceKey: string }[]> => {
  if (runs.length === 0) return [];
  return db
    .insert(playbookRuns)
    .values(
      runs.map((run) => ({
        workspaceId: run.workspaceId,
        playbookId: run.playbookId,
        accountId: run.accountId,
        occurrenceKey: run.occurrenceKey,
        signal: run.signal,
        status: "running" as const,
        resumeAt: now,
        startedByUserId: run.startedByUserId ?? null,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing({ target: [playbookRuns.workspaceId, playbookRuns.occurrenceKey] })
    .returning({ id: playbookRuns.id, occurrenceKey: playbookRuns.occurrenceKey });
};
