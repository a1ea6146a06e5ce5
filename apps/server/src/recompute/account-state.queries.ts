import type { TouchModel } from "@michi/core";
import { sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../db/client";
import { accountIdIn, type BatchAccounts } from "./batch-accounts";

/*
 * Reads and writes of the recompute, one statement per kind for a whole
 * batch (unnest arrays), so 1,000 accounts cost the same few round trips as one.
 */

const atParam = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/**
 * `at` when it is on a day before today (UTC), else undefined: today's
 * recompute reads the current stays and levels (rows with no end), a past
 * day's the ones that covered it, so a backfill or a re-run of a past day
 * sees the phase and levels of then.
 */
export const pastTimeOf = (at: Date, now = new Date()): Date | undefined =>
  at.toISOString().slice(0, 10) < now.toISOString().slice(0, 10) ? at : undefined;

const idsParam = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

export type AccountStateRow = {
  id: string;
  segment: string | null;
  touchModel: TouchModel | null;
  createdAt: Date;
  /** The phase stay at the time asked for, and its start; null when no stored stay covers it. */
  phaseKey: string | null;
  phaseSince: Date | null;
};

/** A page of a workspace's accounts by id (keyset): those after `after`, at most `limit`. */
export type AccountPage = { after: string | null; limit: number };

/**
 * The accounts of the batch that exist, with their phase at `at` (the stay
 * that began at or before it and had not ended); or a page of them, which is
 * how a full recompute takes its pages (one statement for the page's ids and
 * states). A page taken earlier is read as its range, as
 * the other reads of a page are (by 1,000 ids they took 0.9 s of a
 * 100,000-account run), and kept to the batch's ids: an account created
 * inside the range since the page was read waits for the next run.
 */
export const findAccountStates = async (
  db: DbOrTx,
  params: (BatchAccounts | { page: AccountPage }) & {
    workspaceId: string;
    /** A past time (pastTimeOf): the stay then; absent: the current stay. */
    at?: Date | undefined;
  },
): Promise<AccountStateRow[]> => {
  const which =
    "page" in params
      ? sql`${params.page.after === null ? sql`true` : sql`a.id > ${params.page.after}::uuid`}
        order by a.id limit ${params.page.limit}`
      : accountIdIn(sql`a.id`, params);
  const rows = await rowsOf<
    Omit<AccountStateRow, "createdAt" | "phaseSince"> & {
      createdAt: string | Date;
      phaseSince: string | Date | null;
    }
  >(
    db,
    sql`select a.id, a.segment, a.touch_model as "touchModel", a.created_at as "createdAt",
        p.phase_key as "phaseKey", p.since as "phaseSince"
      from accounts a
      left join account_phases p on p.workspace_id = a.workspace_id and p.account_id = a.id
        and ${
          params.at === undefined
            ? sql`p.until is null`
            : sql`p.since <= ${atParam(params.at)} and (p.until is null or p.until > ${atParam(params.at)})`
        }
      where a.workspace_id = ${params.workspaceId} and ${which}`,
  );
  const batch = "idRange" in params && params.idRange ? new Set(params.accountIds) : null;
  // PGlite and node-postgres differ in what they return for timestamptz.
  return (batch ? rows.filter((row) => batch.has(row.id)) : rows).map((row) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    phaseSince: row.phaseSince === null ? null : new Date(row.phaseSince),
  }));
};

/** The maturity level per account and product at a past time (pastTimeOf), or now (the current rows). */
export const findMaturityLevels = async (
  db: DbOrTx,
  params: BatchAccounts & { workspaceId: string; at?: Date | undefined },
) =>
  rowsOf<{ accountId: string; product: string; level: number }>(
    db,
    sql`select account_id as "accountId", product, level from account_maturity_levels
      where workspace_id = ${params.workspaceId} and ${accountIdIn(sql`account_id`, params)}
        and ${
          params.at === undefined
            ? sql`until is null`
            : sql`since <= ${atParam(params.at)} and (until is null or until > ${atParam(params.at)})`
        }`,
  );

export type MaturityChange = { accountId: string; product: string; level: number };

/** Closes the current level of each (account, product) and opens the new one at `at`. */
export const writeMaturityChanges = async (
  db: DbOrTx,
  params: { workspaceId: string; at: Date; changes: readonly MaturityChange[] },
) => {
  const { workspaceId, at, changes } = params;
  if (changes.length === 0) return;
  const accounts = sql.param(changes.map((c) => c.accountId));
  const products = sql.param(changes.map((c) => c.product));
  await db.execute(sql`update account_maturity_levels m set until = ${atParam(at)}
    from unnest(${accounts}::uuid[], ${products}::text[]) as x(acc, product)
    where m.workspace_id = ${workspaceId} and m.account_id = x.acc and m.product = x.product
      and m.until is null`);
  await db.execute(sql`insert into account_maturity_levels
      (workspace_id, account_id, product, level, since, until)
    select ${workspaceId}, acc, product, level, ${atParam(at)}, null
    from unnest(${accounts}::uuid[], ${products}::text[],
      ${sql.param(changes.map((c) => c.level))}::int[]) as x(acc, product, level)`);
};

export type PhaseMove = {
  accountId: string;
  toPhase: string;
  /** The start of the stored stay the move was decided from (null with implicitFirst). */
  staySince: Date | null;
  /** For an account without phase rows: its implicit first stay, written closed. */
  implicitFirst: { phaseKey: string; since: Date } | null;
};

/**
 * Moves accounts on (auto mode) at `at`: closes the current stay (or writes
 * the implicit first one, closed), opens the next, withdraws open proposals.
 * Only accounts still in the stay the move was decided from: the current
 * stays are locked first (as a move by hand locks them, lifecycle's
 * writePhaseMove), and an account moved by hand since the batch read it is
 * left as the person put it. Returns the accounts moved.
 */
export const writePhaseMoves = async (
  db: DbOrTx,
  params: { workspaceId: string; at: Date; moves: readonly PhaseMove[] },
): Promise<string[]> => {
  const { workspaceId, at } = params;
  if (params.moves.length === 0) return [];
  const current = await rowsOf<{ accountId: string; since: Date | string }>(
    db,
    sql`select account_id as "accountId", since from account_phases
      where workspace_id = ${workspaceId}
        and account_id = any(${idsParam(params.moves.map((m) => m.accountId))})
        and until is null
      order by account_id
      for update`,
  );
  const currentSince = new Map(
    current.map((row) => [row.accountId, new Date(row.since).getTime()]),
  );
  const moves = params.moves.filter((m) =>
    m.implicitFirst !== null
      ? !currentSince.has(m.accountId)
      : currentSince.get(m.accountId) === m.staySince?.getTime(),
  );
  if (moves.length === 0) return [];
  const ids = moves.map((m) => m.accountId);
  await db.execute(sql`update account_phases set until = ${atParam(at)}
    where workspace_id = ${workspaceId} and account_id = any(${idsParam(ids)}) and until is null`);
  const firsts = moves.flatMap((m) =>
    m.implicitFirst ? [{ ...m.implicitFirst, id: m.accountId }] : [],
  );
  if (firsts.length > 0) {
    await db.execute(sql`insert into account_phases
        (workspace_id, account_id, phase_key, since, until, decided_by)
      select ${workspaceId}, acc, phase, since, ${atParam(at)}, 'auto'
      from unnest(${sql.param(firsts.map((f) => f.id))}::uuid[],
        ${sql.param(firsts.map((f) => f.phaseKey))}::text[],
        ${sql.param(firsts.map((f) => f.since.toISOString()))}::timestamptz[]) as x(acc, phase, since)`);
  }
  await db.execute(sql`insert into account_phases
      (workspace_id, account_id, phase_key, since, until, decided_by)
    select ${workspaceId}, acc, phase, ${atParam(at)}, null, 'auto'
    from unnest(${sql.param(ids)}::uuid[], ${sql.param(moves.map((m) => m.toPhase))}::text[])
      as x(acc, phase)`);
  await withdrawOpenProposals(db, { workspaceId, at, accountIds: ids });
  return ids;
};

/** Resolves the open proposals of accounts as withdrawn (they moved, or no longer qualify). */
export const withdrawOpenProposals = async (
  db: DbOrTx,
  params: { workspaceId: string; at: Date; accountIds: readonly string[] },
) => {
  if (params.accountIds.length === 0) return;
  await db.execute(sql`update account_phase_proposals
    set resolved_at = ${atParam(params.at)}, resolution = 'withdrawn'
    where workspace_id = ${params.workspaceId} and account_id = any(${idsParam(params.accountIds)})
      and resolved_at is null`);
};

export type PhaseProposal = {
  accountId: string;
  fromPhase: string;
  toPhase: string;
  /** The current stay's start: a proposal dismissed during this stay is not made again. */
  staySince: Date;
};

/**
 * Opens proposals (propose mode). Skipped when one is already open (unique
 * index) or the CSM dismissed the same move during the current stay.
 */
export const writePhaseProposals = async (
  db: DbOrTx,
  params: { workspaceId: string; at: Date; proposals: readonly PhaseProposal[] },
) => {
  const { workspaceId, at, proposals } = params;
  if (proposals.length === 0) return;
  await db.execute(sql`insert into account_phase_proposals
      (workspace_id, account_id, from_phase, to_phase, proposed_at)
    select ${workspaceId}, acc, from_phase, to_phase, ${atParam(at)}
    from unnest(${sql.param(proposals.map((p) => p.accountId))}::uuid[],
      ${sql.param(proposals.map((p) => p.fromPhase))}::text[],
      ${sql.param(proposals.map((p) => p.toPhase))}::text[],
      ${sql.param(proposals.map((p) => p.staySince.toISOString()))}::timestamptz[])
      as x(acc, from_phase, to_phase, stay_since)
    where not exists (select 1 from account_phase_proposals d
      where d.workspace_id = ${workspaceId} and d.account_id = x.acc
        and d.from_phase = x.from_phase and d.to_phase = x.to_phase
        and d.resolution = 'dismissed' and d.proposed_at >= x.stay_since)
    on conflict (workspace_id, account_id) where resolved_at is null do nothing`);
};

/** Sets touch models the workspace's rules assigned, where they differ. */
export const writeTouchModels = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    changes: readonly { accountId: string; touchModel: TouchModel }[];
  },
) => {
  const { workspaceId, changes } = params;
  if (changes.length === 0) return;
  await db.execute(sql`update accounts a set touch_model = x.model
    from unnest(${sql.param(changes.map((c) => c.accountId))}::uuid[],
      ${sql.param(changes.map((c) => c.touchModel))}::text[]) as x(acc, model)
    where a.workspace_id = ${workspaceId} and a.id = x.acc
      and a.touch_model is distinct from x.model`);
};
