/**
 * Money is stored as integer minor units (yen have none, dollars have cents).
 * Intl knows each currency's digits, so we ask it rather than keep a table.
 */
export const currencyFractionDigits = (currency: string): number =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits ?? 2;

export const toMinorUnits = (amount: number, currency: string): number =>
  Math.round(amount * 10 ** currencyFractionDigits(currency));

export const fromMinorUnits = (minor: number, currency: string): number =>
  minor / 10 ** currencyFractionDigits(currency);

export const formatMoney = (minor: number, currency: string, locale: string): string =>
  new Intl.NumberFormat(locale, { style: "currency", currency }).format(
    fromMinorUnits(minor, currency),
  );
