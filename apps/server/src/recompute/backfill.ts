import {
  type AccountHistory,
  accountInputsAsOf,
  addCalendarDays,
  emptyAccountHistory,
  type MetricRef,
  ratingsAsOf,
  slidingWindowTotals,
} from "@michi/core";
import type { Db } from "../db/client";
import { findAccountHistories, findMainCurrency } from "./account-inputs";
import { type AccountStateRow, findAccountStates } from "./account-state.queries";
import {
  findMaturityStays,
  findPhaseStays,
  findRollupBounds,
  readRollupsOfRange,
  type Stay,
} from "./backfill.queries";
import { type CsModel, loadCsModel } from "./cs-model";
import {
  type AccountEvaluation,
  accountEvaluator,
  modelMetricRefs,
  scoreLineOf,
} from "./decide-batch";
import { upsertHealthScores } from "./health-scores.queries";
import { windowTotalsNeeds } from "./metric-values";
import { RECOMPUTE_BATCH_SIZE } from "./recompute";
import { attachAllWaitingUsageEvents } from "./usage-rollups";

/*
 * Health as of past days, written as daily history (a backfill): each day's
 * score as the daily recompute would have written it that day, from the
 * rollups and what was true then (contracts in force, KPIs as measured,
 * ratings given, the phase and maturity levels the account had). Nothing but
 * scores is written: phase and maturity history stay as they were recorded.
 * A page of accounts is read once for the whole range, and each account's
 * windows slide over its rows day by day (core's slidingWindowTotals).
 */

/** The days of a backfill: `from`, then every `everyDays` days, up to `to`. */
export const backfillDays = (from: string, to: string, everyDays: number): string[] => {
  const days: string[] = [];
  for (let day = from; day <= to; day = addCalendarDays(day, everyDays)) days.push(day);
  return days;
};

/**
 * The time a backfilled day is scored at: its last moment (UTC), so the day
 * sees the phase and levels it ended with, as a recompute run late that day.
 */
export const endOfDay = (day: string): Date => new Date(`${day}T23:59:59.999Z`);

/** The stay (of a sorted list) that covered `at`. */
const stayAt = (stays: readonly Stay[], at: string): Stay | undefined => {
  let found: Stay | undefined;
  for (const stay of stays) {
    if (stay.since > at) break;
    if (stay.until === null || stay.until > at) found = stay;
  }
  return found;
};

const groupStays = (stays: readonly Stay[]) => {
  const of = new Map<string, Stay[]>();
  for (const stay of stays) {
    const list = of.get(stay.accountId) ?? [];
    list.push(stay);
    of.set(stay.accountId, list);
  }
  return of;
};

/**
 * The first day an account is scored: the earliest of its creation, its
 * first contract's start and its first usage. An imported account was
 * created today but has been a customer since its contracts began.
 */
const firstKnownDay = (
  account: AccountStateRow,
  history: AccountHistory,
  firstRollupDay: string | null,
): string => {
  let first = account.createdAt.toISOString().slice(0, 10);
  for (const contract of history.contracts) {
    if (contract.status !== "pending" && contract.startDate < first) first = contract.startDate;
  }
  return firstRollupDay !== null && firstRollupDay < first ? firstRollupDay : first;
};

/** A past day's evaluation of one account, as forEachAccountDay hands it over. */
export type AccountDay = {
  accountId: string;
  segment: string | null;
  /** Index into the days asked for. */
  dayIndex: number;
  day: string;
  evaluation: AccountEvaluation;
};

/**
 * Evaluates every account of the workspace as of each of `days` (ascending)
 * under `model`, from its first known day on, and hands each evaluation to
 * `visit`; what the model reads and `refs` are computed. Nothing is written.
 * A page of accounts is read once for all the days; `afterPage` runs when a
 * page's days are all visited (a backfill writes them there).
 */
export const forEachAccountDay = async (
  db: Db,
  params: {
    workspaceId: string;
    days: readonly string[];
    model: CsModel;
    /** Metrics computed besides the model's (the Health Lab's candidates). */
    refs?: readonly MetricRef[];
    batchSize?: number;
  },
  visit: (accountDay: AccountDay) => void,
  afterPage: () => Promise<void> = async () => {},
): Promise<void> => {
  const { workspaceId, days, model } = params;
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return;
  await attachAllWaitingUsageEvents(db, workspaceId);
  const mainCurrency = await findMainCurrency(db, workspaceId);
  const refs = [...modelMetricRefs(model), ...(params.refs ?? [])];
  const needs = windowTotalsNeeds(refs);
  const longest = Math.max(0, ...needs.windows);
  const readFrom = addCalendarDays(first, -Math.max(0, 2 * longest - 1));
  const evaluate = accountEvaluator(model, params.refs);
  const batchSize = params.batchSize ?? RECOMPUTE_BATCH_SIZE;
  let after: string | null = null;
  for (;;) {
    const accounts = await findAccountStates(db, {
      workspaceId,
      page: { after, limit: batchSize },
    });
    if (accounts.length === 0) break;
    const accountIds = accounts.map((account) => account.id);
    after = accountIds[accountIds.length - 1]!;
    const batch = {
      workspaceId,
      accountIds,
      idRange: { first: accountIds[0]!, last: after },
    };
    const [rollupsOf, bounds, histories, phaseStays, maturityStays] = await Promise.all([
      readRollupsOfRange(db, { ...batch, from: readFrom, to: last }),
      findRollupBounds(db, { workspaceId, accountIds, before: readFrom }),
      findAccountHistories(db, { ...batch, to: last }),
      findPhaseStays(db, { ...batch, from: first, to: last }),
      findMaturityStays(db, { ...batch, from: first, to: last }),
    ]);
    const boundsOf = new Map(bounds.map((row) => [row.accountId, row]));
    const phasesOf = groupStays(phaseStays);
    const maturityOf = groupStays(maturityStays);
    for (const account of accounts) {
      const history = histories.get(account.id) ?? emptyAccountHistory();
      const bound = boundsOf.get(account.id);
      const since = firstKnownDay(account, history, bound?.firstDay ?? null);
      const phases = phasesOf.get(account.id) ?? [];
      const levels = maturityOf.get(account.id) ?? [];
      slidingWindowTotals(
        rollupsOf.get(account.id) ?? [],
        days,
        needs,
        (i, windows, lastActive) => {
          const day = days[i]!;
          if (day < since) return;
          const at = endOfDay(day).toISOString();
          const stay = stayAt(phases, at);
          const storedMaturity: Record<string, number> = {};
          for (const level of levels) {
            if (level.since <= at && (level.until === null || level.until > at)) {
              storedMaturity[level.key] = level.level;
            }
          }
          const evaluation = evaluate(
            {
              ...account,
              phaseKey: stay?.key ?? null,
              phaseSince: stay ? new Date(stay.since) : null,
            },
            {
              asOf: day,
              windows,
              lastSeen: lastActive ?? bound?.lastBefore ?? null,
              storedMaturity,
              inputs: accountInputsAsOf(history, day, mainCurrency),
              ratings: ratingsAsOf(history, day),
            },
          );
          visit({ accountId: account.id, segment: account.segment, dayIndex: i, day, evaluation });
        },
      );
    }
    await afterPage();
  }
};

export type BackfillResult = { days: number; scores: number };

/**
 * Writes the workspace's daily health scores for `from`..`to`, every
 * `everyDays` days (a day already scored is rewritten). Returns how many
 * days and scores were written. The workspace's model is today's: a
 * scorecard changed since is applied to the past too, which is what a team
 * checking its current scorecard against history wants.
 */
export const backfillHealth = async (
  db: Db,
  params: {
    workspaceId: string;
    from: string;
    to: string;
    everyDays?: number;
    batchSize?: number;
    model?: CsModel;
  },
): Promise<BackfillResult> => {
  const { workspaceId } = params;
  const days = backfillDays(params.from, params.to, params.everyDays ?? 1);
  if (days.length === 0) return { days: 0, scores: 0 };
  const model = params.model ?? (await loadCsModel(db, workspaceId));
  let linesOf: string[][] = days.map(() => []);
  let scores = 0;
  await forEachAccountDay(
    db,
    { workspaceId, days, model, ...(params.batchSize ? { batchSize: params.batchSize } : {}) },
    ({ accountId, dayIndex, evaluation }) => {
      linesOf[dayIndex]!.push(scoreLineOf(accountId, evaluation));
    },
    async () => {
      const page = linesOf;
      linesOf = days.map(() => []);
      await db.transaction(async (tx) => {
        for (const [i, lines] of page.entries()) {
          await upsertHealthScores(tx, { workspaceId, day: days[i]!, lines });
          scores += lines.length;
        }
      });
    },
  );
  return { days: days.length, scores };
};
