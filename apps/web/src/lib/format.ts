import dayjs from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat";

dayjs.extend(customParseFormat);

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

/**
 * What a person may type for a calendar date, in either UI language: the ISO
 * form, the Japanese forms (2026/4/1, 2026年4月1日) and the English ones
 * (Apr 1, 2026, 4/1/2026). Parsed strictly by dayjs, so 2026-02-30 is no date.
 */
const typedDateFormats = [
  "YYYY-M-D",
  "YYYY/M/D",
  "YYYY.M.D",
  "YYYY年M月D日",
  "MMM D, YYYY",
  "MMMM D, YYYY",
  "MMM D YYYY",
  "D MMM YYYY",
  "M/D/YYYY",
];

/** A typed calendar date as "YYYY-MM-DD", or null when it is not one. */
export const parseDateText = (text: string): string | null => {
  // Leading zeros dropped (04 → 4): strict parsing reads M as one or two digits, not "04".
  const typed = text
    .trim()
    .replace(/\s+/g, " ")
    .replace(/\b0(\d)/g, "$1");
  if (typed === "") return null;
  const parsed = dayjs(typed, typedDateFormats, "en", true);
  return parsed.isValid() ? parsed.format("YYYY-MM-DD") : null;
};
