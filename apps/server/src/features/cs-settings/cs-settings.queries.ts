import type {
  AccountPicklists,
  ChurnReason,
  HealthBand,
  MaturityModel,
  Phase,
  PhaseMode,
  TouchModelPolicy,
  UsageLabels,
  WorkspaceScorecard,
} from "@michi/core";
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { type DbOrTx, rowsOf, type Tx } from "../../db/client";
import {
  accounts,
  healthScores,
  maturityModels,
  scorecards,
  workspaceCsSettings,
} from "../../db/schema";
import { forgetCsModel } from "../../recompute";

/** Replaces the workspace's scorecards (already validated) in their new order. */
export const replaceScorecards = async (
  tx: Tx,
  params: { workspaceId: string; scorecards: readonly WorkspaceScorecard[] },
) => {
  forgetCsModel();
  await tx.delete(scorecards).where(eq(scorecards.workspaceId, params.workspaceId));
  if (params.scorecards.length === 0) return;
  await tx.insert(scorecards).values(
    params.scorecards.map((entry, position) => ({
      workspaceId: params.workspaceId,
      key: entry.key,
      position,
      scorecard: entry.scorecard,
      appliesTo: entry.appliesTo,
    })),
  );
};

/** Replaces the workspace's maturity models (already validated); none: back to the default. */
export const replaceMaturityModels = async (
  tx: Tx,
  params: { workspaceId: string; models: readonly MaturityModel[] },
) => {
  forgetCsModel();
  await tx.delete(maturityModels).where(eq(maturityModels.workspaceId, params.workspaceId));
  if (params.models.length === 0) return;
  await tx.insert(maturityModels).values(
    params.models.map((model, position) => ({
      workspaceId: params.workspaceId,
      product: model.product,
      position,
      name: model.name ?? null,
      levels: model.levels,
    })),
  );
};

/** Sets some of the workspace-level settings (already validated); others keep their values. */
export const updateCsSettings = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    /** null: back to core's default phases. */
    phases?: readonly Phase[] | null;
    phaseMode?: PhaseMode;
    touchModelPolicy?: TouchModelPolicy | null;
    usageRetentionDays?: number | null;
    /** null: back to core's default churn reasons. */
    churnReasons?: readonly ChurnReason[] | null;
    accountPicklists?: AccountPicklists;
    usageLabels?: UsageLabels;
  },
) => {
  forgetCsModel();
  const { workspaceId, ...changes } = params;
  const set = { ...changes, updatedAt: new Date() };
  await db
    .insert(workspaceCsSettings)
    .values({ workspaceId, ...set })
    .onConflictDoUpdate({ target: workspaceCsSettings.workspaceId, set });
};

/** The latest stored health score of each of the accounts (none: never scored). */
export const findLatestHealthScores = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[] },
) => {
  if (params.accountIds.length === 0) return new Map<string, LatestScore>();
  const rows = await db
    .selectDistinctOn([healthScores.accountId], {
      accountId: healthScores.accountId,
      score: healthScores.score,
      band: healthScores.band,
    })
    .from(healthScores)
    .where(
      and(
        eq(healthScores.workspaceId, params.workspaceId),
        inArray(healthScores.accountId, [...params.accountIds]),
      ),
    )
    .orderBy(healthScores.accountId, desc(healthScores.day));
  return new Map(rows.map((row) => [row.accountId, { score: row.score, band: row.band }]));
};

type LatestScore = { score: number | null; band: HealthBand | null };

/**
 * A page of the workspace's customers' ids (churned accounts left out: a
 * former customer's score is no one's concern), in id order after `after`.
 */
export const findCustomerIdsPage = async (
  db: DbOrTx,
  params: { workspaceId: string; after: string | null; limit: number },
) =>
  (
    await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(
        and(
          eq(accounts.workspaceId, params.workspaceId),
          isNull(accounts.churnedOn),
          params.after === null ? undefined : gt(accounts.id, params.after),
        ),
      )
      .orderBy(asc(accounts.id))
      .limit(params.limit)
  ).map((row) => row.id);

/** Names of accounts by id, within the workspace. */
export const findAccountNames = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[] },
) => {
  if (params.accountIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, params.workspaceId),
        inArray(accounts.id, [...params.accountIds]),
      ),
    );
  return new Map(rows.map((row) => [row.id, row.name]));
};

/**
 * The event names the workspace's accounts sent since a day, from the daily
 * rollups (one small map per account and day, not the raw events), by name.
 */
export const findSeenEventNames = async (
  db: DbOrTx,
  params: { workspaceId: string; from: string; limit: number },
) =>
  (
    await rowsOf<{ event: string }>(
      db,
      sql`select distinct e.event from usage_daily_rollups r
        cross join lateral jsonb_object_keys(r.event_counts) as e(event)
        where r.workspace_id = ${params.workspaceId} and r.day >= ${params.from}::date
        order by e.event limit ${params.limit}`,
    )
  ).map((row) => row.event);
