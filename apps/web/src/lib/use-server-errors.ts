import type { FieldProblem } from "@michi/core";
import { useEffect, useState } from "react";
import { isApiError } from "./api-client";
import { problemsToFormErrors } from "./form-errors";

type FormWithErrors = { setErrors: (errors: Record<string, string>) => void };

/**
 * Puts a 422's field problems on the form's inputs (by JSON pointer) and
 * returns the ones no input shows, for the alert above the form.
 */
export const useServerErrors = (
  form: FormWithErrors,
  error: unknown,
  fields: readonly string[],
  aliases?: Record<string, string>,
): FieldProblem[] => {
  const [otherProblems, setOtherProblems] = useState<FieldProblem[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per new error; form, fields and aliases are fixed per form.
  useEffect(() => {
    if (!isApiError(error)) {
      setOtherProblems([]);
      return;
    }
    const { fieldErrors, otherProblems: rest } = problemsToFormErrors(
      error.errors,
      fields,
      aliases,
    );
    form.setErrors(fieldErrors);
    setOtherProblems(rest);
  }, [error]);
  return otherProblems;
};
