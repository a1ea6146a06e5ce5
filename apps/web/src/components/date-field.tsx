import { DateInput, type DateInputProps } from "@mantine/dates";
import "dayjs/locale/ja";
import { useTranslation } from "react-i18next";
import { formatDate, parseDateText } from "../lib/format";

type Props = Omit<
  DateInputProps,
  | "value"
  | "defaultValue"
  | "onChange"
  | "valueFormat"
  | "dateParser"
  | "locale"
  | "minDate"
  | "maxDate"
> & {
  /** "YYYY-MM-DD", or "" for no date (what a form holds). */
  value?: string | null;
  defaultValue?: string | null;
  /** The date as "YYYY-MM-DD", or "" once cleared. */
  onChange?: (value: string) => void;
  /** Days outside min..max are greyed in the calendar; a typed one still reaches the form's validation. */
  min?: string;
  max?: string;
};

/**
 * A calendar date input in the UI language: shown with formatDate (2026/04/01,
 * Apr 1, 2026), typed in either language's form or ISO, picked from a calendar
 * with the language's month and day names. The browser's own date input
 * follows the browser's locale instead (mm/dd/yyyy in a Japanese UI on an
 * English browser), whatever the page's lang. The value stays "YYYY-MM-DD".
 */
export const DateField = ({ value, defaultValue, onChange, min, max, ...rest }: Props) => {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const values =
    value !== undefined ? { value: value || null } : { defaultValue: defaultValue || null };
  return (
    <DateInput
      {...rest}
      {...values}
      onChange={(next) => onChange?.(next ?? "")}
      locale={lang}
      valueFormat={(date) => formatDate(date, lang)}
      dateParser={parseDateText}
      firstDayOfWeek={0}
      clearable={!rest.required && !rest.disabled}
      allowDeselect={!rest.required}
      excludeDate={
        min || max
          ? (day) => (min !== undefined && day < min) || (max !== undefined && day > max)
          : undefined
      }
      lang={lang}
    />
  );
};
