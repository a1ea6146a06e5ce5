import {
  AppError,
  addCalendarDays,
  coded,
  daysBetween,
  type ExplainableHealth,
  explainHealthChange,
  type FieldProblem,
} from "@michi/core";
import type { Db } from "../../db/client";
import { utcDay } from "../../lib/days";
import type { Actor } from "../../lib/hono-env";
import {
  backfillHealth,
  type CsModel,
  evaluateAccounts,
  markWorkspaceAccountsDirty,
  readCsModel,
  recomputeAccounts,
  recomputeAllAccounts,
} from "../../recompute";
import { getAccount } from "../accounts/accounts.service";
import { findHealthHistory, findHealthScore, findLatestHealthScore } from "./health.queries";
import { type HealthContribution, readStoredMeasures, storedScorecardOf } from "./stored-measures";

/** The longest backfill one request may ask for: three years of days. */
export const MAX_BACKFILL_DAYS = 3 * 366;

/**
 * A backfill's days checked as one rule for the API and the CLI: from ≤ to ≤
 * today (UTC), at most MAX_BACKFILL_DAYS apart, every 1 to 365 days.
 */
export const checkBackfillRange = (
  params: { from: string; to: string; everyDays: number },
  today = utcDay(new Date()),
) => {
  const problems: FieldProblem[] = [];
  if (params.from > params.to) {
    problems.push({
      pointer: "/from",
      message: `must not be after to (${params.to})`,
      ...coded("start-after-end", { end: params.to }),
    });
  }
  if (params.to > today) {
    problems.push({
      pointer: "/to",
      message: `must not be after today (${today})`,
      ...coded("date-in-future", { today }),
    });
  }
  if (daysBetween(params.from, params.to) > MAX_BACKFILL_DAYS) {
    problems.push({
      pointer: "/from",
      message: `must be at most ${MAX_BACKFILL_DAYS} days before to`,
      ...coded("range-too-long", { maximum: MAX_BACKFILL_DAYS }),
    });
  }
  if (!Number.isInteger(params.everyDays) || params.everyDays < 1 || params.everyDays > 365) {
    problems.push({
      pointer: "/everyDays",
      message: "must be a whole number of days from 1 to 365",
      ...coded("days-out-of-range", { minimum: 1, maximum: 365 }),
    });
  }
  if (problems.length > 0) {
    throw new AppError("validation-failed", "The days to backfill are not valid.", problems);
  }
};

/**
 * A full recompute (admins and managers). With wait, answers when done with
 * the count; without, marks every account dirty for the job. With `from` and
 * `to`, a backfill of those days' scores instead, answered when done.
 */
export const requestHealthRecompute = async (
  db: Db,
  actor: Actor,
  params: { wait: boolean; backfill?: { from: string; to: string; everyDays: number } | undefined },
) => {
  const { workspaceId } = actor;
  if (params.backfill) {
    checkBackfillRange(params.backfill);
    const done = await backfillHealth(db, { workspaceId, ...params.backfill });
    return { done: true, accounts: null, ...done };
  }
  if (params.wait) {
    return { done: true, accounts: await recomputeAllAccounts(db, { workspaceId }) };
  }
  return { done: false, accounts: await markWorkspaceAccountsDirty(db, workspaceId) };
};

/**
 * The last day an account's health means something: today for a customer,
 * the day before it churned for a former one (the recompute still scores it
 * after, on no use: 0 and red, then too little data).
 */
export const lastCustomerDay = (account: { churnedOn: string | null }, today: string) =>
  account.churnedOn !== null && account.churnedOn <= today
    ? addCalendarDays(account.churnedOn, -1)
    : today;

/** How each measure of the scorecard is read: its kind and, for a metric, its key. */
const measureKindsOf = (rows: readonly HealthContribution[]) =>
  new Map(rows.map((row) => [row.measure, { kind: row.kind, metric: row.metric }]));

/**
 * An account's health on a day (default today; for a churned account the
 * day before it churned). Today's is computed on read when its row is
 * missing (a new account, or no event since yesterday's score): one account,
 * one batch, so the answer is never a 404 for an existing account. A past
 * day answers its stored row, or, when the history has none (not
 * backfilled), the score as of that day, computed and not stored.
 */
export const getAccountHealth = async (
  db: Db,
  actor: Actor,
  accountId: string,
  params: { asOf?: string | undefined } = {},
) => {
  const account = await getAccount(db, actor, accountId);
  const today = utcDay(new Date());
  const day = params.asOf ?? lastCustomerDay(account, today);
  const { churnedOn } = account;
  if (day > today) {
    throw new AppError("validation-failed", "The health of a day to come is not known.", [
      {
        pointer: "/asOf",
        message: `must not be after today (${today})`,
        ...coded("date-in-future", { today }),
      },
    ]);
  }
  const where = { workspaceId: actor.workspaceId, accountId: account.id, day };
  let row = await findHealthScore(db, where);
  const model = await readCsModel(db, actor.workspaceId);
  if (!row && day < today) {
    const evaluation = (
      await evaluateAccounts(db, {
        workspaceId: actor.workspaceId,
        accountIds: [account.id],
        at: new Date(`${day}T23:59:59.999Z`),
        model,
      })
    ).get(account.id);
    if (!evaluation) throw new AppError("internal", "The health score could not be computed.");
    const { health, scorecardKey } = evaluation;
    return {
      accountId: account.id,
      day,
      churnedOn,
      score: health.score,
      band: health.band,
      coverage: health.coverage,
      computedAt: new Date().toISOString(),
      scorecard: scorecardOut(model, scorecardKey),
      contributions: health.measures.map((m) => ({
        measure: m.key,
        name: m.name,
        kind: m.kind,
        metric: m.metric,
        value: m.value,
        points: m.points,
        weight: m.weight,
        contribution: m.contribution,
      })),
    };
  }
  if (!row) {
    await recomputeAccounts(db, { workspaceId: where.workspaceId, accountIds: [account.id] });
    row = await findHealthScore(db, where);
  }
  if (!row) throw new AppError("internal", "The health score could not be computed.");
  return {
    accountId: account.id,
    day: row.day,
    churnedOn,
    score: row.score,
    band: row.band,
    coverage: row.coverage,
    computedAt: row.computedAt.toISOString(),
    scorecard: row.scorecardKey === null ? null : scorecardOut(model, row.scorecardKey),
    contributions: readStoredMeasures(model, row.scorecardKey, row.measures),
  };
};

/** The scorecard a score was computed with: its name, and the coverage it asks for. */
const scorecardOut = (model: CsModel, key: string) => {
  const scorecard = storedScorecardOf(model, key);
  return { key, name: scorecard?.name ?? null, minCoverage: scorecard?.minCoverage ?? null };
};

/** Daily scores over the last `days` days (a churned account's up to its churn), newest first. */
export const getAccountHealthHistory = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; days: number },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const to = lastCustomerDay(account, utcDay(new Date()));
  const data = await findHealthHistory(db, {
    workspaceId: actor.workspaceId,
    accountId: account.id,
    after: addCalendarDays(to, -params.days),
    to,
  });
  return { data };
};

/**
 * Why the score moved between two days, from the stored daily rows (the
 * latest on or before each day): measures by contribution change. `to`
 * defaults to today (computed on read like GET /health; a churned account:
 * the day before it churned), `from` to 30 days before.
 */
export const explainAccountHealthChange = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; from?: string | undefined; to?: string | undefined },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const today = utcDay(new Date());
  const to = params.to ?? lastCustomerDay(account, today);
  const from = params.from ?? addCalendarDays(to, -30);
  if (from > to) {
    // Query parameters, like the other bad queries: 400.
    throw new AppError("bad-request", `from (${from}) must not be after to (${to}).`);
  }
  if (to >= today) await getAccountHealth(db, actor, account.id);
  const where = { workspaceId: actor.workspaceId, accountId: account.id };
  const [before, after, model] = await Promise.all([
    findLatestHealthScore(db, { ...where, onOrBefore: from }),
    findLatestHealthScore(db, { ...where, onOrBefore: to }),
    readCsModel(db, actor.workspaceId),
  ]);
  const measuresOf = (row: typeof before) =>
    row ? readStoredMeasures(model, row.scorecardKey, row.measures) : [];
  const [measuresBefore, measuresAfter] = [measuresOf(before), measuresOf(after)];
  const asExplainable = (
    row: typeof before,
    measures: readonly HealthContribution[],
  ): ExplainableHealth => ({
    score: row?.score ?? null,
    band: row?.band ?? null,
    measures: measures.map((m) => ({ ...m, key: m.measure })),
  });
  const explained = explainHealthChange(
    asExplainable(before, measuresBefore),
    asExplainable(after, measuresAfter),
  );
  // A measure's kind and metric as the later score reads it (the earlier, if gone since).
  const kinds = new Map([...measureKindsOf(measuresBefore), ...measureKindsOf(measuresAfter)]);
  const scored = (row: typeof before) =>
    row ? { day: row.day, score: row.score, band: row.band } : null;
  return {
    from: scored(before),
    to: scored(after),
    scoreChange: explained.scoreChange,
    measures: explained.measures.map(({ key, exactContributionChange: _, ...rest }) => ({
      measure: key,
      kind: kinds.get(key)?.kind ?? null,
      metric: kinds.get(key)?.metric ?? null,
      ...rest,
    })),
  };
};
