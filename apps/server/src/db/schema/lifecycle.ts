import type { PhaseMode } from "@michi/core";
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const phaseDeciders = ["auto", "user", "proposal-accepted"] as const;
export type PhaseDecider = (typeof phaseDeciders)[number];

/*
 * Like the usage and health tables, no foreign keys: the recompute job writes
 * many rows at once and must not wait on locks of accounts. Rows of a deleted
 * account are left behind and never read (every read starts from the account).
 */

/**
 * A workspace's customer-success model settings. No row (or a null column)
 * means core's defaults: defaultPhases, propose mode, no touch-model rules,
 * raw events kept forever. JSON columns are validated with core's schemas
 * when written and when read.
 */
export const workspaceCsSettings = pgTable("workspace_cs_settings", {
  workspaceId: text("workspace_id").primaryKey(),
  /** core's phasesSchema: the phase design table (seed 003). */
  phases: jsonb("phases"),
  phaseMode: text("phase_mode").$type<PhaseMode>().notNull().default("propose"),
  /** core's touchModelPolicySchema; null: touch models are set by hand only. */
  touchModelPolicy: jsonb("touch_model_policy"),
  /** Raw usage events older than this are deleted (rollups stay); null: kept forever. */
  usageRetentionDays: integer("usage_retention_days"),
  /** core's churnReasonsSchema; null: core's defaultChurnReasons. */
  churnReasons: jsonb("churn_reasons"),
  /** core's accountPicklistsSchema (industry, segment); null: both free text. */
  accountPicklists: jsonb("account_picklists"),
  /** core's csvColumnMappingsSchema: per file kind, the columns a person mapped last; null: none. */
  csvColumnMappings: jsonb("csv_column_mappings"),
  /** core's usageLabelsSchema: display names of events and products (ja, en); null: as sent. */
  usageLabels: jsonb("usage_labels"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A product's maturity levels (core's maturityModelSchema); none stored means core's default model. */
export const maturityModels = pgTable(
  "maturity_models",
  {
    workspaceId: text("workspace_id").notNull(),
    product: text("product").notNull(),
    position: integer("position").notNull(),
    /** The product's name on screen (core's DisplayText); null: the key. */
    name: jsonb("name"),
    levels: jsonb("levels").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.product] })],
);

/**
 * An account's maturity level per product, one row per stay like
 * account_phases: the current level is the row whose `until` is null. A row
 * is written only when the level changes (level 0 = not started).
 */
export const accountMaturityLevels = pgTable(
  "account_maturity_levels",
  {
    workspaceId: text("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    product: text("product").notNull(),
    level: integer("level").notNull(),
    since: timestamp("since", { withTimezone: true }).notNull(),
    until: timestamp("until", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.product, t.since] }),
    index("account_maturity_levels_current_idx")
      .on(t.workspaceId, t.product, t.level)
      .where(sql`${t.until} is null`),
  ],
);

/*
 * An account's phase history, one row per stay. The current phase is the row
 * whose `until` is null. An account with no row is in the first phase since
 * its created_at: nothing is written until its phase changes.
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

export const phaseProposalResolutions = ["accepted", "dismissed", "withdrawn"] as const;
export type PhaseProposalResolution = (typeof phaseProposalResolutions)[number];

/**
 * In propose mode, a move the recompute suggests when every exit criterion
 * holds; the CSM accepts or dismisses it. At most one open per account;
 * withdrawn when the account leaves the phase some other way.
 */
export const accountPhaseProposals = pgTable(
  "account_phase_proposals",
  {
    workspaceId: text("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    fromPhase: text("from_phase").notNull(),
    toPhase: text("to_phase").notNull(),
    proposedAt: timestamp("proposed_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolution: text("resolution").$type<PhaseProposalResolution>(),
    resolvedByUserId: text("resolved_by_user_id"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.proposedAt] }),
    uniqueIndex("account_phase_proposals_open_key")
      .on(t.workspaceId, t.accountId)
      .where(sql`${t.resolvedAt} is null`),
  ],
);
