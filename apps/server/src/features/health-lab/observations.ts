import {
  AppError,
  addCalendarDays,
  coded,
  daysBetween,
  type FieldProblem,
  type MetricRef,
} from "@michi/core";
import type { Db } from "../../db/client";
import { type AccountDay, backfillDays, type CsModel, forEachAccountDay } from "../../recompute";
import { findChurnDays } from "../accounts/churn.queries";

/*
 * The Health Lab's observations: each account that was a customer on an
 * observation day, as it was scored then, and whether it churned within the
 * horizon after. Days whose horizon has not passed yet are left out: their
 * outcome is not known.
 */

/** The days of history one question may look at, and how far ahead it asks. */
export type LabRange = { from: string; to: string; everyDays: number; horizonDays: number };

/** At most this many observation days per question (each is a full evaluation of the workspace). */
export const MAX_OBSERVATION_DAYS = 60;

/** One account on one observation day: how it was evaluated, and what became of it. */
export type LabObservation = AccountDay & { churned: boolean };

/**
 * The observation days of a range whose outcome is known by `today`, after
 * checking the range: from ≤ to, horizon 1–365 days, every 1–365 days, at
 * most MAX_OBSERVATION_DAYS days, and at least one day whose horizon has passed.
 */
export const observationDays = (range: LabRange, today: string): string[] => {
  const problems: FieldProblem[] = [];
  if (range.from > range.to) {
    problems.push({
      pointer: "/from",
      message: `must not be after to (${range.to})`,
      ...coded("start-after-end", { end: range.to }),
    });
  }
  if (!Number.isInteger(range.horizonDays) || range.horizonDays < 1 || range.horizonDays > 365) {
    problems.push({
      pointer: "/horizonDays",
      message: "must be a whole number of days from 1 to 365",
      ...coded("days-out-of-range", { minimum: 1, maximum: 365 }),
    });
  }
  if (!Number.isInteger(range.everyDays) || range.everyDays < 1 || range.everyDays > 365) {
    problems.push({
      pointer: "/everyDays",
      message: "must be a whole number of days from 1 to 365",
      ...coded("days-out-of-range", { minimum: 1, maximum: 365 }),
    });
  }
  if (problems.length === 0) {
    const count = Math.floor(daysBetween(range.from, range.to) / range.everyDays) + 1;
    if (count > MAX_OBSERVATION_DAYS) {
      problems.push({
        pointer: "/everyDays",
        message: `gives ${count} observation days; at most ${MAX_OBSERVATION_DAYS} (observe less often)`,
        ...coded("too-many-observation-days", { count, maximum: MAX_OBSERVATION_DAYS }),
      });
    }
  }
  if (problems.length > 0)
    throw new AppError("validation-failed", "The range is not valid.", problems);
  const days = backfillDays(range.from, range.to, range.everyDays).filter(
    (day) => addCalendarDays(day, range.horizonDays) < today,
  );
  if (days.length === 0) {
    throw new AppError("validation-failed", "No observation day has a known outcome yet.", [
      {
        pointer: "/to",
        message: `must be at least ${range.horizonDays + 1} days before today (${today}): churn within the horizon is not known yet`,
        ...coded("outcome-not-known-yet", { days: range.horizonDays + 1, today }),
      },
    ]);
  }
  return days;
};

/**
 * Each account that was a customer on an observation day (known by then,
 * not churned on or before it), evaluated as of that day under `model` (with
 * `refs` computed besides), with whether it churned in the horizon after.
 */
export const collectObservations = async (
  db: Db,
  params: {
    workspaceId: string;
    days: readonly string[];
    horizonDays: number;
    model: CsModel;
    refs?: readonly MetricRef[];
  },
  visit: (observation: LabObservation) => void,
): Promise<void> => {
  const churnDays = await findChurnDays(db, params.workspaceId);
  const horizonEnds = params.days.map((day) => addCalendarDays(day, params.horizonDays));
  await forEachAccountDay(
    db,
    {
      workspaceId: params.workspaceId,
      days: params.days,
      model: params.model,
      ...(params.refs ? { refs: params.refs } : {}),
    },
    (accountDay) => {
      const churnedOn = churnDays.get(accountDay.accountId);
      if (churnedOn !== undefined && churnedOn <= accountDay.day) return;
      visit({
        ...accountDay,
        churned: churnedOn !== undefined && churnedOn <= horizonEnds[accountDay.dayIndex]!,
      });
    },
  );
};
