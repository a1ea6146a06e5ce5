import type { HealthBand } from "@michi/core";
import {
  date,
  doublePrecision,
  index,
  integer,
  json,
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

/** Which accounts a scorecard is for; an absent list matches any value. */
export type ScorecardAppliesTo = { segments?: string[]; phases?: string[] };

/**
 * A workspace's scorecards, tried in `position` order: an account gets the
 * first whose appliesTo matches its segment and current phase. None stored
 * means core's defaultScorecard for every account.
 */
export const scorecards = pgTable(
  "scorecards",
  {
    workspaceId: text("workspace_id").notNull(),
    key: text("key").notNull(),
    position: integer("position").notNull(),
    /** Validated with core's scorecardSchema when written and when read. */
    scorecard: jsonb("scorecard").notNull(),
    appliesTo: jsonb("applies_to").$type<ScorecardAppliesTo>().notNull().default({}),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

/**
 * A CSM's rating (1–5 with a comment) of a qualitative scorecard measure for
 * an account; every rating is kept, the latest per measure counts.
 */
export const healthRatings = pgTable(
  "health_ratings",
  {
    workspaceId: text("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    measureKey: text("measure_key").notNull(),
    rating: integer("rating").notNull(),
    comment: text("comment").notNull().default(""),
    ratedByUserId: text("rated_by_user_id"),
    ratedAt: timestamp("rated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId, t.measureKey, t.ratedAt] })],
);

/**
 * One measure of a stored score, compact (migration 0009): measure key, value,
 * points, weight, contribution. Its name is the scorecard's (scorecard_key).
 */
export type StoredHealthMeasure = [
  measure: string,
  value: number | null,
  points: number | null,
  weight: number,
  contribution: number,
];

/**
 * One health score per account per day (UTC); a recompute the same day
 * replaces it. Migration 0010 makes the primary key INCLUDE (score, band) by
 * hand (drizzle has no INCLUDE): the latest score and band of an account are
 * read from the key alone.
 */
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
    // json, not jsonb: stored as sent, with no parse into jsonb on every write (decision 0007).
    measures: json("measures").$type<StoredHealthMeasure[]>().notNull(),
    /** The workspace scorecard the score was computed with (core's DEFAULT_SCORECARD_KEY for the default). */
    scorecardKey: text("scorecard_key"),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountId, t.day] }),
    index("health_scores_workspace_day_idx").on(t.workspaceId, t.day),
  ],
);

/**
 * Each account's latest health score (the greatest day written), kept by two
 * statement triggers on health_scores (migration 0024), so every writer keeps
 * it. The account list, the portfolio's "health now" and the account's health
 * read it with a join instead of a probe per account into health_scores: on
 * PGlite that probe cost ~0.1 ms an account (decision 0024).
 */
export const accountHealthLatest = pgTable(
  "account_health_latest",
  {
    workspaceId: text("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    score: integer("score"),
    band: text("band").$type<HealthBand>(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId] })],
);

/**
 * One past day's health scores counted per (owner, segment, touch model) of
 * the workspace's current (not churned) accounts: the portfolio's 90-day
 * trend reads 90 of these instead of 900,000 scores at 10,000 accounts
 * (decision 0021). Written by the first portfolio read or the daily
 * recompute after the day; dropped, to be written again, when a score of that
 * day is written (upsertHealthScores) or an account's owner, segment, touch
 * model or churn changes or it is deleted (a trigger on accounts, migration
 * 0020).
 */
export const healthTrendDays = pgTable(
  "health_trend_days",
  {
    workspaceId: text("workspace_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    groups: json("groups").$type<HealthTrendGroup[]>().notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day] })],
);

/** A day's scores of one (owner, segment, touch model), compact like StoredHealthMeasure. */
export type HealthTrendGroup = [
  ownerUserId: string | null,
  segment: string | null,
  touchModel: string | null,
  red: number,
  yellow: number,
  green: number,
  scoreSum: number,
  scored: number,
];

/**
 * A scorecard the Health Lab fitted to the workspace's churn history,
 * waiting for a person: never used to score until accepted (it then becomes
 * a workspace scorecard). `report` keeps what the fit said of it (measures
 * explained, held-out AUC against the scorecard in use).
 */
export const scorecardDrafts = pgTable(
  "scorecard_drafts",
  {
    workspaceId: text("workspace_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    /** Validated with core's scorecardSchema when written and when read. */
    scorecard: jsonb("scorecard").notNull(),
    report: jsonb("report").notNull(),
    status: text("status").$type<"draft" | "accepted">().notNull().default("draft"),
    createdByUserId: text("created_by_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("scorecard_drafts_workspace_created_idx").on(t.workspaceId, t.createdAt),
  ],
);
