import type { z } from "zod";
import { type CodedProblem, coded, codeOfZodIssue } from "../problem-codes";
import { PLAN_KEY_PATTERN, type PlanDocument, planDocumentSchema } from "./plan-document";

/**
 * A problem in an imported document: where (RFC 6901 JSON pointer) and what,
 * in English and as a code with params for a UI to word.
 */
export type PlanDocumentProblem = { pointer: string; message: string } & CodedProblem;

export type PlanDocumentValidation =
  | { ok: true; plan: PlanDocument }
  | { ok: false; problems: PlanDocumentProblem[] };

type PathSegment = string | number;

/** RFC 6901: "~" is written "~0" and "/" is written "~1"; the whole document is "". */
export const toJsonPointer = (path: readonly PropertyKey[]): string =>
  path.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/** Which kind of element a key belongs to; named as a person reads it in a message. */
export type PlanElementKind =
  | "team member"
  | "objective"
  | "measure"
  | "roadmap item"
  | "KPI"
  | "milestone"
  | "task"
  | "meeting cadence"
  | "failure pattern";

/** Every array of keyed elements in michi.plan/v1. Keys are unique across all of them. */
const keyedCollections: readonly { path: readonly string[]; kind: PlanElementKind }[] = [
  { path: ["team"], kind: "team member" },
  { path: ["pufu", "objectives"], kind: "objective" },
  { path: ["pufu", "measures"], kind: "measure" },
  { path: ["roadmap"], kind: "roadmap item" },
  { path: ["kpis"], kind: "KPI" },
  { path: ["milestones"], kind: "milestone" },
  { path: ["tasks"], kind: "task" },
  { path: ["meetingCadences"], kind: "meeting cadence" },
  { path: ["failurePatterns"], kind: "failure pattern" },
];

/**
 * Every place one element points at another, and the kind it must point at.
 * `owner` is an array of elements, or (`single`) one object.
 */
const references: readonly {
  owner: readonly string[];
  single?: true;
  field: string;
  many: boolean;
  to: PlanElementKind;
}[] = [
  { owner: ["pufu", "winCondition"], single: true, field: "kpiKeys", many: true, to: "KPI" },
  { owner: ["pufu", "objectives"], field: "kpiKeys", many: true, to: "KPI" },
  { owner: ["pufu", "measures"], field: "objectiveKeys", many: true, to: "objective" },
  { owner: ["pufu", "measures"], field: "ownerKey", many: false, to: "team member" },
  { owner: ["roadmap"], field: "kpiKeys", many: true, to: "KPI" },
  { owner: ["milestones"], field: "objectiveKeys", many: true, to: "objective" },
  { owner: ["tasks"], field: "ownerKey", many: false, to: "team member" },
  { owner: ["tasks"], field: "measureKey", many: false, to: "measure" },
  { owner: ["tasks"], field: "milestoneKey", many: false, to: "milestone" },
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const valueAt = (input: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((value, name) => (isRecord(value) ? value[name] : undefined), input);

/** The objects at `path` with their paths: each item of an array, or the one object. */
const elementsAt = (input: unknown, path: readonly string[], single = false) => {
  const value = valueAt(input, path);
  if (single) return isRecord(value) ? [{ element: value, path: [...path] as PathSegment[] }] : [];
  if (!Array.isArray(value)) return [];
  return value.flatMap((element, index) =>
    isRecord(element) ? [{ element, path: [...path, index] as PathSegment[] }] : [],
  );
};

/** Only well-formed keys take part; the schema already reports the others. */
const isKey = (value: unknown): value is string =>
  typeof value === "string" && PLAN_KEY_PATTERN.test(value);

const article = (kind: PlanElementKind) => (/^[aeiouAEIOU]/.test(kind) ? "an" : "a");

/**
 * What JSON Schema cannot say: keys unique across the whole document, and every
 * reference pointing at an element of the right kind. Reads the input
 * defensively, so it also runs on a document the schema rejects and all
 * problems come back together.
 */
export const findPlanReferenceProblems = (input: unknown): PlanDocumentProblem[] => {
  const problems: PlanDocumentProblem[] = [];
  const kindsByKey = new Map<string, Set<PlanElementKind>>();
  const firstSeen = new Map<string, { kind: PlanElementKind; pointer: string }>();

  for (const { path, kind } of keyedCollections) {
    for (const { element, path: elementPath } of elementsAt(input, path)) {
      const key = element.key;
      if (!isKey(key)) continue;
      const pointer = toJsonPointer(elementPath);
      const first = firstSeen.get(key);
      if (first) {
        problems.push({
          pointer: `${pointer}/key`,
          message: `key "${key}" is already used by the ${first.kind} at ${first.pointer}; keys must be unique in the whole document`,
          ...coded("plan-duplicate-key", { key, kind: first.kind, firstPointer: first.pointer }),
        });
      } else {
        firstSeen.set(key, { kind, pointer });
      }
      kindsByKey.set(key, (kindsByKey.get(key) ?? new Set()).add(kind));
    }
  }

  for (const { owner, single, field, many, to } of references) {
    for (const { element, path } of elementsAt(input, owner, single)) {
      const value = element[field];
      const targets: { key: unknown; path: PathSegment[] }[] = many
        ? Array.isArray(value)
          ? value.map((key, index) => ({ key, path: [...path, field, index] }))
          : []
        : value === undefined
          ? []
          : [{ key: value, path: [...path, field] }];
      for (const { key, path: referencePath } of targets) {
        if (!isKey(key)) continue;
        const kinds = kindsByKey.get(key);
        if (kinds?.has(to)) continue;
        const kind = kinds ? [...kinds][0] : undefined;
        problems.push({
          pointer: toJsonPointer(referencePath),
          ...(kind
            ? {
                message: `refers to "${key}", which is ${article(kind)} ${kind}, not ${article(to)} ${to}`,
                ...coded("plan-reference-wrong-kind", { key, kind, expected: to }),
              }
            : {
                message: `refers to "${key}", but there is no ${to} with that key`,
                ...coded("plan-reference-missing", { key, expected: to }),
              }),
        });
      }
    }
  }
  return problems;
};

/** One problem per zod issue; an unknown property is reported at its own pointer. */
const problemsFromIssues = (
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
): PlanDocumentProblem[] =>
  issues.flatMap((issue): PlanDocumentProblem[] =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((name) => ({
          pointer: toJsonPointer([...issue.path, name]),
          message: `"${name}" is not a property of michi.plan/v1 here`,
          ...coded("plan-unknown-property", { name }),
        }))
      : [
          {
            pointer: toJsonPointer(issue.path),
            message: issue.message,
            ...codeOfZodIssue(issue, input),
          },
        ],
  );

/**
 * Validates an imported document against michi.plan/v1 (planDocumentSchema)
 * and the rules JSON Schema cannot express (findPlanReferenceProblems).
 * Returns every problem, not just the first.
 */
export const validatePlanDocument = (input: unknown): PlanDocumentValidation => {
  const parsed = planDocumentSchema.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : problemsFromIssues(parsed.error.issues, input)),
    ...findPlanReferenceProblems(input),
  ];
  if (parsed.success && problems.length === 0) return { ok: true, plan: parsed.data };
  return { ok: false, problems };
};
