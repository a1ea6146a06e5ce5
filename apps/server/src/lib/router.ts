import { OpenAPIHono } from "@hono/zod-openapi";
import { coded, codeOfZodIssue, type FieldProblem } from "@michi/core";
import type { ZodError } from "zod";
import type { AppEnv } from "./hono-env";
import { badJsonBodyResponse, pointerToken } from "./input-guard";
import { problemOf, problemResponse } from "./problem";

const pointerOf = (path: readonly PropertyKey[]) =>
  `/${path.map((key) => pointerToken(String(key))).join("/")}`;

/**
 * Field problems from a failed parse of `input`: pointer, English message,
 * code and params. An unknown property is reported at its own pointer.
 */
export const zodProblems = (error: ZodError, input: unknown): FieldProblem[] =>
  error.issues.flatMap((issue): FieldProblem[] =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((name) => ({
          pointer: pointerOf([...issue.path, name]),
          message: `"${name}" is not a known property`,
          ...coded("unrecognized_key", { name }),
        }))
      : [
          {
            pointer: pointerOf(issue.path),
            message: issue.message,
            ...codeOfZodIssue(issue, input),
          },
        ],
  );

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
