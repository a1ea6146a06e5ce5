import { type ContractRecord, isContractInForce } from "./account-history";

/*
 * The pure parts of an account's overview (概要): what its contracts add up
 * to, how its health moved, how long it has been in its phase, and which of
 * its dated doings was the last. The server reads the rows; these decide.
 */

/** An amount in one currency's minor units; amounts in different currencies are never added. */
export type MoneyTotal = { currency: string; minor: number };

export type ContractsSummary = {
  /** MRR of the contracts in force on the day, per currency, largest first. */
  mrr: MoneyTotal[];
  /** The earliest renewal (end date) of the contracts in force, as accountInputsAsOf reads it. */
  renewalDate: string | null;
  /** How many contracts are in force on the day. */
  inForce: number;
};

/** The contracts in force on `day` (YYYY-MM-DD), as the health metrics count them. */
export const summarizeContracts = (
  contracts: readonly ContractRecord[],
  day: string,
): ContractsSummary => {
  const byCurrency = new Map<string, number>();
  let renewalDate: string | null = null;
  let inForce = 0;
  for (const contract of contracts) {
    if (!isContractInForce(contract, day)) continue;
    inForce++;
    byCurrency.set(contract.currency, (byCurrency.get(contract.currency) ?? 0) + contract.mrrMinor);
    if (
      contract.status !== "churned" &&
      contract.endDate !== null &&
      (renewalDate === null || contract.endDate < renewalDate)
    ) {
      renewalDate = contract.endDate;
    }
  }
  const mrr = [...byCurrency]
    .map(([currency, minor]) => ({ currency, minor }))
    .sort((a, b) => b.minor - a.minor || a.currency.localeCompare(b.currency));
  return { mrr, renewalDate, inForce };
};

/** The change of a score since an earlier one; null when either is unknown. */
export const scoreChange = (current: number | null, earlier: number | null): number | null =>
  current === null || earlier === null ? null : current - earlier;

const DAY_MS = 86_400_000;

/** Whole days from an instant to another (ISO 8601), never negative: days in a phase. */
export const wholeDaysSince = (since: string, now: string): number =>
  Math.max(0, Math.floor((Date.parse(now) - Date.parse(since)) / DAY_MS));

/** Something dated that the account or its CSM did: a day (YYYY-MM-DD) or an instant (ISO 8601). */
export type DatedActivity<K extends string> = { kind: K; at: string | null };

/**
 * The latest of dated activities, or null when none has a date. Days and
 * instants compare by their calendar day first (an instant's UTC day); on the
 * same day an instant, which says more, wins over a bare day.
 */
export const latestActivity = <K extends string>(
  activities: readonly DatedActivity<K>[],
): { kind: K; at: string } | null => {
  let latest: { kind: K; at: string } | null = null;
  for (const { kind, at } of activities) {
    if (at === null) continue;
    if (latest === null) {
      latest = { kind, at };
      continue;
    }
    const day = at.slice(0, 10);
    const latestDay = latest.at.slice(0, 10);
    if (day > latestDay || (day === latestDay && at.length > 10 && at > latest.at)) {
      latest = { kind, at };
    }
  }
  return latest;
};
