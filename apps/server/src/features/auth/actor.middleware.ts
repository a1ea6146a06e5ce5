import { AppError, canPerform, isWorkspaceRole, type WorkspaceAction } from "@michi/core";
import { createMiddleware } from "hono/factory";
import type { Actor, AppEnv } from "../../lib/hono-env";
import { findActiveApiKey, touchApiKey } from "../api-keys/api-keys.queries";
import { findMembership, listWorkspacesOfUser } from "../workspaces/workspaces.queries";

/** What a machine client may do: read and write customer data, never settings. */
const API_KEY_ROLE = "csm" as const;

const bearerOf = (header: string | undefined): string | undefined => {
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match?.[1]?.trim();
};

/** Resolves the caller from a Bearer API key or a session cookie; 401 when neither. */
export const resolveActor = createMiddleware<AppEnv>(async (c, next) => {
  const { db, auth } = c.var.deps;
  const bearer = bearerOf(c.req.header("authorization"));
  let actor: Actor | undefined;
  if (bearer) {
    const key = await findActiveApiKey(db, bearer);
    if (!key) throw new AppError("unauthenticated", "The API key is unknown or revoked.");
    await touchApiKey(db, { workspaceId: key.workspaceId, id: key.id });
    actor = { kind: "apiKey", apiKeyId: key.id, workspaceId: key.workspaceId, role: API_KEY_ROLE };
  } else {
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
    actor = { kind: "user", userId, workspaceId, role };
  }
  c.set("actor", actor);
  await next();
});

/** Throws 403 unless the caller's role allows the action. Services call it first. */
export const assertCan = (actor: Actor, action: WorkspaceAction): void => {
  if (!canPerform(actor.role, action)) {
    throw new AppError(
      "forbidden",
      `Your role (${actor.role}) may not ${action.replace("-", " ")}.`,
    );
  }
};
