import {
  type AccountHistory,
  type AccountInputs,
  accountInputsAsOf,
  type ContractStatus,
  emptyAccountHistory,
  type KpiRecord,
  type MeetingAudience,
  type RatingRecord,
} from "@michi/core";
import { sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../db/client";
import { accountIdIn, type BatchAccounts } from "./batch-accounts";

/*
 * What the account metrics read besides usage: contracts, the active success
 * plan (its KPIs and evaluator meetings) and the CSM's ratings, as history
 * rows up to a day. Core's accountInputsAsOf and ratingsAsOf say what they
 * were on any day of it, so a backfill reads each account's history once.
 */

/**
 * Meeting records carry their audience, not a list of attendees: a meeting
 * held for evaluators (評価者 / 最終評価者) or for everyone is one the
 * customer's evaluators attended. The plan check evaluator-not-met reads them
 * the same way.
 */
const evaluatorAudiences: MeetingAudience[] = ["evaluators", "all"];

/**
 * The currency most of the workspace's contracts use (ties: the first code in
 * alphabetical order), or null without contracts. It reads every contract of
 * the workspace: a job going through many batches finds it once and passes it.
 */
export const findMainCurrency = async (db: DbOrTx, workspaceId: string) => {
  const [row] = await rowsOf<{ currency: string }>(
    db,
    sql`select currency from contracts where workspace_id = ${workspaceId}
      group by currency order by count(*) desc, currency limit 1`,
  );
  return row?.currency ?? null;
};

type ContractRow = {
  accountId: string;
  startDate: string;
  endDate: string | null;
  status: ContractStatus;
  seats: number | null;
  /** bigint: a string from node-postgres. */
  mrrMinor: string | number;
  currency: string;
};

type PlanRow = {
  accountId: string;
  /** json: node-postgres and PGlite parse it, but do not count on it. */
  meetingDays: string[] | string;
  kpis:
    | (Omit<KpiRecord, "measurements"> & { measurements: { date: string; value: number }[] })[]
    | string;
};

type RatingRow = { accountId: string } & RatingRecord;

const parsed = <T>(value: T | string): T =>
  typeof value === "string" ? (JSON.parse(value) as T) : value;

/**
 * The histories of a batch's accounts up to `to` (every account asked for
 * is in the answer; one with nothing, or of another workspace, has an empty
 * history), in three statements whatever the number of accounts:
 * contracts started by `to`; the active plan's open KPIs with their
 * measurements and its evaluator meetings up to `to` (the active plan is
 * today's: plans keep no history of which was active when); ratings given
 * by the end of `to`.
 */
export const findAccountHistories = async (
  db: DbOrTx,
  params: BatchAccounts & { workspaceId: string; to: string },
): Promise<Map<string, AccountHistory>> => {
  const { workspaceId, to } = params;
  const histories = new Map(params.accountIds.map((id) => [id, emptyAccountHistory()]));
  if (histories.size === 0) return histories;
  const day = sql`${to}::date`;
  const [contractRows, planRows, ratingRows] = await Promise.all([
    rowsOf<ContractRow>(
      db,
      sql`select account_id as "accountId", to_char(start_date, 'YYYY-MM-DD') as "startDate",
          to_char(end_date, 'YYYY-MM-DD') as "endDate", status, seats,
          mrr_minor as "mrrMinor", currency
        from contracts
        where workspace_id = ${workspaceId} and ${accountIdIn(sql`account_id`, params)}
          and start_date <= ${day}`,
    ),
    rowsOf<PlanRow>(
      db,
      sql`select p.account_id as "accountId",
          (select coalesce(json_agg(d order by d), '[]') from (
            select distinct to_char(m.date, 'YYYY-MM-DD') as d from plan_meetings m
            where m.workspace_id = p.workspace_id and m.plan_id = p.id
              and m.audience = any(${sql.param(evaluatorAudiences)}::text[])
              and m.date <= ${day}) days) as "meetingDays",
          case when p.status is distinct from 'closed' then (
            select coalesce(json_agg(json_build_object(
                'key', k.key, 'kind', k.kind, 'name', k.name, 'direction', k.direction,
                'baseline', k.baseline, 'target', k.target,
                'measurements', (select coalesce(json_agg(json_build_object(
                    'date', to_char(m.date, 'YYYY-MM-DD'), 'value', m.value)
                    order by m.date, m.position), '[]')
                  from plan_kpi_measurements m
                  where m.workspace_id = k.workspace_id and m.plan_id = k.plan_id
                    and m.kpi_key = k.key and m.date <= ${day})
              ) order by k.position), '[]')
            from plan_kpis k
            where k.workspace_id = p.workspace_id and k.plan_id = p.id
          ) else '[]' end as kpis
        from success_plans p
        where p.workspace_id = ${workspaceId} and ${accountIdIn(sql`p.account_id`, params)}
          and p.active`,
    ),
    rowsOf<RatingRow>(
      db,
      sql`select account_id as "accountId", measure_key as "measureKey", rating, comment,
          to_char(rated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "ratedAt"
        from health_ratings
        where workspace_id = ${workspaceId} and ${accountIdIn(sql`account_id`, params)}
          and rated_at < ${day} + 1
        order by account_id, rated_at`,
    ),
  ]);
  const historyOf = (accountId: string) => histories.get(accountId) as MutableHistory | undefined;
  for (const row of contractRows) {
    historyOf(row.accountId)?.contracts.push({
      startDate: row.startDate,
      endDate: row.endDate,
      status: row.status,
      seats: row.seats,
      mrrMinor: Number(row.mrrMinor),
      currency: row.currency,
    });
  }
  for (const row of planRows) {
    const history = historyOf(row.accountId);
    if (!history) continue;
    history.evaluatorMeetingDays = parsed(row.meetingDays);
    history.kpis = parsed(row.kpis).map((k) => ({
      ...k,
      baseline: k.baseline === null ? null : Number(k.baseline),
      target: k.target === null ? null : Number(k.target),
      measurements: k.measurements.map((m) => ({ date: m.date, value: Number(m.value) })),
    }));
  }
  for (const { accountId, ...rating } of ratingRows) {
    historyOf(accountId)?.ratings.push(rating);
  }
  return histories;
};

type MutableHistory = {
  contracts: AccountHistory["contracts"][number][];
  kpis: KpiRecord[];
  evaluatorMeetingDays: string[];
  ratings: RatingRecord[];
};

/**
 * The non-usage metric inputs of many accounts as of a day (their histories
 * up to it, read by findAccountHistories, as core's accountInputsAsOf reads
 * them). `mainCurrency` is findMainCurrency's answer, found here when not given.
 */
export const loadAccountInputs = async (
  db: DbOrTx,
  params: BatchAccounts & {
    workspaceId: string;
    asOf: string;
    mainCurrency?: string | null;
  },
): Promise<Map<string, AccountInputs>> => {
  const [mainCurrency, histories] = await Promise.all([
    params.mainCurrency === undefined
      ? findMainCurrency(db, params.workspaceId)
      : Promise.resolve(params.mainCurrency),
    findAccountHistories(db, { ...params, to: params.asOf }),
  ]);
  return new Map(
    [...histories].map(([id, history]) => [
      id,
      accountInputsAsOf(history, params.asOf, mainCurrency),
    ]),
  );
};
