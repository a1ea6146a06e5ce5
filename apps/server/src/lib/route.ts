import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import {
  AppError,
  canPerform,
  type WorkspaceAction,
  type WorkspaceRole,
  workspaceRoles,
} from "@michi/core";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { every } from "hono/combine";
import { createMiddleware } from "hono/factory";
import type { Actor, AppEnv } from "./hono-env";
import { problemOf, problemResponse } from "./problem";

/*
 * Every /api/v1 operation says, where it is defined, who may call it and how
 * large a body it takes (midday's `withRequiredScope` inside `createRoute` is
 * the model). The route's middleware checks both before the request's
 * validators run, so a role that may not do something learns that (403), not
 * what its body would have to look like (422). The services keep only checks
 * that depend on data (a role above one's own, the last admin).
 */

/**
 * Who may call an operation: a workspace action of core's role table;
 * "member", any member of the workspace whatever the role (their own
 * session's settings); "public", no login at all (invitation links).
 */
export type RoutePermission = WorkspaceAction | "member" | "public";

/** The OpenAPI extension that records an operation's permission. */
export const PERMISSION_EXTENSION = "x-michi-permission";

/** The roles that may call an operation with this permission ("public": anyone, unlogged). */
export const rolesAllowed = (permission: RoutePermission): readonly WorkspaceRole[] =>
  permission === "member" || permission === "public"
    ? workspaceRoles
    : workspaceRoles.filter((role) => canPerform(role, permission));

/** Throws 403 unless the caller's role allows the action. */
export const assertCan = (actor: Actor, action: WorkspaceAction): void => {
  if (!canPerform(actor.role, action)) {
    throw new AppError(
      "forbidden",
      `Your role (${actor.role}) may not ${action.replace("-", " ")}.`,
    );
  }
};

const requirePermission = (permission: RoutePermission): MiddlewareHandler<AppEnv> =>
  createMiddleware<AppEnv>(async (c, next) => {
    // "member": resolveActor has found the caller's membership; "public": there is no caller.
    if (permission !== "member" && permission !== "public") assertCan(c.var.actor, permission);
    await next();
  });

const describePermission = (permission: RoutePermission) => {
  if (permission === "public") return "Permission: none (no login needed).";
  if (permission === "member") {
    return "Permission: any member of the workspace (every role).";
  }
  return `Permission: \`${permission}\` (roles: ${rolesAllowed(permission).join(", ")}).`;
};

/** JSON bodies above this are refused, unless the route declares its own limit. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** A body limit that answers 413 problem+json, before the body is read when it can. */
export const limitBody = (
  maxSize: number,
  detail = `The body is larger than ${maxSize} bytes.`,
): MiddlewareHandler<AppEnv> => {
  const limit = bodyLimit({
    maxSize,
    onError: () => problemResponse(problemOf("payload-too-large", detail)),
  });
  // GET and HEAD take no body here (none is read). Asking for one makes
  // @hono/node-server build a whole Request: ~4 % of a read's CPU.
  return (c, next) => (c.req.method === "GET" || c.req.method === "HEAD" ? next() : limit(c, next));
};

/** The default limit of every route, and of better-auth's endpoints. */
export const jsonBodyLimit = limitBody(JSON_BODY_LIMIT);

type RouteDefinition = Omit<RouteConfig, "path" | "middleware"> & {
  /** Who may call it; required, so that no operation is made without saying. */
  permission: RoutePermission;
  /** The body limit (default: JSON_BODY_LIMIT, 1 MB); see limitBody. */
  bodyLimit?: MiddlewareHandler<AppEnv>;
  /** More middleware of this route, run after the permission and before the body limit. */
  middleware?: readonly MiddlewareHandler<AppEnv>[];
};

/**
 * createRoute with the permission and the body limit declared: they become the
 * route's first middleware (the permission, then the limit) and are recorded in
 * the OpenAPI operation (`x-michi-permission`, and a line of its description).
 */
export const defineRoute = <P extends string, R extends RouteDefinition & { path: P }>(
  definition: R,
) => {
  const { permission, bodyLimit: limit, middleware = [], ...config } = definition;
  const description = [config.description, describePermission(permission)]
    .filter(Boolean)
    .join("\n\n");
  return createRoute({
    ...(config as Omit<R, "permission" | "bodyLimit" | "middleware">),
    description,
    [PERMISSION_EXTENSION]: permission,
    middleware: [requirePermission(permission), ...middleware, limit ?? jsonBodyLimit],
  });
};

/**
 * A route's middleware as one handler, for an operation documented with
 * defineRoute but served by a plain handler (the Segment calls).
 */
export const routeGuard = (route: { middleware?: MiddlewareHandler | MiddlewareHandler[] }) => {
  const list = route.middleware;
  return every(...(Array.isArray(list) ? list : list ? [list] : []));
};

/** The route as the OpenAPI registry takes it, without its middleware. */
export const documentedRoute = <R extends { middleware?: unknown }>(route: R) => {
  const { middleware: _middleware, ...doc } = route;
  return doc;
};
