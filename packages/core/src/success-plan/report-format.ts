import { type ReportLanguage, reportLocales } from "./report-labels";

/*
 * Dates and numbers of a report, in the report's language: "2026年10月1日" in
 * Japanese, "Oct 1, 2026" in English. Intl does the formatting (date-fns would
 * only wrap it); plan dates are calendar dates, read and written in UTC so no
 * time zone moves a day.
 *
 * A date is one unbreakable word: the spaces of the English form are
 * no-break spaces, so a slide never wraps "Oct 1," from "2026". Japanese has
 * no spaces, and a CJK line may break between any two characters: the deck
 * sizes its date boxes for the widest date instead.
 */

const NO_BREAK_SPACE = "\u00a0";

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const formatOf = (lang: ReportLanguage, options: Intl.DateTimeFormatOptions) => {
  const key = `${lang}:${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(reportLocales[lang], { ...options, timeZone: "UTC" });
    dateFormats.set(key, format);
  }
  return format;
};

const asUtcDate = (isoDate: string) => new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);

const unbreakable = (text: string) => text.replace(/\s/g, NO_BREAK_SPACE);

/** A calendar date (YYYY-MM-DD) in the report's language; "" for none, the input if it is no date. */
export const formatReportDate = (isoDate: string | undefined, lang: ReportLanguage): string => {
  if (!isoDate) return "";
  const date = asUtcDate(isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  return unbreakable(
    formatOf(lang, { year: "numeric", month: "short", day: "numeric" }).format(date),
  );
};

/** "2026年10月1日 – 2027年3月31日"; one side may be missing. */
export const formatReportPeriod = (
  period: { start?: string; end?: string } | undefined,
  lang: ReportLanguage,
): string => {
  const start = formatReportDate(period?.start, lang);
  const end = formatReportDate(period?.end, lang);
  if (!start && !end) return "";
  return `${start} – ${end}`.trim();
};

/** A month tick of a timeline: "10月" / "Oct", with the year on the first tick and on January. */
export const formatReportMonth = (
  isoDate: string,
  lang: ReportLanguage,
  withYear: boolean,
): string =>
  unbreakable(
    formatOf(lang, withYear ? { year: "numeric", month: "short" } : { month: "short" }).format(
      asUtcDate(isoDate),
    ),
  );

/** A number with its unit, in the report's language: "1,250件", "35%"; "—" for none. */
export const formatReportValue = (
  value: number | undefined | null,
  unit: string | undefined,
  lang: ReportLanguage,
): string =>
  value === undefined || value === null
    ? "—"
    : `${new Intl.NumberFormat(reportLocales[lang], { maximumFractionDigits: 2 }).format(value)}${unit ?? ""}`;

/** The calendar date in Tokyo of an instant (Michi's workspaces have no time zone yet). */
export const calendarDateInTokyo = (instant: Date | string): string =>
  new Date(new Date(instant).getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

/**
 * A text cut to `max` characters (code points) with an ellipsis: a slide is a
 * summary of the plan, and a 10,000-character description would not fit any
 * box at a readable size. The plan itself keeps the whole text.
 */
export const clipText = (text: string | undefined, max: number): string => {
  const trimmed = (text ?? "").trim();
  const chars = [...trimmed];
  return chars.length <= max
    ? trimmed
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
};
