import { OpenAPIHono } from "@hono/zod-openapi";
import { codeOfZodIssue, type FieldProblem } from "@michi/core";
import type { ZodError } from "zod";
import type { AppEnv } from "./hono-env";
import { badJsonBodyResponse } from "./input-guard";
import { problemOf, problemResponse } from "./problem";

/** Field problems from a failed parse of `input`: pointer, English message, code and params. */
export const zodProblems = (error: ZodError, input: unknown): FieldProblem[] =>
  error.issues.map((issue) => ({
    pointer: `/${issue.path.map(String).join("/")}`,
    message: issue.message,
    ...codeOfZodIssue(issue, input),
  }));

/**
 * Every router is an OpenAPIHono with this hook, so validation answers
 * problem+json; a valid JSON body is then held to the one text rule
 * (lib/input-guard.ts) here, after each route's own body limit.
 */
export const createRouter = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) {
        return result.target === "json" ? badJsonBodyResponse(result.data) : undefined;
      }
      const isBody = result.target === "json" || result.target === "form";
      const code = isBody ? "validation-failed" : "bad-request";
      const where = isBody ? "request body" : `${result.target} parameters`;
      return problemResponse(
        problemOf(
          code,
          `The ${where} is not valid.`,
          zodProblems(result.error, (result as { data?: unknown }).data),
        ),
      );
    },
  });
