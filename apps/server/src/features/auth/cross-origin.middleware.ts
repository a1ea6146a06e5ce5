import { AppError } from "@michi/core";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../lib/hono-env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a browser sent this request from a page of another origin than the
 * app's own: MICHI_BASE_URL's, or the request's own (what the server is
 * reached at; a page cannot choose the Host it sends to, and a rebound DNS
 * name carries no cookie of ours). Another origin of the same site counts as
 * foreign: a sibling subdomain or another port of the host shares our cookies.
 *
 * The Origin header decides when there is one; "null" (a sandboxed frame, a
 * data: URL, a redirect across origins) and a missing Origin fall back to
 * Sec-Fetch-Site, which only "same-origin" passes. A request with neither
 * header is not from a page of another origin: every browser that can run the
 * web app (and so hold a session cookie) sends Origin with each non-GET
 * request, and Sec-Fetch-Site since 2023; what sends neither is a script or a
 * tool, which could forge either header anyway. Refusing them would only break
 * such tools (and tests) that reuse a session cookie.
 */
export const isCrossOriginRequest = (c: Context<AppEnv>): boolean => {
  const origin = c.req.header("origin");
  if (origin && origin !== "null") {
    return origin !== new URL(c.var.deps.baseURL).origin && origin !== new URL(c.req.url).origin;
  }
  const site = c.req.header("sec-fetch-site");
  if (site) return site !== "same-origin";
  return origin === "null";
};

const refuse = () => {
  throw new AppError(
    "forbidden",
    "This request came from a page of another origin; Michi accepts changes only from its own pages (or with an API key).",
  );
};

/**
 * Refuses a state-changing /api/v1 request authenticated by the session
 * cookie that comes from another origin (CSRF). Runs after resolveActor, so
 * API-key requests (which a page of another origin cannot send without a CORS
 * preflight, which Michi never grants) are left alone.
 *
 * Written here rather than with hono/csrf: that one checks only the content
 * types an HTML form can send, cannot tell a cookie from an API key, and refuses
 * every request with neither Origin nor Sec-Fetch-Site (see above).
 */
export const refuseCrossOriginCookieWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && c.var.actor.kind === "user" && isCrossOriginRequest(c)) {
    refuse();
  }
  await next();
});

/**
 * The same check in front of better-auth's /api/auth/*, for every writer: its
 * sign-in takes no cookie (a forged login is a CSRF too) and there is no API
 * key there. better-auth checks the Origin of cookie requests itself as well
 * (trustedOrigins); this answers in problem+json and also covers the Sec-Fetch-Site case.
 */
export const refuseCrossOriginAuthWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && isCrossOriginRequest(c)) refuse();
  await next();
});
