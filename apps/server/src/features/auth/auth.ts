import { type BetterAuthPlugin, betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, memberAc } from "better-auth/plugins/organization/access";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";
import { problemOf, problemResponse } from "../../lib/problem";

/**
 * The organization plugin's roles, which it needs for its schema. Its HTTP
 * endpoints are closed (organizationEndpointsGuard); Michi's permissions are
 * `canPerform` in core.
 */
const ac = createAccessControl(defaultStatements);
export const betterAuthRoles = {
  admin: ac.newRole(adminAc.statements),
  manager: ac.newRole(adminAc.statements),
  csm: ac.newRole(memberAc.statements),
  viewer: ac.newRole(memberAc.statements),
};

/**
 * Shuts the organization plugin's HTTP endpoints (/api/auth/organization/*).
 * Michi manages workspaces, members and invitations under /api/v1, checked
 * by core's `canPerform`; the plugin's endpoints follow its own roles, where a
 * manager holds adminAc and could rename or delete the workspace, invite or
 * remove members. The web app calls none of them; the plugin stays for its
 * schema and sessions' active workspace. Server code calling `auth.api.*`
 * does not pass through here.
 */
const organizationEndpointsGuard = {
  id: "michi-organization-guard",
  onRequest: async (request) => {
    // Collapsed slashes: the router would still match "/api/auth//organization/update".
    const pathname = new URL(request.url).pathname.replace(/\/{2,}/g, "/");
    if (!pathname.startsWith("/api/auth/organization/")) return;
    return {
      response: problemResponse(
        problemOf(
          "forbidden",
          "Workspaces, members and invitations are managed through /api/v1, not this endpoint.",
        ),
      ),
    };
  },
} satisfies BetterAuthPlugin;

export type AuthOptions = {
  db: Db;
  secret: string;
  baseURL: string;
};

export const createAuth = ({ db, secret, baseURL }: AuthOptions) =>
  betterAuth({
    appName: "Michi",
    secret,
    baseURL,
    basePath: "/api/auth",
    trustedOrigins: [baseURL],
    database: drizzleAdapter(db, { provider: "pg", schema }),
    user: { modelName: "users" },
    session: { modelName: "sessions" },
    account: { modelName: "authAccounts" },
    verification: { modelName: "verifications" },
    // Users are created by admins (CLI or settings); there is no public sign-up.
    emailAndPassword: { enabled: true, minPasswordLength: 8, disableSignUp: true },
    telemetry: { enabled: false },
    advanced: { database: { generateId: () => crypto.randomUUID() } },
    plugins: [
      organization({
        ac,
        roles: betterAuthRoles,
        creatorRole: "admin",
        allowUserToCreateOrganization: false,
        schema: {
          session: { fields: { activeOrganizationId: "activeWorkspaceId" } },
          organization: { modelName: "workspaces" },
          member: { modelName: "workspaceMembers", fields: { organizationId: "workspaceId" } },
          invitation: { modelName: "invitations", fields: { organizationId: "workspaceId" } },
        },
      }),
      organizationEndpointsGuard,
    ],
  });

export type Auth = ReturnType<typeof createAuth>;
