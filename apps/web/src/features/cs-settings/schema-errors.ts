import type { z } from "zod";
import { isApiError } from "../../lib/api-client";
import { pointerToPath } from "../../lib/form-errors";
import { problemText } from "../../lib/problem-text";

/** Zod issues as form errors keyed by dotted path ("0.scorecard.bands.yellowMax"), first per path. */
export const issuesToErrors = (
  issues: readonly z.core.$ZodIssue[],
  prefix = "",
): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== "").join(".");
    errors[path] ??= issue.message;
  }
  return errors;
};

/** A 422's field problems keyed the same way, for the same inputs. */
export const apiErrorsToErrors = (error: unknown, prefix = ""): Record<string, string> => {
  if (!isApiError(error) || error.status !== 422) return {};
  const errors: Record<string, string> = {};
  for (const problem of error.errors) {
    const path = pointerToPath(problem.pointer);
    const key = [prefix, path].filter((part) => part !== "").join(".");
    errors[key] ??= problemText(problem);
  }
  return errors;
};

/** Errors at or under a path, re-keyed relative to it: for handing a subtree its errors. */
export const errorsUnder = (
  errors: Record<string, string>,
  path: string,
): Record<string, string> => {
  const under: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key === path) under[""] = message;
    else if (key.startsWith(`${path}.`)) under[key.slice(path.length + 1)] = message;
  }
  return under;
};
