import type { Playbook, PlaybookAction, SkipReason } from "@michi/core";
import type { Db } from "../../db/client";

/*
 * What the playbook service asks of the engine (the dispatcher and runner):
 * a dry run on one account, and a manual start. Built by the engine.
 */

export type DryRun = {
  fires: boolean;
  skipped: { reason: SkipReason; until?: string } | null;
  actions: PlaybookAction[];
};

/** What the playbook would do on this account now, without doing it. */
export const dryRunPlaybook = async (
  _db: Db,
  _params: { workspaceId: string; playbookId: string; playbook: Playbook; accountId: string },
): Promise<DryRun> => {
  throw new Error("dryRunPlaybook: not built yet");
};

/** Starts the playbook on the account now, as a user asked; the run's id. */
export const startPlaybookManually = async (
  _db: Db,
  _params: {
    workspaceId: string;
    playbookId: string;
    accountId: string;
    userId: string | null;
    requestId: string;
  },
): Promise<{ runId: string }> => {
  throw new Error("startPlaybookManually: not built yet");
};
