import { formatMoney } from "@michi/core";
import type { MoneyTotals } from "./portfolio.queries";

/** MRR per currency, largest first, joined: currencies are never added together. */
export const formatMoneyTotals = (totals: MoneyTotals, locale: string, empty = "—"): string =>
  totals.length === 0
    ? empty
    : totals.map((total) => formatMoney(total.minor, total.currency, locale)).join(" + ");

/** A signed whole number: +5, −12 (a real minus sign), 0. */
export const formatChange = (value: number, locale: string): string => {
  const text = new Intl.NumberFormat(locale).format(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
};
