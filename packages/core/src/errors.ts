import type { CodedProblem, ProblemCode } from "./problem-codes";

/**
 * The one error type services throw. `app.onError` maps each code to an HTTP
 * status with an exhaustive switch and answers application/problem+json.
 */
export const appErrorCodes = [
  "bad-request",
  "validation-failed",
  "unauthenticated",
  "forbidden",
  "not-found",
  "conflict",
  "payload-too-large",
  "unsupported-media-type",
  "too-many-requests",
  "internal",
] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

export type FieldProblem = {
  /** JSON pointer or field name the problem is about, e.g. `/name` or `email`. */
  pointer: string;
  /** In English; a UI words `code` with `params` in its own language. */
  message: string;
  /** Stable machine code (problem-codes.ts); absent where none is declared yet. */
  code?: ProblemCode;
  params?: Record<string, unknown>;
  /** 1-based data row, for CSV imports. */
  row?: number;
  /** CSV column the problem is about. */
  field?: string;
};

/** What a problem may say beyond its kind: field problems, and a code of its own. */
export type AppErrorMore = {
  errors?: FieldProblem[];
  /** A stable code more precise than the kind (e.g. `external-id-taken`), with its params. */
  problem?: CodedProblem;
};

export class AppError extends Error {
  /** The kind, which decides the HTTP status. */
  readonly code: AppErrorCode;
  readonly errors: FieldProblem[];
  /** The problem's own code, when it has one beyond its kind. */
  readonly problem: CodedProblem | undefined;

  constructor(code: AppErrorCode, detail?: string, more: FieldProblem[] | AppErrorMore = []) {
    super(detail ?? code);
    this.name = "AppError";
    this.code = code;
    const { errors = [], problem } = Array.isArray(more) ? { errors: more } : more;
    this.errors = errors;
    this.problem = problem;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
