import {
  addCalendarDays,
  kpiOffTrackSince,
  type PlanKpi,
  type PlaybookSignal,
  type PlaybookTriggerKind,
} from "@michi/core";
import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client";
import { utcDay } from "../../lib/days";
import { loadPlaybookFactsBatch } from "./playbook-facts.queries";
import {
  findLastRunDays,
  findLivePlaybooks,
  findWorkspacesWithPlaybooks,
  insertRuns,
  type LivePlaybook,
  type NewRun,
  runsForSignal,
} from "./playbook-runs.queries";

/*
 * Date-based triggers are not events (decision 0030): once a day, after the
 * full recompute, this sweep builds their signals for the workspaces that
 * have playbooks on them — a contract's renewal approaching, an overdue
 * milestone of an active plan, a KPI behind its plan line, a health score
 * that dropped, an open phase proposal — and starts runs as the dispatcher
 * does (matchPlaybooks, then ON CONFLICT DO NOTHING on the occurrence key:
 * a lasting state found again tomorrow names the same occurrence).
 */

export type SweepDeps = { baseURL: string | null };

/** Accounts per facts read. */
const SWEEP_CHUNK = 1000;

const parsed = <T>(value: T | string): T =>
  typeof value === "string" ? (JSON.parse(value) as T) : value;

const triggersOf = (playbooks: readonly LivePlaybook[]) => {
  const kinds = new Set<PlaybookTriggerKind>();
  let renewalDays = 0;
  let dropDays = 0;
  for (const { playbook } of playbooks) {
    if (playbook.paused) continue;
    const { trigger } = playbook;
    kinds.add(trigger.kind);
    if (trigger.kind === "renewalDue") renewalDays = Math.max(renewalDays, trigger.days);
    if (trigger.kind === "healthScoreDropped") dropDays = Math.max(dropDays, trigger.withinDays);
  }
  return { kinds, renewalDays, dropDays };
};

/** The date-based signals of one workspace on `today`. */
export const findDateSignals = async (
  db: Db,
  params: { workspaceId: string; today: string; playbooks: readonly LivePlaybook[] },
): Promise<PlaybookSignal[]> => {
  const { workspaceId, today } = params;
  const { kinds, renewalDays, dropDays } = triggersOf(params.playbooks);
  const signals: PlaybookSignal[] = [];
  const day = sql`${today}::date`;

  if (kinds.has("renewalDue")) {
    const rows = await rowsOf<{ accountId: string; contractId: string; renewalDate: string }>(
      db,
      sql`select c.account_id as "accountId", c.id as "contractId",
          to_char(c.end_date, 'YYYY-MM-DD') as "renewalDate"
        from contracts c join accounts a on a.workspace_id = c.workspace_id and a.id = c.account_id
        where c.workspace_id = ${workspaceId} and a.churned_on is null
          and c.status in ('active', 'pending')
          and c.end_date >= ${day} and c.end_date <= ${day} + ${renewalDays}::int`,
    );
    for (const row of rows) signals.push({ kind: "renewalApproaching", at: today, ...row });
  }

  if (kinds.has("milestoneOverdue")) {
    const rows = await rowsOf<{
      accountId: string;
      planId: string;
      milestoneKey: string;
      milestoneName: string;
      dueDate: string;
    }>(
      db,
      sql`select p.account_id as "accountId", p.id as "planId", m.key as "milestoneKey",
          left(m.title, 500) as "milestoneName", to_char(m.due_date, 'YYYY-MM-DD') as "dueDate"
        from plan_milestones m
        join success_plans p on p.workspace_id = m.workspace_id and p.id = m.plan_id
        where m.workspace_id = ${workspaceId} and p.active
          and m.done_date is null and m.due_date < ${day}`,
    );
    for (const row of rows) signals.push({ kind: "milestoneOverdue", at: today, ...row });
  }

  if (kinds.has("phaseProposed")) {
    const rows = await rowsOf<{ accountId: string; from: string; to: string; since: string }>(
      db,
      sql`select o.account_id as "accountId", o.from_phase as "from", o.to_phase as "to",
          to_char(coalesce(
            (select s.since from account_phases s
              where s.workspace_id = o.workspace_id and s.account_id = o.account_id
                and s.until is null order by s.since desc limit 1),
            a.created_at) at time zone 'UTC', 'YYYY-MM-DD') as since
        from account_phase_proposals o
        join accounts a on a.workspace_id = o.workspace_id and a.id = o.account_id
        where o.workspace_id = ${workspaceId} and o.resolved_at is null`,
    );
    for (const row of rows) signals.push({ kind: "phaseProposed", at: today, ...row });
  }

  if (kinds.has("kpiOffTrack")) {
    const rows = await rowsOf<{
      accountId: string;
      planId: string;
      planStart: string | null;
      kpis: (Omit<PlanKpi, "measurements"> & { measurements: PlanKpi["measurements"] })[] | string;
    }>(
      db,
      sql`select p.account_id as "accountId", p.id as "planId",
          to_char(p.period_start, 'YYYY-MM-DD') as "planStart",
          (select coalesce(json_agg(json_strip_nulls(json_build_object(
              'key', k.key, 'kind', k.kind, 'name', k.name, 'direction', k.direction,
              'baseline', k.baseline, 'target', k.target,
              'dueDate', to_char(k.due_date, 'YYYY-MM-DD'),
              'measurements', (select coalesce(json_agg(json_build_object(
                  'date', to_char(m.date, 'YYYY-MM-DD'), 'value', m.value)
                  order by m.date, m.position), '[]')
                from plan_kpi_measurements m
                where m.workspace_id = k.workspace_id and m.plan_id = k.plan_id
                  and m.kpi_key = k.key and m.date <= ${day})))), '[]')
            from plan_kpis k where k.workspace_id = p.workspace_id and k.plan_id = p.id) as kpis
        from success_plans p
        where p.workspace_id = ${workspaceId} and p.active`,
    );
    for (const row of rows) {
      for (const kpi of parsed(row.kpis)) {
        const since = kpiOffTrackSince(
          {
            ...kpi,
            measurements: (kpi.measurements ?? []).map((m) => ({ ...m, value: Number(m.value) })),
            ...(kpi.baseline === undefined ? {} : { baseline: Number(kpi.baseline) }),
            ...(kpi.target === undefined ? {} : { target: Number(kpi.target) }),
          } as PlanKpi,
          row.planStart ?? undefined,
          today,
        );
        if (since === null) continue;
        signals.push({
          kind: "kpiOffTrack",
          accountId: row.accountId,
          at: today,
          planId: row.planId,
          kpiKey: kpi.key,
          kpiName: kpi.name.slice(0, 500),
          since,
        });
      }
    }
  }

  if (kinds.has("healthScoreDropped")) {
    // The window, and as much again before it, so a drop's first day can be found.
    const from = addCalendarDays(today, -Math.min(2 * dropDays + 1, 399));
    const rows = await rowsOf<{ accountId: string; day: string; score: number | null }>(
      db,
      sql`select s.account_id as "accountId", to_char(s.day, 'YYYY-MM-DD') as day, s.score
        from health_scores s
        where s.workspace_id = ${workspaceId} and s.day between ${from}::date and ${day}
          and exists (select 1 from health_scores t where t.workspace_id = s.workspace_id
            and t.account_id = s.account_id and t.day = ${day} and t.score is not null)
        order by s.account_id, s.day`,
    );
    const scoresOf = new Map<string, { day: string; score: number | null }[]>();
    for (const row of rows) {
      const list = scoresOf.get(row.accountId) ?? [];
      list.push({ day: row.day, score: row.score === null ? null : Number(row.score) });
      scoresOf.set(row.accountId, list);
    }
    for (const [accountId, scores] of scoresOf) {
      signals.push({ kind: "healthScored", accountId, at: today, scores });
    }
  }
  return signals;
};

/** One sweep over every workspace with playbooks. Answers the runs started. */
export const sweepDatePlaybooks = async (
  db: Db,
  deps: SweepDeps,
  options: { now?: Date } = {},
): Promise<{ signals: number; runs: number }> => {
  const now = options.now ?? new Date();
  const today = utcDay(now);
  let signals = 0;
  let runs = 0;
  for (const workspaceId of await findWorkspacesWithPlaybooks(db)) {
    const playbooks = await findLivePlaybooks(db, workspaceId);
    const found = await findDateSignals(db, { workspaceId, today, playbooks });
    signals += found.length;
    for (let i = 0; i < found.length; i += SWEEP_CHUNK) {
      const chunk = found.slice(i, i + SWEEP_CHUNK);
      const accountIds = [...new Set(chunk.map((signal) => signal.accountId))];
      const [factsOf, lastRuns] = await Promise.all([
        loadPlaybookFactsBatch(db, {
          workspaceId,
          accountIds,
          at: now,
          baseURL: deps.baseURL,
          playbooks: playbooks.map((entry) => entry.playbook),
        }),
        findLastRunDays(db, { workspaceId, accountIds }),
      ]);
      const newRuns: NewRun[] = [];
      for (const signal of chunk) {
        const facts = factsOf.get(signal.accountId);
        if (facts)
          newRuns.push(...runsForSignal({ workspaceId, playbooks, signal, facts, lastRuns }));
      }
      runs += (await insertRuns(db, newRuns, now)).length;
    }
  }
  return { signals, runs };
};
