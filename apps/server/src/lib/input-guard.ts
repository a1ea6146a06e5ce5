import { type CodedProblem, coded, type FieldProblem } from "@michi/core";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "./hono-env";
import { problemOf, problemResponse } from "./problem";

/*
 * One rule for every text that comes in, wherever it comes from (path, query,
 * JSON body, CSV cell, Segment event): the databases refuse a NUL character
 * in text and jsonb (PostgreSQL: "invalid byte sequence" / "unsupported
 * Unicode escape sequence"), a lone UTF-16 surrogate is not Unicode and
 * cannot be encoded as UTF-8, and a value nested thousands deep overflows the
 * stack of any recursive code that reads it. Refused here, at the boundary,
 * with the field named, instead of failing deep inside as a 500.
 */

/**
 * Deepest nesting of objects and arrays a JSON body may have (the body itself
 * is level 1). Real documents stay far below: a plan document is about 6
 * levels, Segment properties rarely more than 5. Ruby's JSON parser has the
 * same default (max_nesting 100).
 */
export const MAX_JSON_DEPTH = 100;

/** Most problems reported for one request; the rest are the same mistake again. */
const MAX_PROBLEMS = 20;

// With the u flag, \p{Cs} matches only a surrogate that is not half of a pair.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this looks for.
const BAD_TEXT = /\u0000|\p{Cs}/gu;

type TextProblem = { message: string } & CodedProblem;

/** Why a text cannot be stored, in English and as a code, or undefined when it can. */
export const textFieldProblemOf = (text: string, inName = false): TextProblem | undefined => {
  BAD_TEXT.lastIndex = 0;
  if (!BAD_TEXT.test(text)) return undefined;
  const params = inName ? { inName } : undefined;
  const its = inName ? "its name " : "";
  return text.includes("\u0000")
    ? {
        message: `${its}must not contain the NUL character (U+0000)`,
        ...coded("nul-character", params ?? {}),
      }
    : {
        message: `${its}must not contain a lone UTF-16 surrogate (not valid Unicode)`,
        ...coded("lone-surrogate", params ?? {}),
      };
};

/** Why a text cannot be stored, or undefined when it can. */
export const textProblemOf = (text: string): string | undefined =>
  textFieldProblemOf(text)?.message;

/** The text without what the database refuses (for a value already reported as a problem). */
export const storableText = (text: string) => text.replace(BAD_TEXT, "");

/** A JSON pointer reference token (RFC 6901): `~` and `/` escaped. */
export const pointerToken = (key: string | number) =>
  String(key).replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Whether findInputProblems would find anything: the same walk without
 * pointers or entry arrays, ~5× faster on a Segment event (the hot path of
 * decision 0006).
 */
const hasInputProblem = (value: unknown, maxDepth: number): boolean => {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const item = values.pop();
    const depth = (depths.pop() as number) + 1;
    if (typeof item === "string") {
      if (textProblemOf(item)) return true;
      continue;
    }
    if (typeof item !== "object" || item === null) continue;
    if (depth > maxDepth) return true;
    if (Array.isArray(item)) {
      for (const child of item) {
        values.push(child);
        depths.push(depth);
      }
      continue;
    }
    for (const key in item) {
      if (textProblemOf(key)) return true;
      values.push((item as Record<string, unknown>)[key]);
      depths.push(depth);
    }
  }
  return false;
};

/**
 * Every text problem in a parsed JSON value (strings and member names), and
 * nesting beyond `maxDepth`, each with its JSON pointer under `base`.
 * Iterative, so a value nested 100,000 deep is looked at without recursion.
 */
export const findInputProblems = (
  value: unknown,
  options: { base?: string; maxDepth?: number } = {},
): FieldProblem[] => {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  // The usual case, nothing wrong, without building a pointer per value.
  if (!hasInputProblem(value, maxDepth)) return [];
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; pointer: string; depth: number }[] = [
    { value, pointer: options.base ?? "", depth: 0 },
  ];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const item = stack.pop() as (typeof stack)[number];
    if (typeof item.value === "string") {
      const problem = textFieldProblemOf(item.value);
      if (problem) problems.push({ pointer: item.pointer || "/", ...problem });
      continue;
    }
    if (typeof item.value !== "object" || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) {
      problems.push({
        pointer: item.pointer || "/",
        message: `must not nest objects and arrays more than ${maxDepth} levels deep`,
        ...coded("too-deep", { maxDepth }),
      });
      continue;
    }
    const entries = Array.isArray(item.value)
      ? item.value.map((child, index) => [String(index), child] as const)
      : Object.entries(item.value);
    // Pushed in reverse so problems come out in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as readonly [string, unknown];
      const pointer = `${item.pointer}/${pointerToken(key)}`;
      const keyProblem = textFieldProblemOf(key, true);
      if (keyProblem) problems.push({ pointer, ...keyProblem });
      else stack.push({ value: child, pointer, depth });
    }
  }
  return problems;
};

/** The route's own name for path segment `index` (`id` of `/accounts/:id`), if it has one. */
const paramNameAt = (routePaths: string[], segmentCount: number, index: number) => {
  for (const path of routePaths) {
    const segments = path.split("/");
    if (segments.length !== segmentCount || path.includes("*")) continue;
    const name = segments[index]?.match(/^:([^{?]+)/)?.[1];
    if (name) return name;
  }
  return undefined;
};

const pathProblems = (rawPath: string, routePaths: string[]): FieldProblem[] => {
  const segments = rawPath.split("/");
  return segments.flatMap((segment, index) => {
    let text = segment;
    try {
      text = decodeURIComponent(segment);
    } catch {
      // A malformed escape stays as sent; the route answers 404 or 400 for it.
    }
    const problem = textFieldProblemOf(text);
    if (!problem) return [];
    const name = paramNameAt(routePaths, segments.length, index) ?? `segment ${index}`;
    return [{ pointer: `/${pointerToken(name)}`, ...problem }];
  });
};

const queryProblems = (queries: Record<string, string[]>): FieldProblem[] =>
  Object.entries(queries).flatMap(([name, values]) => {
    const pointer = `/${pointerToken(name)}`;
    const keyProblem = textFieldProblemOf(name);
    if (keyProblem) return [{ pointer, ...keyProblem }];
    const problem = values.map((value) => textFieldProblemOf(value)).find(Boolean);
    return problem ? [{ pointer, ...problem }] : [];
  });

const refused = (where: string, errors: FieldProblem[]) =>
  problemResponse(problemOf("bad-request", `The ${where} is not valid.`, errors));

/**
 * Refuses a request whose path or query holds text the database cannot
 * store, before any route sees it. JSON bodies are checked where they are
 * parsed (the validator hook in lib/router.ts, the Segment parser, the CSV
 * decoder), after each route's own body limit.
 */
export const rejectBadPathAndQuery = createMiddleware<AppEnv>(async (c, next) => {
  const rawPath = new URL(c.req.url).pathname;
  const inPath = pathProblems(
    rawPath,
    matchedRoutes(c).map((route) => route.path),
  );
  if (inPath.length > 0) return refused("path parameters", inPath);
  const inQuery = queryProblems(c.req.queries());
  if (inQuery.length > 0) return refused("query parameters", inQuery);
  await next();
});

/** The problem answer for a parsed JSON body that cannot be stored, or undefined. */
export const badJsonBodyResponse = (body: unknown): Response | undefined => {
  const errors = findInputProblems(body);
  if (errors.length === 0) return undefined;
  return problemResponse(problemOf("validation-failed", "The request body is not valid.", errors));
};

/**
 * The same rule for better-auth's endpoints (/api/auth/*), which read the
 * request themselves: the query and a JSON body, read from a copy so the
 * handler still gets the original.
 */
export const rejectBadAuthInput = createMiddleware<AppEnv>(async (c, next) => {
  const inQuery = queryProblems(c.req.queries());
  if (inQuery.length > 0) return refused("query parameters", inQuery);
  if (/json/i.test(c.req.header("content-type") ?? "")) {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.raw.clone().text());
    } catch {
      // Not JSON: better-auth answers that itself.
    }
    const refusal = body === undefined ? undefined : badJsonBodyResponse(body);
    if (refusal) return refusal;
  }
  await next();
});
