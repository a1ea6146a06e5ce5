import {
  type AccountPicklists,
  accountPicklistsSchema,
  type ChurnReason,
  churnReasonsSchema,
  defaultChurnReasons,
  defaultMaturityModels,
  defaultPhases,
  emptyAccountPicklists,
  emptyUsageLabels,
  type MaturityModel,
  maturityModelSchema,
  type Phase,
  type PhaseMode,
  phasesSchema,
  type TouchModelPolicy,
  touchModelPolicySchema,
  type UsageLabels,
  usageLabelsSchema,
  type WorkspaceScorecard,
  workspaceScorecardSchema,
} from "@michi/core";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { maturityModels, scorecards, workspaceCsSettings } from "../db/schema";
import { cachePerDatabase } from "../lib/cache-per-database";

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
  /** The reasons a person may give when marking an account churned. */
  churnReasons: ChurnReason[];
  /** The options of account fields that are words (industry, segment); empty: free text. */
  accountPicklists: AccountPicklists;
  /** Display names of event names and product keys; empty: shown as sent. */
  usageLabels: UsageLabels;
  custom: { phases: boolean; maturityModels: boolean; churnReasons: boolean };
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
  const churnReasons =
    settings?.churnReasons == null ? null : churnReasonsSchema.parse(settings.churnReasons);
  const accountPicklists =
    settings?.accountPicklists == null
      ? emptyAccountPicklists
      : accountPicklistsSchema.parse(settings.accountPicklists);
  const usageLabels =
    settings?.usageLabels == null
      ? emptyUsageLabels
      : usageLabelsSchema.parse(settings.usageLabels);
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
    churnReasons: churnReasons ?? defaultChurnReasons,
    accountPicklists,
    usageLabels,
    custom: {
      phases: phases !== null,
      maturityModels: maturityRows.length > 0,
      churnReasons: churnReasons !== null,
    },
  };
};

/**
 * The model as pages read it (account list, health, portfolio), kept 5 s per
 * workspace: three statements and the schema checks of every scorecard were
 * most of a list request. The recompute and the settings pages read it fresh
 * (loadCsModel): a score must follow the model just saved. Any write of the
 * model in this process forgets every kept one (forgetCsModel); another
 * process's write shows within 5 s.
 */
const cachedModelsOf = cachePerDatabase<{ model: CsModel; generation: number }>(5_000);
let generation = 0;

export const readCsModel = async (db: DbOrTx, workspaceId: string): Promise<CsModel> => {
  const seen = generation;
  const cached = cachedModelsOf(db).get(workspaceId);
  if (cached && cached.generation === seen) return cached.model;
  const model = await loadCsModel(db, workspaceId);
  // A write during this read would otherwise be remembered stale.
  if (generation === seen) cachedModelsOf(db).set(workspaceId, { model, generation: seen });
  return model;
};

/**
 * After a write of scorecards, phases, maturity models or CS settings, through
 * any handle: the queries call it as they write, the settings service again
 * once the transaction has committed (a read between the two kept nothing
 * newer than the write).
 */
export const forgetCsModel = () => {
  generation += 1;
};
