import type { HealthBand } from "../health/scorecard";
import { addCalendarDays } from "../usage/metrics";

/*
 * The work queue (ワークキュー, issue 17): a person's tasks across accounts,
 * account tasks and plan tasks in one list. What is due comes first, and
 * among tasks due the same day the account that weighs most: more MRR, then
 * worse health. Pure: the day is passed in (todayInTokyo at the edge).
 */

/** What the queue's order reads of one task. */
export type WorkQueueSortKey = {
  done: boolean;
  overdue: boolean;
  /** YYYY-MM-DD, or null: no due date (last). */
  dueDate: string | null;
  /** The account's MRR in the workspace's main currency, minor units (0: none). */
  mrrMinor: number;
  band: HealthBand | null;
  score: number | null;
  title: string;
};

const BAND_ORDER: Record<HealthBand, number> = { red: 0, yellow: 1, green: 2 };

/**
 * Open before done; overdue first; then by due date (none last); then MRR,
 * largest first; then health, red first (unscored last), lower score first;
 * then by title, so that the order is total.
 */
export const compareWorkQueueItems = (a: WorkQueueSortKey, b: WorkQueueSortKey): number => {
  if (a.done !== b.done) return a.done ? 1 : -1;
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  if (a.mrrMinor !== b.mrrMinor) return b.mrrMinor - a.mrrMinor;
  const bandA = a.band === null ? 3 : BAND_ORDER[a.band];
  const bandB = b.band === null ? 3 : BAND_ORDER[b.band];
  if (bandA !== bandB) return bandA - bandB;
  if (a.score !== b.score) {
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return a.score - b.score;
  }
  return a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
};

/** Overdue: due before today and not done. */
export const isTaskOverdue = (task: { dueDate: string | null; done: boolean }, today: string) =>
  !task.done && task.dueDate !== null && task.dueDate < today;

/** Snoozed: hidden from the queue until its day (shown again on that day). */
export const isTaskSnoozed = (task: { snoozedUntil: string | null }, today: string) =>
  task.snoozedUntil !== null && task.snoozedUntil > today;

/** The last day (Sunday) of the week, Monday to Sunday, that holds `day`. */
export const endOfWeek = (day: string): string => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0: Sunday
  return addCalendarDays(day, weekday === 0 ? 0 : 7 - weekday);
};

export type TaskLoad = {
  ownerUserId: string | null;
  open: number;
  overdue: number;
  /** Due from today to this Sunday (a week is Monday to Sunday). */
  dueThisWeek: number;
};

/**
 * Each owner's load from their tasks (open ones count, snoozed or not): open,
 * overdue, and due this week. Owners in `owners` are listed even with none;
 * the others follow in the order first met.
 */
export const summarizeTaskLoad = (
  tasks: readonly { ownerUserId: string | null; dueDate: string | null; done: boolean }[],
  today: string,
  owners: readonly string[] = [],
): TaskLoad[] => {
  const weekEnd = endOfWeek(today);
  const load = new Map<string | null, TaskLoad>(
    owners.map((ownerUserId) => [
      ownerUserId,
      { ownerUserId, open: 0, overdue: 0, dueThisWeek: 0 },
    ]),
  );
  for (const task of tasks) {
    if (task.done) continue;
    let row = load.get(task.ownerUserId);
    if (!row) {
      row = { ownerUserId: task.ownerUserId, open: 0, overdue: 0, dueThisWeek: 0 };
      load.set(task.ownerUserId, row);
    }
    row.open += 1;
    if (isTaskOverdue(task, today)) row.overdue += 1;
    else if (task.dueDate !== null && task.dueDate <= weekEnd) row.dueThisWeek += 1;
  }
  return [...load.values()];
};
