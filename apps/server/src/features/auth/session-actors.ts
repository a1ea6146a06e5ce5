import type { WorkspaceRole } from "@michi/core";
import type { DbOrTx } from "../../db/client";
import { cachePerDatabase } from "../../lib/cache-per-database";

/**
 * Who a session cookie is (user, workspace, role), kept in the process for a
 * few seconds: without it every request read the session, its user and the
 * membership (three statements) before its own, most of a single read's cost.
 * As with API keys (decision 0003), what this process changes it forgets at
 * once (signing out, switching workspace, accepting an invitation, a member's
 * role changed or removed); another process on the same PostgreSQL within
 * SESSION_ACTOR_CACHE_MS. A session past its expiry is never answered from here.
 */
export const SESSION_ACTOR_CACHE_MS = 5_000;

export type SessionActor = {
  userId: string;
  workspaceId: string;
  role: WorkspaceRole;
  /** The session's own expiry, ms since the epoch. */
  expiresAt: number;
};

const sessionActorsOf = cachePerDatabase<SessionActor>(SESSION_ACTOR_CACHE_MS);

// better-auth's cookie, "__Secure-" prefixed when the base URL is https.
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=([^;]+)/;

/** The signed session cookie of a request's Cookie header, the cache's key. */
export const sessionCookieOf = (cookieHeader: string | undefined) =>
  cookieHeader?.match(SESSION_COOKIE)?.[1];

export const findSessionActor = (db: DbOrTx, cookie: string): SessionActor | undefined => {
  const found = sessionActorsOf(db).get(cookie);
  return found && found.expiresAt > Date.now() ? found : undefined;
};

export const rememberSessionActor = (db: DbOrTx, cookie: string, actor: SessionActor) => {
  sessionActorsOf(db).set(cookie, actor);
};

/** After anything that changes who a session is: sessions, memberships, roles. */
export const forgetSessionActors = (db: DbOrTx) => {
  sessionActorsOf(db).clear();
};
