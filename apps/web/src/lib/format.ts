/**
 * A calendar date "YYYY-MM-DD" per the UI locale. Read as UTC and formatted in
 * UTC, so the day never shifts with the browser's time zone. (Intl is enough
 * here; date-fns would only wrap it.)
 */
export const formatDate = (isoDate: string | null | undefined, locale: string): string => {
  if (!isoDate) return "";
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date);
};

/** A timestamp (ISO 8601) per the UI locale, in the browser's time zone. */
export const formatDateTime = (iso: string | null | undefined, locale: string): string => {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
};

/*
 * Numbers, one way for every screen: Intl per the UI locale. A metric's value
 * in its unit is core's formatMetricValue (also used in rules and printouts).
 */

/** A count or measure, at most `maximumFractionDigits` decimals (default 2). */
export const formatNumber = (value: number, locale: string, maximumFractionDigits = 2): string =>
  new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);

/** A whole count ("1,234"). */
export const formatCount = (value: number, locale: string): string =>
  formatNumber(value, locale, 0);

/** A share 0–1 as a percentage ("12.5%"); "—" when there is none. */
export const formatPercent = (
  share: number | null | undefined,
  locale: string,
  maximumFractionDigits = 1,
): string =>
  share === null || share === undefined
    ? "—"
    : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits }).format(share);

/** A change with its sign: +5, −12 (a real minus sign), 0; whole unless told. */
export const formatSigned = (value: number, locale: string, maximumFractionDigits = 0): string => {
  const text = formatNumber(Math.abs(value), locale, maximumFractionDigits);
  if (text === formatNumber(0, locale)) return text;
  return value > 0 ? `+${text}` : `−${text}`;
};
