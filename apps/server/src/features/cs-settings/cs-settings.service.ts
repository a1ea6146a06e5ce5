import {
  AppError,
  accountPicklistsSchema,
  addCalendarDays,
  churnReasonsSchema,
  defaultChurnReasons,
  defaultPhases,
  defaultScorecard,
  type FieldProblem,
  maturityModelsSchema,
  type PhaseMode,
  phasesSchema,
  touchModelPolicySchema,
  usageKeysOfMetrics,
  usageLabelsSchema,
  workspaceScorecardsSchema,
} from "@michi/core";
import type { ZodType } from "zod";
import type { Db, DbOrTx } from "../../db/client";
import { utcDay } from "../../lib/days";
import type { Actor } from "../../lib/hono-env";
import { zodProblems } from "../../lib/router";
import {
  forgetCsModel,
  loadCsModel,
  markWorkspaceAccountsDirty,
  modelMetricRefs,
} from "../../recompute";
import {
  countAccountsByPhase,
  pinImplicitFirstStays,
  withdrawProposalsOutside,
} from "../lifecycle/phase.queries";
import {
  findSeenEventNames,
  replaceMaturityModels,
  replaceScorecards,
  updateCsSettings,
} from "./cs-settings.queries";

/**
 * A definition parsed with core's schema; every problem at once, each
 * pointing into the request body under `pointer`.
 */
export const parseDefinition = <T>(schema: ZodType<T>, value: unknown, pointer: string): T => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError(
    "validation-failed",
    "The definition is not valid.",
    zodProblems(parsed.error, value).map((problem) => ({
      ...problem,
      pointer: problem.pointer === "/" ? pointer : `${pointer}${problem.pointer}`,
    })),
  );
};

const userIdOf = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

export const getScorecards = async (db: Db, actor: Actor) => {
  const model = await loadCsModel(db, actor.workspaceId);
  return { scorecards: model.scorecards, defaultScorecard };
};

/** Phase keys a scorecard's appliesTo names must be the workspace's. */
const unknownPhaseProblems = (
  scorecards: readonly { appliesTo: { phases?: string[] } }[],
  phaseKeys: ReadonlySet<string>,
): FieldProblem[] =>
  scorecards.flatMap((entry, index) =>
    (entry.appliesTo.phases ?? []).flatMap((key, at) =>
      phaseKeys.has(key)
        ? []
        : [
            {
              pointer: `/scorecards/${index}/appliesTo/phases/${at}`,
              message: `"${key}" is not one of the workspace's phases`,
            },
          ],
    ),
  );

/**
 * Replaces the workspace's scorecards (admins and managers) and marks every
 * account dirty in the same transaction, so the recompute job rescores them.
 */
export const putScorecards = async (db: Db, actor: Actor, body: { scorecards: unknown }) => {
  const { workspaceId } = actor;
  const scorecards = parseDefinition(workspaceScorecardsSchema, body.scorecards, "/scorecards");
  const model = await loadCsModel(db, workspaceId);
  const problems = unknownPhaseProblems(
    scorecards,
    new Set(model.phases.map((phase) => phase.key)),
  );
  if (problems.length > 0) {
    throw new AppError("validation-failed", "A scorecard names an unknown phase.", problems);
  }
  await db.transaction(async (tx) => {
    await replaceScorecards(tx, { workspaceId, scorecards });
    await markWorkspaceAccountsDirty(tx, workspaceId);
  });
  forgetCsModel();
  return getScorecards(db, actor);
};

const phaseSettingsOf = async (db: DbOrTx, workspaceId: string) => {
  const model = await loadCsModel(db, workspaceId);
  const accountsByPhase = await countAccountsByPhase(db, {
    workspaceId,
    firstPhaseKey: model.phases[0]!.key,
  });
  return {
    phases: model.phases,
    mode: model.phaseMode,
    custom: model.custom.phases,
    accountsByPhase: Object.fromEntries(
      model.phases.map((phase) => [phase.key, accountsByPhase[phase.key] ?? 0]),
    ),
  };
};

export const getPhaseSettings = async (db: Db, actor: Actor) => {
  return phaseSettingsOf(db, actor.workspaceId);
};

/**
 * Sets the workspace's phases (null: back to core's default) and mode.
 * Removing a phase accounts are in, or one a scorecard applies to, is a 409.
 * Accounts never moved stay where they are when the first phase changes;
 * open proposals from or to a removed phase are withdrawn.
 */
export const putPhaseSettings = async (
  db: Db,
  actor: Actor,
  body: { phases?: unknown; mode?: PhaseMode | undefined },
) => {
  const { workspaceId } = actor;
  const phases =
    body.phases === undefined || body.phases === null
      ? body.phases
      : parseDefinition(phasesSchema, body.phases, "/phases");
  await db.transaction(async (tx) => {
    const before = await loadCsModel(tx, workspaceId);
    if (phases !== undefined) {
      const after = phases ?? defaultPhases;
      const oldKeys = new Set(before.phases.map((phase) => phase.key));
      const newKeys = new Set(after.map((phase) => phase.key));
      const oldFirst = before.phases[0]!.key;
      const counts = await countAccountsByPhase(tx, { workspaceId, firstPhaseKey: oldFirst });
      const occupied = Object.entries(counts).filter(
        ([key, count]) => count > 0 && oldKeys.has(key) && !newKeys.has(key),
      );
      if (occupied.length > 0) {
        const names = occupied.map(([key, count]) => `"${key}" (${count} accounts)`).join(", ");
        throw new AppError(
          "conflict",
          `Accounts are still in ${names}; move them to another phase before removing it.`,
        );
      }
      const scorecardUses = before.scorecards.flatMap((entry) =>
        (entry.appliesTo.phases ?? [])
          .filter((key) => !newKeys.has(key))
          .map((key) => `scorecard "${entry.key}" applies to "${key}"`),
      );
      if (scorecardUses.length > 0) {
        throw new AppError(
          "conflict",
          `Phases still in use: ${scorecardUses.join(", ")}; change the scorecard first.`,
        );
      }
      if (after[0]!.key !== oldFirst) {
        await pinImplicitFirstStays(tx, { workspaceId, firstPhaseKey: oldFirst });
      }
      await withdrawProposalsOutside(tx, {
        workspaceId,
        keys: [...newKeys],
        at: new Date(),
        userId: userIdOf(actor),
      });
    }
    await updateCsSettings(tx, {
      workspaceId,
      ...(phases === undefined ? {} : { phases }),
      ...(body.mode === undefined ? {} : { phaseMode: body.mode }),
    });
    await markWorkspaceAccountsDirty(tx, workspaceId);
  });
  forgetCsModel();
  return phaseSettingsOf(db, workspaceId);
};

export const getMaturityModels = async (db: Db, actor: Actor) => {
  const model = await loadCsModel(db, actor.workspaceId);
  return { models: model.maturityModels, custom: model.custom.maturityModels };
};

/** Replaces the workspace's maturity models (empty: back to the default); levels are rescored. */
export const putMaturityModels = async (db: Db, actor: Actor, body: { models: unknown }) => {
  const { workspaceId } = actor;
  const models = parseDefinition(maturityModelsSchema, body.models, "/models");
  await db.transaction(async (tx) => {
    await replaceMaturityModels(tx, { workspaceId, models });
    await markWorkspaceAccountsDirty(tx, workspaceId);
  });
  forgetCsModel();
  return getMaturityModels(db, actor);
};

export const getTouchModelPolicy = async (db: Db, actor: Actor) => {
  const model = await loadCsModel(db, actor.workspaceId);
  return { policy: model.touchModelPolicy };
};

/** Sets the touch-model policy (null: touch models are set by hand only). */
export const putTouchModelPolicy = async (db: Db, actor: Actor, body: { policy: unknown }) => {
  const { workspaceId } = actor;
  const policy =
    body.policy === null ? null : parseDefinition(touchModelPolicySchema, body.policy, "/policy");
  await db.transaction(async (tx) => {
    await updateCsSettings(tx, { workspaceId, touchModelPolicy: policy });
    if (policy !== null) await markWorkspaceAccountsDirty(tx, workspaceId);
  });
  forgetCsModel();
  return getTouchModelPolicy(db, actor);
};

export const getUsageSettings = async (db: Db, actor: Actor) => {
  const model = await loadCsModel(db, actor.workspaceId);
  return { retentionDays: model.usageRetentionDays };
};

export const putUsageSettings = async (
  db: Db,
  actor: Actor,
  body: { retentionDays: number | null },
) => {
  await updateCsSettings(db, {
    workspaceId: actor.workspaceId,
    usageRetentionDays: body.retentionDays,
  });
  forgetCsModel();
  return getUsageSettings(db, actor);
};

export const getChurnReasons = async (db: Db, actor: Actor) => {
  const model = await loadCsModel(db, actor.workspaceId);
  return {
    reasons: model.churnReasons,
    custom: model.custom.churnReasons,
    defaultReasons: defaultChurnReasons,
  };
};

/**
 * Replaces the workspace's churn reasons (null: back to the default list). A
 * reason an account is marked with stays on the account when removed from
 * the list; the list is what may be chosen from now on.
 */
export const putChurnReasons = async (db: Db, actor: Actor, body: { reasons: unknown }) => {
  const reasons =
    body.reasons === null ? null : parseDefinition(churnReasonsSchema, body.reasons, "/reasons");
  await updateCsSettings(db, { workspaceId: actor.workspaceId, churnReasons: reasons });
  forgetCsModel();
  return getChurnReasons(db, actor);
};

export const getAccountPicklists = async (db: Db, actor: Actor) =>
  (await loadCsModel(db, actor.workspaceId)).accountPicklists;

/**
 * Replaces the workspace's industry and segment options. Accounts keep the
 * values they have (one no longer listed shows as it is); what may be chosen
 * or imported from now on is the list, or anything while it is empty.
 */
export const putAccountPicklists = async (
  db: Db,
  actor: Actor,
  body: { industry: unknown; segment: unknown },
) => {
  const accountPicklists = parseDefinition(accountPicklistsSchema, body, "");
  await updateCsSettings(db, { workspaceId: actor.workspaceId, accountPicklists });
  forgetCsModel();
  return getAccountPicklists(db, actor);
};

/**
 * How far back the event names offered for labelling are looked for, and how
 * many: every rollup row of those days is read (accounts × days), so a month,
 * not a quarter; names a rule reads are offered whenever they were last sent.
 */
const SEEN_EVENTS_DAYS = 30;
const SEEN_EVENTS_LIMIT = 500;

const sortedUnique = (...lists: readonly string[][]) =>
  [...new Set(lists.flat())].sort((a, b) => a.localeCompare(b));

/**
 * The workspace's names for events and products, and the names there are to
 * label: events its accounts sent in the last 30 days or its rules read,
 * products of its maturity models or its rules, and those already labelled.
 */
export const getUsageLabels = async (db: Db, actor: Actor, now = new Date()) => {
  const model = await loadCsModel(db, actor.workspaceId);
  const from = addCalendarDays(utcDay(now), -SEEN_EVENTS_DAYS);
  const seen = await findSeenEventNames(db, {
    workspaceId: actor.workspaceId,
    from,
    limit: SEEN_EVENTS_LIMIT,
  });
  const named = usageKeysOfMetrics(modelMetricRefs(model));
  const { events, products } = model.usageLabels;
  return {
    events,
    products,
    known: {
      events: sortedUnique(seen, named.events, Object.keys(events)),
      products: sortedUnique(
        model.maturityModels.map((m) => m.product),
        named.products,
        Object.keys(products),
      ),
    },
  };
};

/**
 * Replaces the workspace's display names of events and products. Only words
 * change: rules keep the raw names, so nothing is recomputed.
 */
export const putUsageLabels = async (
  db: Db,
  actor: Actor,
  body: { events: unknown; products: unknown },
) => {
  const usageLabels = parseDefinition(usageLabelsSchema, body, "");
  await updateCsSettings(db, { workspaceId: actor.workspaceId, usageLabels });
  forgetCsModel();
  return getUsageLabels(db, actor);
};
