import type { DisplayText, HealthBand } from "@michi/core";
import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/*
 * Like the usage tables, no foreign keys: the health job writes many rows at
 * once and must not wait on locks of accounts. Rows of a deleted account are
 * left behind and never read (every read starts from the account).
 */

/** A workspace's scorecard (one for now); absent means core's defaultScorecard. */
export const workspaceScorecards = pgTable("workspace_scorecards", {
  workspaceId: text("workspace_id").primaryKey(),
  /** Validated with core's scorecardSchema when written and when read. */
  scorecard: jsonb("scorecard").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The stored contribution of one measure: what the health API answers. */
export type StoredHealthMeasure = {
  measure: string;
  name: DisplayText;
  value: number | null;
  points: number | null;
  weight: number;
  contribution: number;
};

/** One health score per account per day (UTC); a recompute the same day replaces it. */
export const healthScores = pgTable(
  "health_scores",
  {
    workspaceId: text("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    /** Null when too little is known (core's coverage below the scorecard's minimum). */
    score: integer("score"),
    band: text("band").$type<HealthBand>(),
    coverage: doublePrecision("coverage").notNull(),
    measures: jsonb("measures").$type<StoredHealthMeasure[]>().notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.day] }),
    index("health_scores_workspace_day_idx").on(t.workspaceId, t.day),
  ],
);
