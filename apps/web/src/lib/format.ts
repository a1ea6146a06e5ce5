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
