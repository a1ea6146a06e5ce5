import type { z } from "zod";

/*
 * Stable machine codes for what goes wrong, so a UI can say it in its own
 * language while the API keeps its English words beside the code. A code is a
 * contract with the API and the UI: add, never rename. Field problems derived
 * from zod use zod's issue names (snake_case); the others are kebab-case.
 * The web app has a ja and an en text for each (locales `problems.<code>`),
 * with the params interpolated.
 */

/** The params a code carries; `{}` when the code says it all. */
const params = <P extends Record<string, unknown> = Record<never, never>>() => ({}) as P;

/** Where a length or size applies, as zod names it: "string", "array", "number", ... */
type Origin = { origin?: string };

export const problemCodeParams = {
  // From zod issues (fieldProblemOfZodIssue).
  required: params(),
  invalid_type: params<{ expected: string }>(),
  too_big: params<{ maximum: number | string } & Origin>(),
  too_small: params<{ minimum: number | string } & Origin>(),
  invalid_format: params<{ format: string }>(),
  invalid_enum: params<{ options: string[] }>(),
  not_multiple_of: params<{ divisor: number }>(),
  unrecognized_key: params<{ name: string }>(),
  invalid_key: params(),
  invalid_union: params(),
  invalid: params(),

  // Input rule (decision 0014): text the databases refuse, nesting too deep.
  "nul-character": params<{ inName?: boolean }>(),
  "lone-surrogate": params<{ inName?: boolean }>(),
  "too-deep": params<{ maxDepth: number }>(),

  // Values with a domain meaning.
  "invalid-currency": params(),
  "invalid-amount": params(),
  "no-minor-units": params<{ currency: string }>(),
  "too-many-decimals": params<{ currency: string; digits: number }>(),
  "amount-too-large": params(),
  "whole-number-of-seats": params(),
  "end-before-start": params(),
  "end-not-after-start": params(),
  "after-stored-end-date": params<{ endDate: string }>(),
  "not-a-member": params(),
  "already-used": params(),
  "already-member": params(),
  "role-above-own": params<{ role: string }>(),
  "last-admin": params(),
  "stale-version": params<{ current: number }>(),
  "date-before-year-1": params(),
  "repeated-key": params<{ key: string }>(),
  "start-after-end": params<{ end: string }>(),
  "date-in-future": params<{ today: string }>(),
  "unknown-phase": params<{ phaseKey: string }>(),
  "too-many-team-members": params<{ count: number; maximum: number }>(),
  "range-too-long": params<{ maximum: number }>(),
  "required-with": params<{ other: string }>(),
  "not-a-rating-measure": params<{ measure: string; choices: string[] }>(),

  // Health lab: the range of days observed, the scorecard tried, the fit.
  "days-out-of-range": params<{ minimum: number; maximum: number }>(),
  "too-many-observation-days": params<{ count: number; maximum: number }>(),
  "outcome-not-known-yet": params<{ days: number; today: string }>(),
  "unknown-scorecard": params<{ key: string; known: string[] }>(),
  "fit-too-few-days": params(),
  "fit-no-churn-in-training": params(),
  "fit-no-usable-measure": params(),

  // Usage events (Segment): when an event happened.
  "not-a-time": params(),
  "timestamp-too-early": params<{ earliest: string }>(),
  "timestamp-too-late": params(),

  // CSV files (readCsvTable, the CSV service).
  "csv-no-header": params<{ columns: string }>(),
  "csv-unknown-column": params<{ name: string; columns: string }>(),
  "csv-duplicate-column": params(),
  "csv-missing-column": params(),
  "csv-unnamed-column": params<{ column: number }>(),
  "csv-duplicate-row": params<{ firstRow: number }>(),
  "csv-unknown-account": params(),
  "csv-malformed": params<{ reason: string }>(),
  "csv-not-shift-jis": params<{ chars: string }>(),
  "csv-file-has-problems": params<{ count: number }>(),
  "csv-mapping-length": params<{ expected: number; got: number }>(),
  "csv-ambiguous-match": params<{ count: number }>(),
  "csv-invalid-mapping": params<{ count: number }>(),

  // Whole problems (the problem's own `code`, beside its kind).
  "account-external-id-taken": params<{ externalId: string }>(),
  "contact-external-id-taken": params<{ externalId: string }>(),
  "contract-external-id-taken": params<{ externalId: string }>(),
  "plan-version-conflict": params<{ current: number; expected: number }>(),
  "plan-document-invalid": params<{ count: number }>(),

  // Playbooks: templates (text-templates.ts) and names of the workspace (playbook-references.ts).
  "template-syntax": params(),
  "template-unsupported-tag": params<{ field: string }>(),
  "template-unknown-field": params<{ field: string }>(),
  "template-field-not-available": params<{ field: string }>(),
  "unknown-user": params<{ userId: string }>(),
  "unknown-product": params<{ product: string }>(),

  // Webhooks and mail (decision 0029).
  "webhook-url-refused": params<{ reason: string; host?: string; address?: string }>(),
  "webhook-disabled": params(),
  "mail-not-configured": params(),

  // Plan documents (validatePlanDocument).
  "plan-unknown-property": params<{ name: string }>(),
  "plan-duplicate-key": params<{ key: string; kind: string; firstPointer: string }>(),
  "plan-reference-wrong-kind": params<{ key: string; kind: string; expected: string }>(),
  "plan-reference-missing": params<{ key: string; expected: string }>(),
} as const;

export type ProblemCode = keyof typeof problemCodeParams;
export type ProblemParams<C extends ProblemCode = ProblemCode> = (typeof problemCodeParams)[C];

/** Every declared code; the UI has a text for each in every language. */
export const problemCodes = Object.keys(problemCodeParams) as ProblemCode[];

export const isProblemCode = (code: unknown): code is ProblemCode =>
  typeof code === "string" && Object.hasOwn(problemCodeParams, code);

/** A code with its params, as a problem or a field problem carries it. */
export type CodedProblem = {
  [C in ProblemCode]: { code: C; params?: ProblemParams<C> };
}[ProblemCode];

/** The code and params of one, typed by the code. */
export const coded = <C extends ProblemCode>(
  code: C,
  ...rest: keyof ProblemParams<C> extends never ? [] : [ProblemParams<C>]
): { code: C; params?: ProblemParams<C> } =>
  rest[0] === undefined || Object.keys(rest[0]).length === 0 ? { code } : { code, params: rest[0] };

/**
 * A zod check whose failure has a code of ours: `.refine(fn, withCode("invalid-currency", "…"))`.
 * codeOfZodIssue reads the code and its params from the issue's params.
 */
export const withCode = <C extends ProblemCode>(
  code: C,
  message: string,
  ...rest: keyof ProblemParams<C> extends never ? [] : [ProblemParams<C>]
) => ({ message, params: { ...rest[0], code } });

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown => {
  let value = input;
  for (const segment of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
};

const numberOrText = (value: unknown): number | string =>
  typeof value === "bigint" ? String(value) : (value as number);

/**
 * The one place a zod issue becomes a code with params: the API's validator
 * hook, CSV rows and plan documents all call it. `input` is what was parsed,
 * so an absent value reads as `required` (zod reports it as a wrong type).
 */
export const codeOfZodIssue = (issue: z.core.$ZodIssue, input: unknown): CodedProblem => {
  const { code: own, ...ownParams } =
    (issue as { params?: { code?: unknown } & Record<string, unknown> }).params ?? {};
  if (isProblemCode(own)) {
    const withParams = Object.keys(ownParams).length > 0;
    return (withParams ? { code: own, params: ownParams } : { code: own }) as CodedProblem;
  }
  switch (issue.code) {
    case "invalid_type": {
      const value = valueAt(input, issue.path);
      const absent = value === undefined || (value === null && issue.path.length > 0);
      if (absent) return coded("required");
      return coded("invalid_type", { expected: issue.expected });
    }
    case "too_big":
      return coded("too_big", { maximum: numberOrText(issue.maximum), origin: issue.origin });
    case "too_small": {
      // An empty string where one is required reads as missing.
      const empty = issue.origin === "string" && Number(issue.minimum) === 1;
      if (empty) return coded("required");
      return coded("too_small", { minimum: numberOrText(issue.minimum), origin: issue.origin });
    }
    case "invalid_format":
      return coded("invalid_format", { format: issue.format });
    case "invalid_value":
      return coded("invalid_enum", { options: issue.values.map(String) });
    case "not_multiple_of":
      return coded("not_multiple_of", { divisor: Number(issue.divisor) });
    case "unrecognized_keys":
      return coded("unrecognized_key", { name: issue.keys.join(", ") });
    case "invalid_key":
      return coded("invalid_key");
    case "invalid_union":
      return coded("invalid_union");
    default:
      return coded("invalid");
  }
};
