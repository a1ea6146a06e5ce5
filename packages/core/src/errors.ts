/**
 * The one error type services throw. `app.onError` maps each code to an HTTP
 * status with an exhaustive switch and answers application/problem+json.
 */
export type AppErrorCode =
  | "bad-request"
  | "validation-failed"
  | "unauthenticated"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "payload-too-large"
  | "unsupported-media-type"
  | "too-many-requests"
  | "internal";

export type FieldProblem = {
  /** JSON pointer or field name the problem is about, e.g. `/name` or `email`. */
  pointer: string;
  message: string;
  /** 1-based data row, for CSV imports. */
  row?: number;
  /** CSV column the problem is about. */
  field?: string;
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly errors: FieldProblem[];

  constructor(code: AppErrorCode, detail?: string, errors: FieldProblem[] = []) {
    super(detail ?? code);
    this.name = "AppError";
    this.code = code;
    this.errors = errors;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
