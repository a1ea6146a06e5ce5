import {
  matchPlaybooks,
  occurrenceKey,
  type Playbook,
  type PlaybookAction,
  type PlaybookSignal,
  type SkipReason,
} from "@michi/core";
import { planPlaybookRun } from "@michi/core/playbook-runs";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { playbookRuns } from "../../db/schema";
import { utcDay } from "../../lib/days";
import { loadPlaybookFacts } from "./playbook-facts.queries";
import { findLastRunDays, insertRuns } from "./playbook-runs.queries";

/*
 * What the playbook service asks of the engine (the dispatcher and runner):
 * a dry run on one account, and a manual start.
 *
 * A dry run answers what a start on the account now would do, and whether
 * the playbook would fire there on its own: its trigger is taken as firing
 * today (a dry run cannot make a band change or a renewal window happen),
 * then paused, cool-down and conditions are checked as matchPlaybooks checks
 * them for a real signal. The actions are planned as a manual start plans
 * them (core's planPlaybookRun, the runner's own planner), all of them,
 * those after a wait marked provisional. Nothing is written.
 */

export type DryRun = {
  fires: boolean;
  skipped: { reason: SkipReason; until?: string } | null;
  actions: PlaybookAction[];
};

/** What the playbook would do on this account now, without doing it. */
export const dryRunPlaybook = async (
  db: Db,
  params: {
    workspaceId: string;
    playbookId: string;
    playbook: Playbook;
    accountId: string;
    /** For the account's link in texts; absent: {{account.url}} is empty. */
    baseURL?: string;
    now?: Date;
  },
): Promise<DryRun> => {
  const { workspaceId, playbookId, playbook, accountId } = params;
  const now = params.now ?? new Date();
  const today = utcDay(now);
  const [facts, lastRuns] = await Promise.all([
    loadPlaybookFacts(db, {
      workspaceId,
      accountId,
      at: now,
      baseURL: params.baseURL ?? null,
      playbooks: [playbook],
    }),
    findLastRunDays(db, { workspaceId, accountIds: [accountId] }),
  ]);
  if (!facts) throw new Error("dryRunPlaybook: the account is not in the workspace");
  // The trigger as one that fires on today's signal; the rest of the playbook as it is.
  const assumed: PlaybookSignal = {
    kind: "contractCreated",
    accountId,
    at: today,
    contractId: "dry-run",
  };
  const match = matchPlaybooks({
    candidates: [
      {
        id: playbookId,
        playbook: { ...playbook, trigger: { kind: "contractCreated" } },
        lastRunOn: lastRuns.get(playbookId, accountId),
      },
    ],
    signal: assumed,
    facts,
  });
  const skipped = match.skipped[0];
  const signal: PlaybookSignal = {
    kind: "manual",
    accountId,
    at: today,
    playbookId,
    requestId: "dry-run",
    startedBy: "dry-run",
  };
  return {
    fires: match.fired.length > 0,
    skipped: skipped
      ? { reason: skipped.reason, ...(skipped.until ? { until: skipped.until } : {}) }
      : null,
    actions: planPlaybookRun({ playbookId, playbook, signal, facts, today }),
  };
};

/**
 * Starts the playbook on the account now, as a user asked: a run with a
 * `manual` signal named by the request's id (its occurrence), which the
 * runner carries out on its next pass. The run's id.
 */
export const startPlaybookManually = async (
  db: Db,
  params: {
    workspaceId: string;
    playbookId: string;
    accountId: string;
    userId: string | null;
    requestId: string;
    now?: Date;
  },
): Promise<{ runId: string }> => {
  const { workspaceId, playbookId, accountId, requestId } = params;
  const now = params.now ?? new Date();
  const signal: PlaybookSignal = {
    kind: "manual",
    accountId,
    at: utcDay(now),
    playbookId,
    requestId,
    startedBy: params.userId ?? "api-key",
  };
  const key = occurrenceKey(playbookId, accountId, `manual:${requestId}`);
  await insertRuns(
    db,
    [
      {
        workspaceId,
        playbookId,
        accountId,
        occurrenceKey: key,
        signal,
        startedByUserId: params.userId,
      },
    ],
    now,
  );
  const [run] = await db
    .select({ id: playbookRuns.id })
    .from(playbookRuns)
    .where(and(eq(playbookRuns.workspaceId, workspaceId), eq(playbookRuns.occurrenceKey, key)));
  if (!run) throw new Error("startPlaybookManually: the run is neither new nor stored");
  return { runId: run.id };
};
