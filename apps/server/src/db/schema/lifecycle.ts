import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const phaseDeciders = ["auto", "user", "proposal-accepted"] as const;
export type PhaseDecider = (typeof phaseDeciders)[number];

/*
 * An account's phase history, one row per stay. The current phase is the row
 * whose `until` is null. An account with no row is in the first default phase
 * (proposal) since its created_at: nothing is written until its phase changes.
 * No foreign keys, like the health tables: rows of a deleted account are left
 * behind and never read (every read starts from the account).
 */
export const accountPhases = pgTable(
  "account_phases",
  {
    workspaceId: text("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    phaseKey: text("phase_key").notNull(),
    since: timestamp("since", { withTimezone: true }).notNull(),
    until: timestamp("until", { withTimezone: true }),
    decidedBy: text("decided_by").$type<PhaseDecider>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.since] }),
    index("account_phases_workspace_phase_idx").on(t.workspaceId, t.phaseKey),
  ],
);
