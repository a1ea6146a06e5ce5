import type { HealthRatings } from "../health/compute-health";
import { fromMinorUnits } from "../money/minor-units";
import { kpiProgress } from "../success-plan/kpi-progress";
import type { KpiDirection, KpiKind } from "../success-plan/plan-document";
import type { ContractStatus } from "./account-fields";

/*
 * What an account's records say as of a day: the inputs of its metrics
 * besides usage, read from the rows as they stood then. The recompute reads
 * an account's history once for a range of days (a backfill) or one day (the
 * daily run) and asks these for each day, so a past day is scored with the
 * contracts in force then, the KPIs as measured by then and the ratings given
 * by then.
 */

/** A contract as the history reads it; dates YYYY-MM-DD. */
export type ContractRecord = {
  startDate: string;
  endDate: string | null;
  status: ContractStatus;
  seats: number | null;
  mrrMinor: number;
  currency: string;
};

/** An open KPI of the account's active success plan, with its measurements. */
export type KpiRecord = {
  key: string;
  kind: KpiKind;
  name: string;
  direction: KpiDirection | null;
  baseline: number | null;
  target: number | null;
  /** Oldest first; on the same date, in the order written. */
  measurements: readonly { date: string; value: number }[];
};

/** A CSM's rating of a scorecard measure; ratedAt as an ISO instant. */
export type RatingRecord = { measureKey: string; rating: number; comment: string; ratedAt: string };

export type AccountHistory = {
  contracts: readonly ContractRecord[];
  /** The active plan's open KPIs (none when the plan is closed or there is no active plan). */
  kpis: readonly KpiRecord[];
  /** Days of the active plan's meetings held for evaluators, oldest first. */
  evaluatorMeetingDays: readonly string[];
  /** Oldest first. */
  ratings: readonly RatingRecord[];
};

export const emptyAccountHistory = (): AccountHistory => ({
  contracts: [],
  kpis: [],
  evaluatorMeetingDays: [],
  ratings: [],
});

/** What the account metrics need besides usage, as of one day. */
export type AccountInputs = {
  /** Licensed seats of the contracts in force; null when none of them counts seats. */
  seats: number | null;
  /** MRR in major units of the workspace's main currency; null without a contract in force in it. */
  mrr: number | null;
  /** The earliest renewal (end date) of the contracts in force. */
  renewalDate: string | null;
  /** kpiProgress percent of each open KPI of the active plan, in the plan's order. */
  kpiProgress: (number | null)[];
  /** The latest meeting with evaluators of the active plan, on or before the day. */
  lastEvaluatorMeeting: string | null;
  /** The account's NPS from its latest survey round (surveys are not built yet). */
  lastNps: number | null;
  /** The start of its first contract that had started by the day. */
  customerSince: string | null;
};

/**
 * Contract statuses that were in force during their period. An expired or
 * churned contract was running until its end date, so a past day is scored
 * with the seats and MRR it had then; without an end date there is no
 * telling when it stopped, so it does not count. A pending one has not
 * started.
 */
export const isContractInForce = (contract: ContractRecord, day: string): boolean =>
  (contract.status === "active" ||
    ((contract.status === "expired" || contract.status === "churned") &&
      contract.endDate !== null)) &&
  contract.startDate <= day &&
  (contract.endDate === null || contract.endDate >= day);

/** The latest of ascending days on or before `day`. */
const latestOnOrBefore = (days: readonly string[], day: string): string | null => {
  let latest: string | null = null;
  for (const d of days) {
    if (d > day) break;
    latest = d;
  }
  return latest;
};

/**
 * An account's non-usage metric inputs as of `day`. MRR adds only contracts
 * in the workspace's main currency: amounts in different currencies cannot
 * be added without exchange rates, which Michi does not keep; a contract in
 * another currency adds its seats and renewal date but not its MRR.
 */
export const accountInputsAsOf = (
  history: AccountHistory,
  day: string,
  mainCurrency: string | null,
): AccountInputs => {
  let seats: number | null = null;
  let mrrMinor: number | null = null;
  let renewalDate: string | null = null;
  let customerSince: string | null = null;
  for (const contract of history.contracts) {
    if (
      contract.status !== "pending" &&
      contract.startDate <= day &&
      (customerSince === null || contract.startDate < customerSince)
    ) {
      customerSince = contract.startDate;
    }
    if (!isContractInForce(contract, day)) continue;
    if (contract.seats !== null) seats = (seats ?? 0) + contract.seats;
    if (contract.currency === mainCurrency) mrrMinor = (mrrMinor ?? 0) + contract.mrrMinor;
    if (
      contract.status !== "churned" &&
      contract.endDate !== null &&
      (renewalDate === null || contract.endDate < renewalDate)
    ) {
      renewalDate = contract.endDate;
    }
  }
  return {
    seats,
    mrr: mrrMinor === null || mainCurrency === null ? null : fromMinorUnits(mrrMinor, mainCurrency),
    renewalDate,
    kpiProgress: history.kpis.map(
      (kpi) =>
        kpiProgress(
          {
            key: kpi.key,
            kind: kpi.kind,
            name: kpi.name,
            ...(kpi.direction === null ? {} : { direction: kpi.direction }),
            ...(kpi.baseline === null ? {} : { baseline: kpi.baseline }),
            ...(kpi.target === null ? {} : { target: kpi.target }),
            measurements: [...kpi.measurements],
          },
          day,
        ).percent,
    ),
    lastEvaluatorMeeting: latestOnOrBefore(history.evaluatorMeetingDays, day),
    lastNps: null,
    customerSince,
  };
};

/** The latest rating per measure given by the end of `day` (UTC), as computeHealth reads them. */
export const ratingsAsOf = (history: AccountHistory, day: string): HealthRatings => {
  const ratings: Record<string, { value: number; comment: string }> = {};
  for (const rating of history.ratings) {
    if (rating.ratedAt.slice(0, 10) > day) continue;
    ratings[rating.measureKey] = { value: rating.rating, comment: rating.comment };
  }
  return ratings;
};
