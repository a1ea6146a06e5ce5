import type { FieldProblem } from "@michi/core";
import { problemText } from "./problem-text";

/** JSON pointer "/profile/persona" → form path "profile.persona". */
export const pointerToPath = (pointer: string): string =>
  pointer
    .replace(/^\//, "")
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");

/**
 * Field errors for @mantine/form from a 422 answer. Problems whose pointer is
 * not one of the form's fields are returned apart, to show above the form.
 */
export const problemsToFormErrors = (
  problems: FieldProblem[],
  fields: readonly string[],
  /** Server field → form field, where the form edits a value in other units (mrrMinor → mrr). */
  aliases: Record<string, string> = {},
): { fieldErrors: Record<string, string>; otherProblems: FieldProblem[] } => {
  const fieldErrors: Record<string, string> = {};
  const otherProblems: FieldProblem[] = [];
  for (const problem of problems) {
    const serverPath = pointerToPath(problem.pointer);
    const path = aliases[serverPath] ?? serverPath;
    if (fields.includes(path)) fieldErrors[path] ??= problemText(problem);
    else otherProblems.push(problem);
  }
  return { fieldErrors, otherProblems };
};
