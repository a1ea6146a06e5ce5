import { z } from "zod";

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
  .refine((code) => /^[A-Z]{3}$/.test(code) && isKnownCurrency(code), {
    message: "must be an ISO 4217 currency code such as JPY or USD",
  });
