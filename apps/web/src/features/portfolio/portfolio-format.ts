import { formatMoney } from "@michi/core";
import type { MoneyTotals } from "./portfolio.queries";

/** MRR per currency, largest first, joined: currencies are never added together. */
export const formatMoneyTotals = (totals: MoneyTotals, locale: string, empty = "—"): string =>
  totals.length === 0
    ? empty
    : totals.map((total) => formatMoney(total.minor, total.currency, locale)).join(" + ");
