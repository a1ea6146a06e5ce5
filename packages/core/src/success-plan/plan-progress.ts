import { kpiProgress } from "./kpi-progress";
import type { PlanDocument } from "./plan-document";

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
