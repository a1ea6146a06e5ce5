import {
  type AccountInputs,
  accountInputsAsOf,
  type HealthRatings,
  type MetricRef,
  ratingsAsOf,
} from "@michi/core";
import { type Db, databaseKindOf } from "../db/client";
import { utcDay } from "../lib/days";
import { findAccountHistories, findMainCurrency } from "./account-inputs";
import {
  type AccountStateRow,
  findAccountStates,
  findMaturityLevels,
  pastTimeOf,
  withdrawOpenProposals,
  writeMaturityChanges,
  writePhaseMoves,
  writePhaseProposals,
  writeTouchModels,
} from "./account-state.queries";
import type { IdRange } from "./batch-accounts";
import { type CsModel, loadCsModel } from "./cs-model";
import {
  type AccountEvaluation,
  type BatchInputs,
  type BatchWrites,
  decideBatch,
  evaluateBatch,
  modelMetricRefs,
} from "./decide-batch";
import type { DecideWorkerRun } from "./decide-worker";
import {
  claimDirtyAccounts,
  clearDirtyAccounts,
  clearWorkspaceDirtyAccounts,
  countDirtyAccounts,
  findWorkspacesWithDirtyAccounts,
  markAccountsDirty,
  markWorkspaceAccountsDirty,
} from "./dirty-accounts.queries";
import { upsertHealthScores } from "./health-scores.queries";
import { windowTotalsNeeds } from "./metric-values";
import { attachAllWaitingUsageEvents } from "./usage-rollups";
import {
  type AccountWindowTotals,
  addLastSeenDays,
  findAccountsUsage,
  type WindowTotalsCounter,
  type WindowTotalsCursor,
} from "./window-totals";
import { pgliteWindowTotals } from "./window-totals.pglite";
import { postgresWindowTotals } from "./window-totals.postgres";

/*
 * The one recompute of what follows from an account's data: its health
 * score, maturity level per product, lifecycle phase (an auto move or a
 * proposal) and touch model (when the workspace has rules). One batch reads
 * everything it needs in a fixed number of statements, decides in core's
 * pure functions, and writes in one transaction. See decision 0007.
 */

/** Where a database's window totals are counted: chosen here, once per database handle. */
export const windowTotalsOf = (db: Db): WindowTotalsCounter =>
  databaseKindOf(db) === "pglite" ? pgliteWindowTotals : postgresWindowTotals;

/** Accounts per batch: a handful of reads and writes each, whatever the size. */
export const RECOMPUTE_BATCH_SIZE = 1000;

/**
 * Evaluates accounts as at `at` under the workspace's model (or `model`, for
 * a preview). Maturity is decided first from metrics read with the stored
 * levels, then its new levels stand in for maturityLevel metrics, so a
 * scorecard or an exit criterion on maturity sees today's level.
 */
export const evaluateAccounts = async (
  db: Db,
  params: EvaluateParams,
): Promise<Map<string, AccountEvaluation>> => {
  const result = new Map<string, AccountEvaluation>();
  await forEachEvaluation(db, params, (accountId, evaluation) => {
    result.set(accountId, evaluation);
  });
  return result;
};

type EvaluateParams = {
  workspaceId: string;
  accountIds: readonly string[];
  at: Date;
  model?: CsModel;
  /** findMainCurrency's answer when the caller has it (once per run, not per batch). */
  mainCurrency?: string | null;
  /** Set when accountIds are a whole page of the workspace's accounts by id. */
  idRange?: IdRange | undefined;
  /** The accounts' window totals when already read (a full recompute's cursor). */
  windowTotals?: AccountWindowTotals[] | undefined;
  /** The accounts' states when already read (a full recompute's page). */
  accounts?: AccountStateRow[] | undefined;
  /** Metrics to compute besides the model's (a playbook's conditions read them). */
  extraRefs?: readonly MetricRef[] | undefined;
};

/** evaluateAccounts one account at a time: `visit` sees each evaluation as it is made. */
const forEachEvaluation = async (
  db: Db,
  params: EvaluateParams,
  visit: (accountId: string, evaluation: AccountEvaluation) => void,
): Promise<void> => {
  const model = params.model ?? (await loadCsModel(db, params.workspaceId));
  evaluateBatch(model, await readBatch(db, params, model), visit, params.extraRefs);
};

/** Everything a batch's decisions read. */
const readBatch = async (db: Db, params: EvaluateParams, model: CsModel): Promise<BatchInputs> => {
  const { workspaceId, accountIds, idRange, windowTotals } = params;
  const asOf = utcDay(params.at);
  const refs = params.extraRefs?.length
    ? [...modelMetricRefs(model), ...params.extraRefs]
    : modelMetricRefs(model);
  const [others, usage] = await Promise.all([
    readBatchInputs(db, params),
    findAccountsUsage(db, {
      workspaceId,
      accountIds,
      asOf,
      refs,
      idRange,
      windowTotals,
      counter: windowTotalsOf(db),
    }),
  ]);
  return { ...others, usage };
};

/** A batch's reads but its usage, all at once: on PostgreSQL each takes its own connection. */
const readBatchInputs = async (
  db: Db,
  params: EvaluateParams,
): Promise<Omit<BatchInputs, "usage">> => {
  const { workspaceId, accountIds, idRange } = params;
  const asOf = utcDay(params.at);
  const at = pastTimeOf(params.at);
  const [accounts, maturityRows, histories, mainCurrency] = await Promise.all([
    // The accounts evaluated: the batch's ids (by range for a page, then kept to the ids).
    params.accounts ?? findAccountStates(db, { workspaceId, accountIds, idRange, at }),
    findMaturityLevels(db, { workspaceId, accountIds, idRange, at }),
    findAccountHistories(db, { workspaceId, accountIds, idRange, to: asOf }),
    params.mainCurrency === undefined
      ? findMainCurrency(db, workspaceId)
      : Promise.resolve(params.mainCurrency),
  ]);
  const inputsOf = new Map<string, AccountInputs>();
  const ratingsOf = new Map<string, HealthRatings>();
  for (const [accountId, history] of histories) {
    inputsOf.set(accountId, accountInputsAsOf(history, asOf, mainCurrency));
    ratingsOf.set(accountId, ratingsAsOf(history, asOf));
  }
  return { accounts, maturityRows, ratingsOf, inputsOf };
};

/** One batch's writes in one transaction. */
const writeBatch = async (db: Db, run: Run, writes: BatchWrites) => {
  const { workspaceId, at } = run;
  await db.transaction(async (tx) => {
    await upsertHealthScores(tx, { workspaceId, day: utcDay(at), lines: writes.scoreLines });
    await writeMaturityChanges(tx, { workspaceId, at, changes: writes.maturityChanges });
    await writePhaseMoves(tx, { workspaceId, at, moves: writes.moves });
    await withdrawOpenProposals(tx, { workspaceId, at, accountIds: writes.noLongerProposed });
    await writePhaseProposals(tx, { workspaceId, at, proposals: writes.proposals });
    await writeTouchModels(tx, { workspaceId, changes: writes.touchModels });
  });
  return writes.scoreLines.length;
};

/**
 * Recomputes the given accounts, or every dirty one when `accountIds` is
 * absent, as at `at` (default now; the day of `at` in UTC is the health
 * day, `at` itself the time of any phase or maturity change). Waiting events
 * are attached first (their rollups are only current after that, decision
 * 0006). A batch's dirty marks are taken before its rollups are read and put
 * back if it fails. Returns how many accounts were recomputed.
 */
export const recomputeAccounts = async (
  db: Db,
  params: {
    workspaceId: string;
    accountIds?: readonly string[];
    at?: Date;
    model?: CsModel;
    mainCurrency?: string | null;
    batchSize?: number;
  },
): Promise<number> => {
  const run = await startRun(db, params);
  const { workspaceId, batchSize } = run;
  const given = params.accountIds;
  if (given) {
    let i = 0;
    return runBatches(db, run, async () => {
      const accountIds = given.slice(i, i + batchSize);
      i += batchSize;
      if (accountIds.length > 0) await clearDirtyAccounts(db, { workspaceId, accountIds });
      return { accountIds };
    });
  }
  return runBatches(db, run, async () => ({
    accountIds: await claimDirtyAccounts(db, { workspaceId, limit: batchSize }),
  }));
};

/**
 * Every account of a workspace, page by page, as at `at`. Returns the count.
 * All dirty marks are taken first, in one statement (an event arriving during
 * the run marks its account again); if the run fails, every account is marked.
 * The window totals of all pages are read at once (the counter's withWorkspace).
 */
export const recomputeAllAccounts = async (
  db: Db,
  params: {
    workspaceId: string;
    at?: Date;
    batchSize?: number;
    /** PGlite: decide in the worker thread; by default when the rollups are more than one read. */
    inWorker?: boolean;
  },
): Promise<number> => {
  const run = await startRun(db, params);
  const { workspaceId, batchSize } = run;
  await clearWorkspaceDirtyAccounts(db, workspaceId);
  let after: string | null = null;
  const take = async () => {
    const accounts = await findAccountStates(db, {
      workspaceId,
      page: { after, limit: batchSize },
      at: pastTimeOf(run.at),
    });
    after = accounts[accounts.length - 1]?.id ?? after;
    return { accountIds: accounts.map((account) => account.id), accounts };
  };
  const totalsParams = {
    workspaceId,
    asOf: utcDay(run.at),
    ...windowTotalsNeeds(modelMetricRefs(run.model)),
  };
  try {
    return await windowTotalsOf(db).withWorkspace(
      db,
      { ...totalsParams, model: run.model, at: run.at, inWorker: params.inWorker },
      (usage) =>
        usage.kind === "cursor"
          ? runBatches(db, run, take, usage.cursor)
          : runBatches(db, run, take, undefined, decideInWorker(db, usage.worker, usage.seen)),
    );
  } catch (error) {
    await markWorkspaceAccountsDirty(db, workspaceId);
    throw error;
  }
};

/** What every batch of one run shares, read once: after the waiting-events sweep. */
type Run = {
  workspaceId: string;
  at: Date;
  model: CsModel;
  mainCurrency: string | null;
  /** RECOMPUTE_BATCH_SIZE; smaller in tests of several batches. */
  batchSize: number;
};

const startRun = async (
  db: Db,
  params: {
    workspaceId: string;
    at?: Date;
    model?: CsModel;
    mainCurrency?: string | null;
    batchSize?: number;
  },
): Promise<Run> => {
  const { workspaceId } = params;
  await attachAllWaitingUsageEvents(db, workspaceId);
  return {
    workspaceId,
    batchSize: params.batchSize ?? RECOMPUTE_BATCH_SIZE,
    at: params.at ?? new Date(),
    model: params.model ?? (await loadCsModel(db, workspaceId)),
    mainCurrency:
      params.mainCurrency === undefined
        ? await findMainCurrency(db, workspaceId)
        : params.mainCurrency,
  };
};

/** A batch read and decided in this thread. */
const decideHere = async (db: Db, run: Run, batch: EvaluateParams): Promise<BatchWrites> =>
  decideBatch(run.model, run.at, batch.accountIds, await readBatch(db, batch, run.model));

/**
 * A batch read here and decided in the decide worker, which has counted its
 * window totals; the last day of an account without an active day in them
 * is probed here (as findAccountsUsage does).
 */
const decideInWorker =
  (db: Db, worker: DecideWorkerRun, seen: ReadonlySet<string>) =>
  async (batch: EvaluateParams): Promise<BatchWrites> => {
    const asOf = utcDay(batch.at);
    const unseen = batch.accountIds.filter((id) => !seen.has(id));
    const lastSeenOf = new Map<string, string>();
    const [others] = await Promise.all([
      readBatchInputs(db, batch),
      addLastSeenDays(
        db,
        { workspaceId: batch.workspaceId, accountIds: unseen, to: asOf },
        lastSeenOf,
      ),
    ]);
    return worker.decide(batch.accountIds, {
      ...others,
      usage: { asOf, windowsOf: new Map(), lastSeenOf },
    });
  };

/** A batch taken: its accounts' ids, and their states when it is a page of the workspace's accounts by id. */
type Taken = { accountIds: readonly string[]; accounts?: AccountStateRow[] };

/**
 * Batches until `take` gives none, pipelined: the next batches are taken and
 * read while this one is written, so the database reads and writes at once
 * (on PostgreSQL, on several connections) and the JavaScript of deciding
 * runs while it does. `take` has already taken a batch's dirty marks; a batch
 * that fails, and those read ahead of it, are marked dirty again.
 */
const runBatches = async (
  db: Db,
  run: Run,
  take: () => Promise<Taken>,
  /** Where the pages' window totals are read, in page order. */
  cursor?: WindowTotalsCursor,
  /** A batch's reads and decisions (by default here, as they are made). */
  decide: (batch: EvaluateParams) => Promise<BatchWrites> = (batch) => decideHere(db, run, batch),
): Promise<number> => {
  const { workspaceId } = run;
  // Takes one after another (a page follows the last one, the cursor reads on), reads as soon as taken.
  let taken: Promise<unknown> = Promise.resolve();
  const ahead = (): Promise<BatchWrites | null> => {
    const batch = taken.then(async () => {
      const { accountIds, accounts } = await take();
      const last = accountIds[accountIds.length - 1];
      return {
        accountIds,
        accounts,
        windowTotals: cursor && last !== undefined ? await cursor.through(last) : undefined,
      };
    });
    taken = batch.catch(() => {});
    const evaluated = batch.then(async ({ accountIds, accounts, windowTotals }) => {
      if (accountIds.length === 0) return null;
      try {
        // A page (taken with its states) is read as its id range.
        const idRange = accounts
          ? { first: accountIds[0] as string, last: accountIds[accountIds.length - 1] as string }
          : undefined;
        return await decide({ ...run, accountIds, idRange, windowTotals, accounts });
      } catch (error) {
        await markAccountsDirty(db, { workspaceId, accountIds });
        throw error;
      }
    });
    // A failure is seen when awaited, not as an unhandled rejection before.
    evaluated.catch(() => {});
    return evaluated;
  };
  // Two batches read ahead: while one is written and the next decided, the one after is read.
  const queue = [ahead(), ahead()];
  let done = 0;
  for (;;) {
    const batch = await queue.shift()!;
    if (batch === null) return done;
    queue.push(ahead());
    try {
      done += await writeBatch(db, run, batch);
    } catch (error) {
      await markAccountsDirty(db, { workspaceId, accountIds: batch.accountIds });
      for (const readAhead of queue) {
        const evaluated = await readAhead.catch(() => null);
        if (evaluated)
          await markAccountsDirty(db, { workspaceId, accountIds: evaluated.accountIds });
      }
      throw error;
    }
  }
};

/**
 * How the dirty job takes a workspace's marks: batch by batch, or as one full
 * recompute when at least two batches' worth and half its accounts are
 * marked (a model change marks them all). The full run reads the rollups in
 * one pass, in table order or by one cursor; batches look each batch's rows
 * up by id. With every account marked: 10,000 accounts on PostgreSQL 1.7 s
 * by batches against 0.8 s in full; PGlite 1.4–2.1 s against 1.1–1.8 s, and
 * 14.2 s against 9.8 s at 100,000.
 */
export const dirtyDrainPlan = (params: {
  dirty: number;
  accounts: number | null;
  batchSize: number;
}): "full" | "batches" =>
  params.accounts !== null &&
  params.dirty >= 2 * params.batchSize &&
  params.dirty * 2 >= params.accounts
    ? "full"
    : "batches";

/** A workspace's dirty accounts, now (dirtyDrainPlan says how). Returns how many were recomputed. */
export const drainWorkspaceDirtyAccounts = async (
  db: Db,
  params: { workspaceId: string; batchSize?: number },
): Promise<number> => {
  const batchSize = params.batchSize ?? RECOMPUTE_BATCH_SIZE;
  const counts = await countDirtyAccounts(db, {
    workspaceId: params.workspaceId,
    upTo: 2 * batchSize,
  });
  return dirtyDrainPlan({ ...counts, batchSize }) === "full"
    ? recomputeAllAccounts(db, params)
    : recomputeAccounts(db, params);
};

/** Every dirty account of every workspace, now. Returns the count. */
export const drainDirtyAccounts = async (db: Db): Promise<number> => {
  let done = 0;
  for (const workspaceId of await findWorkspacesWithDirtyAccounts(db)) {
    done += await drainWorkspaceDirtyAccounts(db, { workspaceId });
  }
  return done;
};
