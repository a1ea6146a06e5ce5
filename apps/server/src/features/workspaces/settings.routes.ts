import { errorResponses, jsonBody, jsonContent, problem } from "../../lib/openapi";
import { defineRoute } from "../../lib/route";
import { createRouter } from "../../lib/router";
import {
  apiKeyIdParam,
  apiKeyInputSchema,
  apiKeyListSchema,
  createdApiKeySchema,
} from "../api-keys/api-keys.schemas";
import {
  issueApiKey,
  listWorkspaceApiKeys,
  revokeWorkspaceApiKey,
} from "../api-keys/api-keys.service";
import {
  memberListSchema,
  memberPatchSchema,
  memberSchema,
  userIdParam,
} from "../users/users.schemas";
import {
  changeWorkspaceUserRole,
  listWorkspaceUsers,
  removeWorkspaceUser,
} from "../users/users.service";
import { activeWorkspaceInputSchema, meSchema } from "./workspaces.schemas";
import { getMe, switchActiveWorkspace } from "./workspaces.service";

const lastAdminConflict = problem("The workspace's last admin cannot be demoted or removed");

const readMe = defineRoute({
  method: "get",
  path: "/me",
  permission: "member",
  tags: ["Me"],
  summary: "Who is calling, in which workspace, with which role",
  responses: { 200: jsonContent(meSchema, "The caller"), ...errorResponses },
});

const switchWorkspace = defineRoute({
  method: "put",
  path: "/me/workspace",
  permission: "member",
  tags: ["Me"],
  summary: "Switch the session's active workspace",
  request: { body: jsonBody(activeWorkspaceInputSchema) },
  responses: { 200: jsonContent(meSchema, "The caller, in the new workspace"), ...errorResponses },
});

const listUsers = defineRoute({
  method: "get",
  path: "/users",
  permission: "read",
  tags: ["Users"],
  summary: "List the workspace's users",
  responses: { 200: jsonContent(memberListSchema, "The members"), ...errorResponses },
});

const changeRole = defineRoute({
  method: "patch",
  path: "/users/{userId}",
  permission: "manage-users",
  tags: ["Users"],
  summary: "Change a user's role in the workspace",
  request: { params: userIdParam, body: jsonBody(memberPatchSchema) },
  responses: {
    200: jsonContent(memberSchema, "The member"),
    ...errorResponses,
    409: lastAdminConflict,
  },
});

const removeUser = defineRoute({
  method: "delete",
  path: "/users/{userId}",
  permission: "manage-users",
  tags: ["Users"],
  summary: "Remove a user from the workspace (their accounts lose their owner)",
  request: { params: userIdParam },
  responses: { 204: { description: "Removed" }, ...errorResponses, 409: lastAdminConflict },
});

const listKeys = defineRoute({
  method: "get",
  path: "/api-keys",
  permission: "manage-api-keys",
  tags: ["API keys"],
  summary: "List the workspace's API keys, revoked ones included",
  responses: { 200: jsonContent(apiKeyListSchema, "The keys"), ...errorResponses },
});

const createKey = defineRoute({
  method: "post",
  path: "/api-keys",
  permission: "manage-api-keys",
  tags: ["API keys"],
  summary: "Create an API key; the key is in this answer only",
  request: { body: jsonBody(apiKeyInputSchema) },
  responses: { 201: jsonContent(createdApiKeySchema, "The new key"), ...errorResponses },
});

const revokeKey = defineRoute({
  method: "delete",
  path: "/api-keys/{id}",
  permission: "manage-api-keys",
  tags: ["API keys"],
  summary: "Revoke an API key",
  request: { params: apiKeyIdParam },
  responses: { 204: { description: "Revoked" }, ...errorResponses },
});

export const settingsRouter = createRouter()
  .openapi(readMe, async (c) => c.json(await getMe(c.var.deps.db, c.var.actor), 200))
  .openapi(switchWorkspace, async (c) => {
    const { db, auth } = c.var.deps;
    const session =
      c.var.actor.kind === "user"
        ? await auth.api.getSession({ headers: c.req.raw.headers })
        : null;
    const me = await switchActiveWorkspace(db, c.var.actor, {
      sessionId: session?.session.id,
      workspaceId: c.req.valid("json").workspaceId,
    });
    return c.json(me, 200);
  })
  .openapi(listUsers, async (c) =>
    c.json(await listWorkspaceUsers(c.var.deps.db, c.var.actor), 200),
  )
  .openapi(changeRole, async (c) => {
    const { userId } = c.req.valid("param");
    const { role } = c.req.valid("json");
    return c.json(await changeWorkspaceUserRole(c.var.deps.db, c.var.actor, { userId, role }), 200);
  })
  .openapi(removeUser, async (c) => {
    await removeWorkspaceUser(c.var.deps.db, c.var.actor, c.req.valid("param").userId);
    return c.body(null, 204);
  })
  .openapi(listKeys, async (c) =>
    c.json(await listWorkspaceApiKeys(c.var.deps.db, c.var.actor), 200),
  )
  .openapi(createKey, async (c) =>
    c.json(await issueApiKey(c.var.deps.db, c.var.actor, c.req.valid("json")), 201),
  )
  .openapi(revokeKey, async (c) => {
    await revokeWorkspaceApiKey(c.var.deps.db, c.var.actor, { id: c.req.valid("param").id });
    return c.body(null, 204);
  });
