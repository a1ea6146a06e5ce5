import type { AppErrorCode, AppErrorMore, FieldProblem, ProblemCode } from "@michi/core";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** RFC 9457 problem details, the body of every error answer. */
export type ProblemDetails = {
  type: string;
  title: string;
  status: number;
  /**
   * Stable machine code: the problem's own (a declared ProblemCode) where it
   * has one, else its kind. A UI words it in its language; `detail` stays English.
   */
  code: AppErrorCode | ProblemCode | "request-header-fields-too-large" | "request-timeout";
  params?: Record<string, unknown>;
  detail?: string;
  errors?: FieldProblem[];
};

const titles: Record<AppErrorCode, string> = {
  "bad-request": "Bad request",
  "validation-failed": "Validation failed",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  "not-found": "Not found",
  conflict: "Conflict",
  "payload-too-large": "Payload too large",
  "unsupported-media-type": "Unsupported media type",
  "too-many-requests": "Too many requests",
  internal: "Internal server error",
};

/** Exhaustive: adding a code without a status fails the typecheck. */
export const statusOf = (code: AppErrorCode): ContentfulStatusCode => {
  switch (code) {
    case "bad-request":
      return 400;
    case "validation-failed":
      return 422;
    case "unauthenticated":
      return 401;
    case "forbidden":
      return 403;
    case "not-found":
      return 404;
    case "conflict":
      return 409;
    case "payload-too-large":
      return 413;
    case "unsupported-media-type":
      return 415;
    case "too-many-requests":
      return 429;
    case "internal":
      return 500;
  }
};

export const problemOf = (
  code: AppErrorCode,
  detail?: string,
  more: FieldProblem[] | AppErrorMore = [],
): ProblemDetails => {
  const { errors = [], problem } = Array.isArray(more) ? { errors: more } : more;
  return {
    type: `https://michi.dev/problems/${code}`,
    title: titles[code],
    status: statusOf(code),
    code: problem?.code ?? code,
    ...(problem?.params ? { params: problem.params } : {}),
    ...(detail ? { detail } : {}),
    ...(errors.length > 0 ? { errors } : {}),
  };
};

export const problemResponse = (problem: ProblemDetails, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
