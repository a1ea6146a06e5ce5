import { kpiProgress } from "./kpi-progress";
import type { PlanFinding, PlanFindingSeverity } from "./plan-check-codes";
import type { PlanDocument, PlanTask, TaskStatus } from "./plan-document";

/** Done out of total; total 0 when the plan has none of the kind. */
export type ProgressCount = { done: number; total: number };

export type PlanProgress = {
  /** Tasks with status "done", of all tasks. */
  tasks: ProgressCount;
  /** Milestones with a done date on or before asOf, of all milestones. */
  milestones: ProgressCount;
  /** Measures (施策) done, of those not dropped. */
  measures: ProgressCount;
  /**
   * The mean kpiProgress percent (0..100) of the KGI/KPIs the win condition
   * names, over those whose progress can be told; null when none can.
   */
  winConditionPercent: number | null;
  /**
   * The share (0..100) of the plan's work done: tasks, milestones and measures
   * counted together, each one item. Null when the plan has none of them.
   */
  percent: number | null;
};

/**
 * How far a plan has come, as of a day (YYYY-MM-DD). Work (tasks, milestones,
 * measures) and outcome (the win condition's KPIs) are kept apart: a plan can
 * have done all its work and not yet won, and the overview shows both.
 * No rounding: the UI rounds.
 */
export const planProgress = (plan: PlanDocument, asOf: string): PlanProgress => {
  const tasks = plan.tasks ?? [];
  const milestones = plan.milestones ?? [];
  const measures = (plan.pufu.measures ?? []).filter((m) => m.status !== "dropped");
  const counts = {
    tasks: { done: tasks.filter((t) => t.status === "done").length, total: tasks.length },
    milestones: {
      done: milestones.filter((m) => m.doneDate !== undefined && m.doneDate <= asOf).length,
      total: milestones.length,
    },
    measures: { done: measures.filter((m) => m.status === "done").length, total: measures.length },
  };
  const done = counts.tasks.done + counts.milestones.done + counts.measures.done;
  const total = counts.tasks.total + counts.milestones.total + counts.measures.total;

  const kpis = new Map((plan.kpis ?? []).map((kpi) => [kpi.key, kpi]));
  const percents = (plan.pufu.winCondition.kpiKeys ?? []).flatMap((key) => {
    const kpi = kpis.get(key);
    const percent = kpi ? kpiProgress(kpi, asOf).percent : null;
    return percent === null ? [] : [percent];
  });
  return {
    ...counts,
    winConditionPercent:
      percents.length === 0 ? null : percents.reduce((a, b) => a + b, 0) / percents.length,
    percent: total === 0 ? null : (done / total) * 100,
  };
};

/** A task not done, with whether it is overdue (due before `today`). */
export type OpenPlanTask = PlanTask & { status: Exclude<TaskStatus, "done">; overdue: boolean };

/**
 * The plan's tasks not done, by due date (none last, then in the plan's
 * order), with how many there are and how many are overdue.
 */
export const openPlanTasks = (plan: PlanDocument, today: string) => {
  const open: OpenPlanTask[] = (plan.tasks ?? []).flatMap((task) =>
    task.status === "done"
      ? []
      : [
          {
            ...task,
            status: task.status ?? "todo",
            overdue: task.dueDate !== undefined && task.dueDate < today,
          },
        ],
  );
  const byDue = open
    .map((task, index) => ({ task, index }))
    .sort(
      (a, b) =>
        (a.task.dueDate ?? "9999-12-31").localeCompare(b.task.dueDate ?? "9999-12-31") ||
        a.index - b.index,
    )
    .map(({ task }) => task);
  return { tasks: byDue, overdue: open.filter((task) => task.overdue).length };
};

const severityOrder: Record<PlanFindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Findings counted by severity, and the first `top` of them, errors first (stable otherwise). */
export const summarizeFindings = <F extends Pick<PlanFinding, "severity">>(
  findings: readonly F[],
  top: number,
) => ({
  errors: findings.filter((f) => f.severity === "error").length,
  warnings: findings.filter((f) => f.severity === "warning").length,
  infos: findings.filter((f) => f.severity === "info").length,
  top: findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        severityOrder[a.finding.severity] - severityOrder[b.finding.severity] || a.index - b.index,
    )
    .slice(0, top)
    .map(({ finding }) => finding),
});
