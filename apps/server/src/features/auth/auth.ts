import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, memberAc } from "better-auth/plugins/organization/access";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";

/**
 * better-auth's own access control guards its organization endpoints
 * (members, invitations). Michi's domain permissions are `canPerform` in core.
 */
const ac = createAccessControl(defaultStatements);
export const betterAuthRoles = {
  admin: ac.newRole(adminAc.statements),
  manager: ac.newRole(adminAc.statements),
  csm: ac.newRole(memberAc.statements),
  viewer: ac.newRole(memberAc.statements),
};

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
    advanced: {
      database: { generateId: () => crypto.randomUUID() },
      // better-auth turns its Origin check off when NODE_ENV=test or TEST is set;
      // Michi checks the same way everywhere, tests included (cross-origin.test.ts).
      disableOriginCheck: false,
    },
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
    ],
  });

export type Auth = ReturnType<typeof createAuth>;
