import { z } from "zod";
import { withCode } from "../problem-codes";

/** A contract's period: the renewal date may not come before the start. */
export type ContractPeriod = { startDate: string; endDate: string | null };

/** YYYY-MM-DD strings compare in calendar order, so no date parsing is needed. */
export const endsBeforeStart = ({ startDate, endDate }: ContractPeriod): boolean =>
  endDate !== null && endDate < startDate;

export const END_BEFORE_START_MESSAGE = "must not be before startDate";

let knownCurrencies: Set<string> | undefined;

/** Codes the runtime's ICU knows, so "YEN" or "ABC" is refused and not stored. */
export const isKnownCurrency = (code: string): boolean => {
  knownCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  return knownCurrencies.has(code);
};

/** An ISO 4217 code that really exists; stricter than core's currencySchema (format only). */
export const knownCurrencySchema = z
  .string()
  .refine(
    (code) => /^[A-Z]{3}$/.test(code) && isKnownCurrency(code),
    withCode("invalid-currency", "must be an ISO 4217 currency code such as JPY or USD"),
  );

/** Well above any real licence count, and well inside the column's integer range. */
export const MAX_CONTRACT_SEATS = 10_000_000;

/**
 * Licensed seats: the users the customer pays for. Null (or left out) when the
 * contract does not count seats, e.g. a flat-fee or usage-based plan.
 */
export const contractSeatsSchema = z
  .number({ error: "must be a whole number of seats" })
  .int("must be a whole number of seats")
  .min(0, "must not be negative")
  .max(MAX_CONTRACT_SEATS, `must be at most ${MAX_CONTRACT_SEATS.toLocaleString("en")}`);
