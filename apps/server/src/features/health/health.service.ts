import {
  AppError,
  addCalendarDays,
  computeHealth,
  defaultScorecard,
  type Scorecard,
  scorecardMetricRefs,
} from "@michi/core";
import type { Db } from "../../db/client";
import type { StoredHealthMeasure } from "../../db/schema";
import type { Actor } from "../../lib/hono-env";
import { getAccount } from "../accounts/accounts.service";
import { assertCan } from "../auth/actor.middleware";
import { loadCsModel } from "../cs-settings/cs-settings.queries";
import { markAccountsDirty } from "../usage/usage.queries";
import { attachAllWaitingUsageEvents } from "../usage/usage.service";
import {
  claimDirtyAccounts,
  clearDirtyAccounts,
  findAccountIdsPage,
  findHealthHistory,
  findHealthScore,
  type HealthScoreRow,
  upsertHealthScores,
} from "./health.queries";
import { computeAccountsMetricValues } from "./metric-values";

/** Accounts per batch: one rollup read and one upsert each. */
export const HEALTH_BATCH_SIZE = 1000;

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** The workspace's first scorecard, or core's default when it has none (until the recompute chooses per account). */
export const getWorkspaceScorecard = async (db: Db, workspaceId: string): Promise<Scorecard> =>
  (await loadCsModel(db, workspaceId)).scorecards[0]?.scorecard ?? defaultScorecard;

/** Scores one batch of accounts: one read of their rollups, one upsert. */
const scoreBatch = async (
  db: Db,
  params: {
    workspaceId: string;
    accountIds: readonly string[];
    asOf: string;
    scorecard: Scorecard;
  },
) => {
  const { workspaceId, accountIds, asOf, scorecard } = params;
  const valuesOf = await computeAccountsMetricValues(db, {
    workspaceId,
    accountIds,
    asOf,
    refs: scorecardMetricRefs(scorecard),
  });
  const rows: HealthScoreRow[] = accountIds.map((accountId) => {
    const health = computeHealth(valuesOf.get(accountId) ?? {}, scorecard);
    return {
      accountId,
      score: health.score,
      band: health.band,
      coverage: health.coverage,
      measures: health.measures.map(
        (m): StoredHealthMeasure => ({
          measure: m.key,
          name: m.name,
          value: m.value,
          points: m.points,
          weight: m.weight,
          contribution: m.contribution,
        }),
      ),
    };
  });
  await upsertHealthScores(db, { workspaceId, day: asOf, rows });
  return rows.length;
};

/**
 * Recomputes the health of the given accounts, or of every dirty one, as of
 * a day: waiting events are attached first (their rollups are only current
 * after that, see decision 0006), then batches of HEALTH_BATCH_SIZE. A
 * batch's dirty marks are taken before its rollups are read and put back if
 * it fails. Returns how many accounts were scored.
 */
export const recomputeAccountHealth = async (
  db: Db,
  params: { workspaceId: string; accountIds?: readonly string[]; asOf: string },
): Promise<number> => {
  const { workspaceId, asOf } = params;
  await attachAllWaitingUsageEvents(db, workspaceId);
  const scorecard = await getWorkspaceScorecard(db, workspaceId);
  let done = 0;
  const runBatch = async (accountIds: readonly string[]) => {
    try {
      done += await scoreBatch(db, { workspaceId, accountIds, asOf, scorecard });
    } catch (error) {
      await markAccountsDirty(db, { workspaceId, accountIds });
      throw error;
    }
  };
  if (params.accountIds) {
    for (let i = 0; i < params.accountIds.length; i += HEALTH_BATCH_SIZE) {
      const accountIds = params.accountIds.slice(i, i + HEALTH_BATCH_SIZE);
      await clearDirtyAccounts(db, { workspaceId, accountIds });
      await runBatch(accountIds);
    }
    return done;
  }
  for (;;) {
    const accountIds = await claimDirtyAccounts(db, { workspaceId, limit: HEALTH_BATCH_SIZE });
    if (accountIds.length === 0) return done;
    await runBatch(accountIds);
  }
};

/** Every account of the workspace, page by page. */
const recomputeAllAccounts = async (db: Db, workspaceId: string, asOf: string) => {
  let done = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await findAccountIdsPage(db, { workspaceId, after, limit: HEALTH_BATCH_SIZE });
    if (ids.length === 0) return done;
    done += await recomputeAccountHealth(db, { workspaceId, accountIds: ids, asOf });
    after = ids[ids.length - 1] ?? null;
  }
};

/**
 * A full recompute (admins and managers). With wait, answers when done with
 * the count; without, marks every account dirty for the health job.
 */
export const requestHealthRecompute = async (db: Db, actor: Actor, params: { wait: boolean }) => {
  assertCan(actor, "manage-settings");
  const { workspaceId } = actor;
  if (params.wait) {
    return { done: true, accounts: await recomputeAllAccounts(db, workspaceId, todayUtc()) };
  }
  let queued = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await findAccountIdsPage(db, { workspaceId, after, limit: HEALTH_BATCH_SIZE });
    if (ids.length === 0) return { done: false, accounts: queued };
    await markAccountsDirty(db, { workspaceId, accountIds: ids });
    queued += ids.length;
    after = ids[ids.length - 1] ?? null;
  }
};

/**
 * Today's health of an account. When today's row is missing (a new account,
 * or no event since yesterday's score) it is computed on read: one account,
 * one batch, so the answer is never a 404 for an existing account.
 */
export const getAccountHealth = async (db: Db, actor: Actor, accountId: string) => {
  const account = await getAccount(db, actor, accountId);
  const where = { workspaceId: actor.workspaceId, accountId: account.id, day: todayUtc() };
  let row = await findHealthScore(db, where);
  if (!row) {
    await recomputeAccountHealth(db, {
      workspaceId: where.workspaceId,
      accountIds: [account.id],
      asOf: where.day,
    });
    row = await findHealthScore(db, where);
  }
  if (!row) throw new AppError("internal", "The health score could not be computed.");
  return {
    accountId: account.id,
    day: row.day,
    score: row.score,
    band: row.band,
    coverage: row.coverage,
    computedAt: row.computedAt.toISOString(),
    contributions: row.measures,
  };
};

/** Daily scores over the last `days` days, newest first. */
export const getAccountHealthHistory = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; days: number },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const to = todayUtc();
  const data = await findHealthHistory(db, {
    workspaceId: actor.workspaceId,
    accountId: account.id,
    after: addCalendarDays(to, -params.days),
    to,
  });
  return { data };
};
