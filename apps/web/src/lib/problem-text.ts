import { isProblemCode } from "@michi/core";
import i18n from "i18next";
import { type ApiError, isApiError } from "./api-client";
import { currentLanguage } from "./i18n";

/** A problem or field problem as the API words it: English, and a code with params. */
export type WordedProblem = {
  message: string;
  code?: string | undefined;
  params?: Record<string, unknown> | undefined;
};

/** Params whose values are words of the API, and where the UI keeps their names. */
const translatedParams: Record<string, string> = {
  kind: "problemWords",
  expected: "problemWords",
  role: "roles",
};

const paramValue = (name: string, value: unknown): unknown => {
  if (Array.isArray(value)) return value.join(currentLanguage() === "ja" ? "、" : ", ");
  const section = translatedParams[name];
  if (section && typeof value === "string") {
    return i18n.t(`${section}.${value}`, { defaultValue: value });
  }
  return value;
};

/** The variant a code's text has for its params: too_big_string, invalid_format_email, … */
const contextOf = (params: Record<string, unknown>): string | undefined => {
  if (typeof params.origin === "string") return params.origin;
  if (typeof params.format === "string") return params.format;
  if (params.inName === true) return "name";
  return undefined;
};

/**
 * The one way the web app words a problem: the text of its code in the UI
 * language (locales `problems.<code>`), with its params; the API's English
 * words when the code is unknown to this build or is the catch-all `invalid`.
 */
export const problemText = (problem: WordedProblem): string => {
  const { code, params = {} } = problem;
  if (!isProblemCode(code) || code === "invalid") return problem.message;
  const key = `problems.${code}`;
  if (!i18n.exists(key)) return problem.message;
  const values = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, paramValue(name, value)]),
  );
  const context = contextOf(params);
  const options = { ...values, ...(context ? { context } : {}), defaultValue: problem.message };
  return i18n.t(key, options);
};

/**
 * An error answer's detail in the UI language: its own code's text, or the
 * API's English detail when the code is only the kind (the title says that).
 */
export const problemDetailText = (error: unknown): string | undefined => {
  if (!isApiError(error)) return undefined;
  const { code, params, detail } = error as ApiError;
  if (isProblemCode(code) && i18n.exists(`problems.${code}`)) {
    return problemText({ message: detail ?? "", code, params });
  }
  return detail;
};
