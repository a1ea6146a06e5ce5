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
import type { DbOrTx } from "../../db/client";

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

const rowsOf = async <T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

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

type ContractTotalsRow = {
  accountId: string;
  seats: string | number | null;
  mrrMinor: string | number | null;
  renewalDate: string | null;
  mainCurrency: string | null;
};

type KpiRow = {
  accountId: string;
  key: string;
  kind: KpiKind;
  name: string;
  direction: KpiDirection | null;
  baseline: number | null;
  target: number | null;
  latestDate: string | null;
  latestValue: number | null;
};

/**
 * The non-usage metric inputs of many accounts as of a day, in three
 * statements whatever the number of accounts (the health job passes batches of
 * 1,000). Every account asked for is in the answer; one with nothing to read
 * (or of another workspace) gets nulls and no KPIs.
 *
 * Everything is read as it stood on `asOf`, as far as the data keeps it:
 * contracts by their period, KPI measurements and meetings by their date, so
 * a past day can be recomputed. The active plan is today's (plans keep no
 * history of which was active when).
 */
export const loadAccountInputs = async (
  db: DbOrTx,
  params: { workspaceId: string; accountIds: readonly string[]; asOf: string },
): Promise<Map<string, AccountInputs>> => {
  const { workspaceId, asOf } = params;
  const inputs = new Map(params.accountIds.map((id) => [id, emptyInputs()]));
  if (inputs.size === 0) return inputs;
  const ids = sql`${sql.param([...inputs.keys()])}::uuid[]`;
  const day = sql`${asOf}::date`;

  const [contractTotals, kpis, meetings] = await Promise.all([
    /*
     * Amounts in different currencies cannot be added without exchange rates,
     * which Michi does not keep: MRR is the sum of the contracts in the
     * workspace's main currency, the one most of its contracts use (ties: the
     * first code in alphabetical order). A contract in another currency adds
     * its seats and renewal date but not its MRR.
     */
    rowsOf<ContractTotalsRow>(
      db,
      sql`with main as (
          select currency from contracts where workspace_id = ${workspaceId}
          group by currency order by count(*) desc, currency limit 1
        )
        select c.account_id as "accountId",
          sum(c.seats) as seats,
          sum(c.mrr_minor) filter (where c.currency = main.currency) as "mrrMinor",
          to_char(min(c.end_date) filter (where c.status <> 'churned'), 'YYYY-MM-DD')
            as "renewalDate",
          main.currency as "mainCurrency"
        from contracts c cross join main
        where c.workspace_id = ${workspaceId} and c.account_id = any(${ids})
          and c.status = any(${sql.param(inForceStatuses)}::text[])
          and (c.status = 'active' or c.end_date is not null)
          and c.start_date <= ${day} and (c.end_date is null or c.end_date >= ${day})
        group by c.account_id, main.currency`,
    ),
    /*
     * Open KPIs: the KGIs and KPIs of the account's active plan unless the plan
     * is closed, each with its latest measurement on or before asOf (same day:
     * the one written later, as core's latestKpiMeasurement).
     */
    rowsOf<KpiRow>(
      db,
      sql`select p.account_id as "accountId", k.key, k.kind, k.name, k.direction,
          k.baseline, k.target,
          to_char(m.date, 'YYYY-MM-DD') as "latestDate", m.value as "latestValue"
        from success_plans p
        join plan_kpis k on k.workspace_id = p.workspace_id and k.plan_id = p.id
        left join lateral (
          select m.date, m.value from plan_kpi_measurements m
          where m.workspace_id = k.workspace_id and m.plan_id = k.plan_id
            and m.kpi_key = k.key and m.date <= ${day}
          order by m.date desc, m.position desc
          limit 1
        ) m on true
        where p.workspace_id = ${workspaceId} and p.account_id = any(${ids})
          and p.active and p.status is distinct from 'closed'
        order by p.account_id, k.position`,
    ),
    rowsOf<{ accountId: string; date: string }>(
      db,
      sql`select p.account_id as "accountId", to_char(max(m.date), 'YYYY-MM-DD') as date
        from success_plans p
        join plan_meetings m on m.workspace_id = p.workspace_id and m.plan_id = p.id
        where p.workspace_id = ${workspaceId} and p.account_id = any(${ids}) and p.active
          and m.audience = any(${sql.param(evaluatorAudiences)}::text[]) and m.date <= ${day}
        group by p.account_id`,
    ),
  ]);

  for (const row of contractTotals) {
    const target = inputs.get(row.accountId);
    if (!target) continue;
    // sum() of integers comes back as a string from node-postgres.
    target.seats = row.seats === null ? null : Number(row.seats);
    target.mrr =
      row.mrrMinor === null || row.mainCurrency === null
        ? null
        : fromMinorUnits(Number(row.mrrMinor), row.mainCurrency);
    target.renewalDate = row.renewalDate;
  }
  for (const row of kpis) {
    const kpi: PlanKpi = {
      key: row.key,
      kind: row.kind,
      name: row.name,
      ...(row.direction === null ? {} : { direction: row.direction }),
      ...(row.baseline === null ? {} : { baseline: Number(row.baseline) }),
      ...(row.target === null ? {} : { target: Number(row.target) }),
      measurements:
        row.latestDate === null || row.latestValue === null
          ? []
          : [{ date: row.latestDate, value: Number(row.latestValue) }],
    };
    inputs.get(row.accountId)?.kpiProgress.push(kpiProgress(kpi, asOf).percent);
  }
  for (const row of meetings) {
    const target = inputs.get(row.accountId);
    if (target) target.lastEvaluatorMeeting = row.date;
  }
  // lastNps stays null: surveys (NPS rounds) are not built yet.
  return inputs;
};
