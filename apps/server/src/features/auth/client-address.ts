import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppErrorCode } from "@michi/core";
import type { Context } from "hono";
import type { AppEnv } from "../../lib/hono-env";
import { problemOf } from "../../lib/problem";
import { forgetSessionActors } from "./session-actors";

/**
 * The client address the app hands better-auth (its rate limit, the login
 * lockout, a session's ip_address). Set here from the connection, so whatever
 * a client sends under this name is overwritten.
 */
export const CLIENT_ADDRESS_HEADER = "x-michi-client-address";

/**
 * The peer of the connection, or with `trustProxy` set to N (MICHI_TRUST_PROXY),
 * the address the outermost of N proxies saw: each proxy appends the address it
 * got the request from to X-Forwarded-For, so entries left of those N are the
 * client's to choose and not believed.
 */
export const clientAddressOf = (params: {
  peer: string | undefined;
  forwardedFor: string | undefined;
  trustProxy: number;
}): string | undefined => {
  if (params.trustProxy <= 0) return params.peer;
  const forwarded = (params.forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, params.peer ?? ""];
  return chain[Math.max(0, chain.length - 1 - params.trustProxy)] || params.peer;
};

const peerOf = (c: Context<AppEnv>): string | undefined => {
  // app.request() in tests and other runtimes have no Node socket.
  if (!(c.env as { incoming?: unknown } | undefined)?.incoming) return undefined;
  return getConnInfo(c).remote.address;
};

const codeOfStatus: Partial<Record<number, AppErrorCode>> = {
  400: "bad-request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not-found",
  409: "conflict",
  413: "payload-too-large",
  415: "unsupported-media-type",
  422: "validation-failed",
  429: "too-many-requests",
};

/**
 * better-auth's error answers ({ code, message }) as problem+json like every
 * other error of the API, its own code and message kept as extension members
 * for its client; a 429 (its rate limit, the login lockout) with Retry-After.
 */
const asProblem = async (response: Response): Promise<Response> => {
  const body = (await response.json().catch(() => ({}))) as { code?: unknown; message?: unknown };
  const code = codeOfStatus[response.status] ?? "bad-request";
  const message = typeof body.message === "string" ? body.message : undefined;
  const detail =
    message ?? (code === "too-many-requests" ? "Too many requests. Try again later." : undefined);
  // Its other headers (cookies it clears, Retry-After) stay as they were.
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set("content-type", "application/problem+json");
  if (code === "too-many-requests" && !headers.has("retry-after")) {
    headers.set("retry-after", response.headers.get("x-retry-after") ?? "60");
  }
  const problem = {
    ...problemOf(code, detail),
    status: response.status,
    ...(typeof body.code === "string" ? { code: body.code } : {}),
    ...(message ? { message } : {}),
  };
  return new Response(JSON.stringify(problem), { status: response.status, headers });
};

/** Mounted on /api/auth/*: better-auth's handler, told who is calling. */
export const handleAuthRequest = async (c: Context<AppEnv>): Promise<Response> => {
  const { auth, trustProxy = 0 } = c.var.deps;
  const headers = new Headers(c.req.raw.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  const address = clientAddressOf({
    peer: peerOf(c),
    forwardedFor: c.req.header("x-forwarded-for"),
    trustProxy,
  });
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
  const response = await auth.handler(new Request(c.req.raw, { headers }));
  // Signing out, revoking sessions, changing a password: who a cookie is may have changed.
  if (c.req.method === "POST" && !c.req.path.startsWith("/api/auth/sign-in/")) {
    forgetSessionActors(c.var.deps.db);
  }
  return response.status >= 400 && response.status < 500 ? asProblem(response) : response;
};
