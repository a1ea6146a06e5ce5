import { currencyFractionDigits } from "../money/minor-units";
import { type CodedProblem, coded } from "../problem-codes";
import { CSV_FORMULA_TRIGGER } from "./csv-columns";

/**
 * A cell as the person meant it: trimmed (String#trim also takes the
 * full-width space), without the apostrophe an export put before a formula-like
 * value; an empty cell is null.
 */
export const normaliseCsvCell = (raw: string): string | null => {
  let value = raw.trim();
  if (value.startsWith("'") && CSV_FORMULA_TRIGGER.test(value.slice(1))) {
    value = value.slice(1).trim();
  }
  return value === "" ? null : value;
};

/**
 * Japanese Excel rewrites 2026-04-01 as 2026/4/1 when it saves a CSV, so both
 * separators and unpadded months and days are read as the same date. Anything
 * else is returned as it came, for the date schema to reject.
 */
export const normaliseCsvDate = (text: string): string => {
  const match = text.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/);
  if (!match) return text;
  const [, year, month, day] = match;
  return `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
};

/** "¥120,000", "120000", "$99.50": the plain decimal "120000" / "99.50", or null if not a number. */
export const normaliseCsvAmount = (text: string): string | null => {
  const plain = text.replace(/^[¥￥$€£]/, "").replace(/[,\s]/g, "");
  return /^\d+(\.\d+)?$/.test(plain) ? plain : null;
};

export type AmountResult =
  | { ok: true; minor: number }
  | ({ ok: false; message: string } & CodedProblem);

/**
 * A non-negative decimal amount in major units to integer minor units, by
 * string arithmetic so that 0.1 + 0.2 style float errors never reach money.
 */
export const parseMajorAmount = (text: string, currency: string): AmountResult => {
  const plain = normaliseCsvAmount(text);
  if (plain === null) {
    return {
      ok: false,
      message: "must be a non-negative number such as 120000 or 99.50",
      ...coded("invalid-amount"),
    };
  }
  const digits = currencyFractionDigits(currency);
  const [whole = "0", fraction = ""] = plain.split(".");
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > digits) {
    return digits === 0
      ? {
          ok: false,
          message: `${currency} has no minor units; write a whole number`,
          ...coded("no-minor-units", { currency }),
        }
      : {
          ok: false,
          message: `${currency} allows at most ${digits} decimal places`,
          ...coded("too-many-decimals", { currency, digits }),
        };
  }
  const minor = Number(whole + significant.padEnd(digits, "0"));
  if (!Number.isSafeInteger(minor)) {
    return { ok: false, message: "is too large", ...coded("amount-too-large") };
  }
  return { ok: true, minor };
};

/** Integer minor units as the plain decimal a person writes: 12000000 JPY → "12000000", 9950 USD → "99.50". */
export const formatMajorAmount = (minor: number, currency: string): string => {
  const digits = currencyFractionDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  const sign = minor < 0 ? "-" : "";
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
};
