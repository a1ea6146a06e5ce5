import { AppError, isWorkspaceRole } from "@michi/core";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Actor, AppEnv } from "../../lib/hono-env";
import { textProblemOf } from "../../lib/input-guard";
import { findActiveApiKey, touchApiKey } from "../api-keys/api-keys.queries";
import { findMembership, listWorkspacesOfUser } from "../workspaces/workspaces.queries";
import { findSessionActor, rememberSessionActor, sessionCookieOf } from "./session-actors";

/**
 * The API key of a request: a Bearer token, or the HTTP Basic user name with
 * an empty password, which is how Segment libraries send their write key.
 */
const apiKeyOf = (header: string | undefined): string | undefined => {
  const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer) return bearer;
  const basic = header?.match(/^Basic\s+(.+)$/i)?.[1]?.trim();
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return (colon === -1 ? decoded : decoded.slice(0, colon)).trim() || undefined;
};

/** The user a session cookie belongs to, in the workspace the session is on; 401 without one. */
const sessionActorOf = async (c: Context<AppEnv>): Promise<Actor> => {
  const { db, auth } = c.var.deps;
  const cookie = sessionCookieOf(c.req.header("cookie"));
  const known = cookie ? findSessionActor(db, cookie) : undefined;
  if (known) {
    return { kind: "user", userId: known.userId, workspaceId: known.workspaceId, role: known.role };
  }
  const session = await auth.api.getSession({ headers: c.req.raw.headers });
  if (!session) throw new AppError("unauthenticated", "Log in or send an API key.");
  const userId = session.user.id;
  const activeId = (session.session as { activeOrganizationId?: string | null })
    .activeOrganizationId;
  const membership = activeId
    ? await findMembership(db, { workspaceId: activeId, userId })
    : undefined;
  const fallback = membership ? undefined : (await listWorkspacesOfUser(db, userId))[0];
  const workspaceId = membership?.workspaceId ?? fallback?.id;
  const role = membership?.role ?? fallback?.role;
  if (!workspaceId || !isWorkspaceRole(role)) {
    throw new AppError("forbidden", "You are not a member of any workspace.");
  }
  if (cookie) {
    const expiresAt = new Date(session.session.expiresAt).getTime();
    rememberSessionActor(db, cookie, { userId, workspaceId, role, expiresAt });
  }
  return { kind: "user", userId, workspaceId, role };
};

/**
 * Resolves the caller from an API key (Bearer or Basic) or a session cookie; 401 when neither.
 * What the caller may do is each route's declared permission (lib/route.ts).
 */
export const resolveActor = createMiddleware<AppEnv>(async (c, next) => {
  const { db } = c.var.deps;
  const apiKey = apiKeyOf(c.req.header("authorization"));
  let actor: Actor | undefined;
  // A Basic user name may decode to any bytes; no stored key holds a NUL.
  if (apiKey && textProblemOf(apiKey)) {
    throw new AppError("unauthenticated", "The API key is unknown or revoked.");
  }
  if (apiKey) {
    const key = await findActiveApiKey(db, apiKey);
    if (!key) throw new AppError("unauthenticated", "The API key is unknown or revoked.");
    await touchApiKey(db, { workspaceId: key.workspaceId, id: key.id });
    // The key's own role, chosen when it was made (csm unless said otherwise; decision 0003).
    actor = { kind: "apiKey", apiKeyId: key.id, workspaceId: key.workspaceId, role: key.role };
  } else {
    actor = await sessionActorOf(c);
  }
  c.set("actor", actor);
  await next();
});
