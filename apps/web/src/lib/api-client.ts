import { type FieldProblem, isProblemCode } from "@michi/core";
import type { AppType } from "@michi/server/app-type";
import { type ClientResponse, hc } from "hono/client";

/** Typed client for the Michi API; same origin, the session cookie goes along. */
export const client = hc<AppType>("/");
export const api = client.api.v1;

/** An error answer from the API, read from its problem+json body (RFC 9457). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  /** The problem's stable code (its own, else its kind); lib/problem-text.ts words it. */
  readonly code: string | undefined;
  readonly params: Record<string, unknown> | undefined;
  readonly errors: FieldProblem[];

  constructor(params: {
    status: number;
    title: string;
    detail?: string;
    code?: string;
    params?: Record<string, unknown>;
    errors?: FieldProblem[];
  }) {
    super(params.detail ?? params.title);
    this.name = "ApiError";
    this.status = params.status;
    this.title = params.title;
    this.detail = params.detail;
    this.code = params.code;
    this.params = params.params;
    this.errors = params.errors ?? [];
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

const asParams = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

const asFieldProblems = (value: unknown): FieldProblem[] => {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): FieldProblem[] => {
    if (typeof item !== "object" || item === null) return [];
    const { pointer, message, row, field, code, params } = item as Record<string, unknown>;
    if (typeof message !== "string") return [];
    const problemParams = asParams(params);
    return [
      {
        pointer: typeof pointer === "string" ? pointer : "",
        message,
        // A code this build does not know is left out: the English message is shown.
        ...(isProblemCode(code) ? { code } : {}),
        ...(problemParams ? { params: problemParams } : {}),
        ...(typeof row === "number" ? { row } : {}),
        ...(typeof field === "string" ? { field } : {}),
      },
    ];
  });
};

/**
 * The one reader of error answers. Michi answers application/problem+json;
 * better-auth answers `{ message, code }`; a proxy may answer HTML. All become
 * an ApiError with the HTTP status.
 */
export const parseApiError = async (response: Response): Promise<ApiError> => {
  const text = await response.text().catch(() => "");
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: keep the status and the status text.
  }
  const str = (value: unknown) => (typeof value === "string" && value ? value : undefined);
  const detail = str(body.detail) ?? str(body.message);
  const code = str(body.code);
  const params = asParams(body.params);
  return new ApiError({
    status: typeof body.status === "number" ? body.status : response.status,
    title: str(body.title) ?? (response.statusText || `HTTP ${response.status}`),
    ...(detail ? { detail } : {}),
    ...(code ? { code } : {}),
    ...(params ? { params } : {}),
    errors: asFieldProblems(body.errors),
  });
};

type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, infer _F> ? (S extends 200 | 201 ? T : never) : never;

/** Awaits a typed call and returns its JSON body, or throws the ApiError. */
export const readJson = async <R extends ClientResponse<unknown, number, string>>(
  call: Promise<R>,
): Promise<SuccessBody<R>> => {
  const response = await call;
  if (!response.ok) throw await parseApiError(response as unknown as Response);
  return (await response.json()) as SuccessBody<R>;
};

/** For calls that answer 204 No Content. */
export const expectOk = async (call: Promise<{ ok: boolean }>): Promise<void> => {
  const response = await call;
  if (!response.ok) throw await parseApiError(response as unknown as Response);
};
