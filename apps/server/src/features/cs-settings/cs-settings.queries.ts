import {
  defaultMaturityModels,
  defaultPhases,
  type HealthBand,
  type MaturityModel,
  maturityModelSchema,
  type Phase,
  type PhaseMode,
  phasesSchema,
  type TouchModelPolicy,
  touchModelPolicySchema,
  type WorkspaceScorecard,
  workspaceScorecardSchema,
} from "@michi/core";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client";
import {
  accounts,
  healthScores,
  maturityModels,
  scorecards,
  workspaceCsSettings,
} from "../../db/schema";
import { findAccountIdsPage } from "../health/health.queries";
import { markAccountsDirty } from "../usage/usage.queries";

/**
 * A workspace's customer-success model: what the recompute job and the
 * settings pages read. Core's defaults stand in for what the workspace has
 * not written; `custom` says which parts it has.
 */
export type CsModel = {
  scorecards: WorkspaceScorecard[];
  phases: Phase[];
  phaseMode: PhaseMode;
  maturityModels: MaturityModel[];
  touchModelPolicy: TouchModelPolicy | null;
  usageRetentionDays: number | null;
  custom: { phases: boolean; maturityModels: boolean };
};

/** Reads and validates (core's schemas) everything in three statements. */
export const loadCsModel = async (db: DbOrTx, workspaceId: string): Promise<CsModel> => {
  const [settingsRows, scorecardRows, maturityRows] = await Promise.all([
    db.select().from(workspaceCsSettings).where(eq(workspaceCsSettings.workspaceId, workspaceId)),
    db
      .select()
      .from(scorecards)
      .where(eq(scorecards.workspaceId, workspaceId))
      .orderBy(asc(scorecards.position)),
    db
      .select()
      .from(maturityModels)
      .where(eq(maturityModels.workspaceId, workspaceId))
      .orderBy(asc(maturityModels.position)),
  ]);
  const settings = settingsRows[0];
  const phases = settings?.phases == null ? null : phasesSchema.parse(settings.phases);
  return {
    scorecards: scorecardRows.map((row) =>
      workspaceScorecardSchema.parse({
        key: row.key,
        scorecard: row.scorecard,
        appliesTo: row.appliesTo,
      }),
    ),
    phases: phases ?? defaultPhases,
    phaseMode: settings?.phaseMode ?? "propose",
    maturityModels:
      maturityRows.length === 0
        ? defaultMaturityModels
        : maturityRows.map((row) =>
            maturityModelSchema.parse({
              product: row.product,
              ...(row.name == null ? {} : { name: row.name }),
              levels: row.levels,
            }),
          ),
    touchModelPolicy:
      settings?.touchModelPolicy == null
        ? null
        : touchModelPolicySchema.parse(settings.touchModelPolicy),
    usageRetentionDays: settings?.usageRetentionDays ?? null,
    custom: { phases: phases !== null, maturityModels: maturityRows.length > 0 },
  };
};

/** Replaces the workspace's scorecards (already validated) in their new order. */
export const replaceScorecards = async (
  tx: Tx,
  params: { workspaceId: string; scorecards: readonly WorkspaceScorecard[] },
) => {
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
  },
) => {
  const { workspaceId, ...changes } = params;
  const set = { ...changes, updatedAt: new Date() };
  await db
    .insert(workspaceCsSettings)
    .values({ workspaceId, ...set })
    .onConflictDoUpdate({ target: workspaceCsSettings.workspaceId, set });
};

/** Accounts per statement when marking a whole workspace dirty. */
const DIRTY_PAGE_SIZE = 1000;

/**
 * Marks every account of the workspace dirty, page by page, so the recompute
 * job rescores them under a changed model. Returns how many.
 */
export const markWorkspaceAccountsDirty = async (db: DbOrTx, workspaceId: string) => {
  let marked = 0;
  let after: string | null = null;
  for (;;) {
    const accountIds = await findAccountIdsPage(db, { workspaceId, after, limit: DIRTY_PAGE_SIZE });
    if (accountIds.length === 0) return marked;
    await markAccountsDirty(db, { workspaceId, accountIds });
    marked += accountIds.length;
    after = accountIds.at(-1) ?? null;
  }
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
