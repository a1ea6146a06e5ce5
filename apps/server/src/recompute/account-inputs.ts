import {
  type ContractStatus,
  fromMinorUnits,
  type KpiDirection,
  type KpiKind,
  kpiProgress,
  type MeetingAudience,
  type PlanKpi,
} from "@michi/core";
import { sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "../db/client";
import { accountIdIn, type BatchAccounts } from "./batch-accounts";

/** What the account metrics need besides usage: contracts, the active success plan, surveys. */
export type AccountInputs = {
  /** Licensed seats of the contracts in force; null when none of them counts seats. */
  seats: number | null;
  /** MRR in major units of the workspace's main currency; null without a contract in force in it. */
  mrr: number | null;
  /** The earliest renewal (end date) of the contracts in force. */
  renewalDate: string | null;
  /** kpiProgress percent of each open KPI of the active plan, in the plan's order. */
  kpiProgress: (number | null)[];
  /** The latest meeting with evaluators of the active plan, on or before asOf. */
  lastEvaluatorMeeting: string | null;
  /** The account's NPS from its latest survey round. */
  lastNps: number | null;
};

const emptyInputs = (): AccountInputs => ({
  seats: null,
  mrr: null,
  renewalDate: null,
  kpiProgress: [],
  lastEvaluatorMeeting: null,
  lastNps: null,
});

/**
 * Contract statuses that were in force during their period. An expired or
 * churned contract was running until its end date, so a past day is recomputed
 * with the seats and MRR it had then; without an end date there is no telling
 * when it stopped, so it does not count. A pending one has not started.
 */
const inForceStatuses: ContractStatus[] = ["active", "expired", "churned"];

/**
 * Meeting records carry their audience, not a list of attendees: a meeting
 * held for evaluators (評価者 / 最終評価者) or for everyone is one the
 * customer's evaluators attended. The plan check evaluator-not-met reads them
 * the same way.
 */
const evaluatorAudiences: MeetingAudience[] = ["evaluators", "all"];

/** Per account and currency; sums of integers come back as strings from node-postgres. */
type ContractTotalsRow = {
  accountId: string;
  currency: string;
  seats: string | number | null;
  mrrMinor: string | number;
  renewalDate: string | null;
};

type KpiJson = {
  key: string;
  kind: KpiKind;
  name: string;
  direction: KpiDirection | null;
  baseline: number | null;
  target: number | null;
  latestDate: string | null;
  latestValue: number | null;
};

type PlanRow = {
  accountId: string;
  lastEvaluatorMeeting: string | null;
  /** json: node-postgres and PGlite parse it, but do not count on it. */
  kpis: KpiJson[] | string;
};

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

/**
 * The non-usage metric inputs of many accounts as of a day, in two statements
 * whatever the number of accounts (the health job passes batches of 1,000),
 * three when `mainCurrency` is not given. Every account asked for is in the
 * answer; one with nothing to read (or of another workspace) gets nulls and
 * no KPIs.
 *
 * Everything is read as it stood on `asOf`, as far as the data keeps it:
 * contracts by their period, KPI measurements and meetings by their date, so
 * a past day can be recomputed. The active plan is today's (plans keep no
 * history of which was active when).
 *
 * Amounts in different currencies cannot be added without exchange rates,
 * which Michi does not keep: MRR is the sum of the contracts in the
 * workspace's main currency (findMainCurrency). A contract in another
 * currency adds its seats and renewal date but not its MRR.
 */
export const loadAccountInputs = async (
  db: DbOrTx,
  params: BatchAccounts & {
    workspaceId: string;
    asOf: string;
    /** findMainCurrency's answer, when the caller already has it; undefined: found here. */
    mainCurrency?: string | null;
  },
): Promise<Map<string, AccountInputs>> => {
  const { workspaceId, asOf } = params;
  const inputs = new Map(params.accountIds.map((id) => [id, emptyInputs()]));
  if (inputs.size === 0) return inputs;
  const day = sql`${asOf}::date`;

  const [mainCurrency, contractTotals, plans] = await Promise.all([
    params.mainCurrency === undefined
      ? findMainCurrency(db, workspaceId)
      : Promise.resolve(params.mainCurrency),
    rowsOf<ContractTotalsRow>(
      db,
      sql`select account_id as "accountId", currency, sum(seats) as seats,
          sum(mrr_minor) as "mrrMinor",
          to_char(min(end_date) filter (where status <> 'churned'), 'YYYY-MM-DD') as "renewalDate"
        from contracts
        where workspace_id = ${workspaceId} and ${accountIdIn(sql`account_id`, params)}
          and status = any(${sql.param(inForceStatuses)}::text[])
          and (status = 'active' or end_date is not null)
          and start_date <= ${day} and (end_date is null or end_date >= ${day})
        group by account_id, currency`,
    ),
    /*
     * Per active plan, two subqueries run by index: the latest meeting with
     * evaluators, and the open KPIs (those of a plan that is not closed), each
     * with its latest measurement on or before asOf (same day: the one written
     * later, as core's latestKpiMeasurement).
     */
    rowsOf<PlanRow>(
      db,
      sql`select p.account_id as "accountId",
          (select to_char(max(m.date), 'YYYY-MM-DD') from plan_meetings m
            where m.workspace_id = p.workspace_id and m.plan_id = p.id
              and m.audience = any(${sql.param(evaluatorAudiences)}::text[])
              and m.date <= ${day}) as "lastEvaluatorMeeting",
          case when p.status is distinct from 'closed' then (
            select coalesce(json_agg(json_build_object(
                'key', k.key, 'kind', k.kind, 'name', k.name, 'direction', k.direction,
                'baseline', k.baseline, 'target', k.target,
                'latestDate', to_char(m.date, 'YYYY-MM-DD'), 'latestValue', m.value
              ) order by k.position), '[]')
            from plan_kpis k
            left join lateral (
              select m.date, m.value from plan_kpi_measurements m
              where m.workspace_id = k.workspace_id and m.plan_id = k.plan_id
                and m.kpi_key = k.key and m.date <= ${day}
              order by m.date desc, m.position desc
              limit 1
            ) m on true
            where k.workspace_id = p.workspace_id and k.plan_id = p.id
          ) else '[]' end as kpis
        from success_plans p
        where p.workspace_id = ${workspaceId} and ${accountIdIn(sql`p.account_id`, params)}
          and p.active`,
    ),
  ]);

  for (const row of contractTotals) {
    const target = inputs.get(row.accountId);
    if (!target) continue;
    if (row.seats !== null) target.seats = (target.seats ?? 0) + Number(row.seats);
    if (row.currency === mainCurrency) {
      target.mrr = fromMinorUnits(Number(row.mrrMinor), row.currency);
    }
    if (
      row.renewalDate !== null &&
      (target.renewalDate === null || row.renewalDate < target.renewalDate)
    ) {
      target.renewalDate = row.renewalDate;
    }
  }
  for (const row of plans) {
    const target = inputs.get(row.accountId);
    if (!target) continue;
    target.lastEvaluatorMeeting = row.lastEvaluatorMeeting;
    const kpis: KpiJson[] = typeof row.kpis === "string" ? JSON.parse(row.kpis) : row.kpis;
    target.kpiProgress = kpis.map((k) => kpiProgress(toPlanKpi(k), asOf).percent);
  }
  // lastNps stays null: surveys (NPS rounds) are not built yet.
  return inputs;
};

/** Core's PlanKpi with only the latest measurement: all kpiProgress needs. */
const toPlanKpi = (k: KpiJson): PlanKpi => ({
  key: k.key,
  kind: k.kind,
  name: k.name,
  ...(k.direction === null ? {} : { direction: k.direction }),
  ...(k.baseline === null ? {} : { baseline: Number(k.baseline) }),
  ...(k.target === null ? {} : { target: Number(k.target) }),
  measurements:
    k.latestDate === null || k.latestValue === null
      ? []
      : [{ date: k.latestDate, value: Number(k.latestValue) }],
});
