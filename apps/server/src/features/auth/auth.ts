import { type BetterAuthPlugin, betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import {
  APIError,
  createAuthMiddleware,
  getIP,
  getSessionFromCtx,
  isAPIError,
} from "better-auth/api";
import { deleteSessionCookie } from "better-auth/cookies";
import { organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, memberAc } from "better-auth/plugins/organization/access";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";
import { problemOf, problemResponse } from "../../lib/problem";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import {
  clearLoginFailures,
  findLoginLockout,
  loginKeysOf,
  recordLoginFailures,
  tooManyLogins,
} from "./login-throttle";
import { hashSessionToken, withHashedSessionTokens } from "./session-token-hash";

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
  /** The clock of the login lockout; tests move it instead of waiting. */
  now?: () => Date;
};

/** better-auth's per-address request limits (on in every mode, counted in the database). */
const rateLimit = {
  // better-auth enables it only when NODE_ENV=production; Michi wants it however it is started.
  enabled: true,
  storage: "database" as const,
  modelName: "rateLimits",
  window: 60,
  max: 100,
  customRules: {
    // Failed logins are counted per account and address by login-throttle.ts; counting every
    // request here too would refuse an office's worth of correct logins behind one address.
    "/sign-in/email": false as const,
    // These check the current password: a stolen session must not guess it quickly.
    "/change-password": { window: 15 * 60, max: 10 },
    "/change-email": { window: 15 * 60, max: 10 },
    "/set-password": { window: 15 * 60, max: 10 },
  },
};

export const createAuth = ({ db, secret, baseURL, now = () => new Date() }: AuthOptions) =>
  betterAuth({
    appName: "Michi",
    secret,
    baseURL,
    basePath: "/api/auth",
    trustedOrigins: [baseURL],
    database: withHashedSessionTokens(drizzleAdapter(db, { provider: "pg", schema })),
    rateLimit,
    user: { modelName: "users" },
    session: { modelName: "sessions" },
    account: { modelName: "authAccounts" },
    // Same reason as sessions (decision 0012), for reset and verification links when they come.
    verification: { modelName: "verifications", storeIdentifier: "hashed" },
    // Users are created by admins (CLI or settings); there is no public sign-up.
    emailAndPassword: { enabled: true, minPasswordLength: 8, disableSignUp: true },
    telemetry: { enabled: false },
    advanced: {
      database: { generateId: () => crypto.randomUUID() },
      // better-auth turns its Origin check off when NODE_ENV=test or TEST is set;
      // Michi checks the same way everywhere, tests included (cross-origin.test.ts).
      disableOriginCheck: false,
      // Set by the app's auth handler from the connection (or X-Forwarded-For when trusted).
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/email" && typeof ctx.body?.email === "string") {
          const keys = loginKeysOf({
            email: ctx.body.email,
            address: ctx.headers ? getIP(ctx.headers, ctx.context.options) : null,
          });
          const retryAfter = await findLoginLockout(db, { keys, now: now() });
          if (retryAfter !== null) throw tooManyLogins(retryAfter);
        }
        if (ctx.path === "/revoke-session" || ctx.path === "/revoke-other-sessions") {
          // better-auth would hash the value /list-sessions shows (already a hash) once more.
          const current = await getSessionFromCtx(ctx, { disableCookieCache: true });
          if (!current) throw new APIError("UNAUTHORIZED", { message: "Unauthorized" });
          const currentHash = hashSessionToken(current.session.token);
          const mine = eq(schema.sessions.userId, current.user.id);
          if (ctx.path === "/revoke-other-sessions") {
            await db
              .delete(schema.sessions)
              .where(and(mine, ne(schema.sessions.token, currentHash)));
            return ctx.json({ status: true });
          }
          const given = ctx.body?.token;
          if (typeof given !== "string") return; // better-auth answers 400
          // The stored hash (from /list-sessions) or the token itself (from /get-session).
          const named = [given, hashSessionToken(given)];
          await db.delete(schema.sessions).where(and(mine, inArray(schema.sessions.token, named)));
          if (named.includes(currentHash)) deleteSessionCookie(ctx);
          return ctx.json({ status: true });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" || typeof ctx.body?.email !== "string") return;
        const keys = loginKeysOf({
          email: ctx.body.email,
          address: ctx.headers ? getIP(ctx.headers, ctx.context.options) : null,
        });
        const returned = ctx.context.returned;
        if (isAPIError(returned)) {
          // Counted only; the next try is refused (an after-hook cannot change the status).
          if (returned.statusCode === 401) await recordLoginFailures(db, { keys, now: now() });
          return;
        }
        const [account] = keys;
        if (account) await clearLoginFailures(db, account);
      }),
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
      organizationEndpointsGuard,
    ],
  });

export type Auth = ReturnType<typeof createAuth>;
