import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { WorkspaceRole } from "@michi/core";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, inject } from "vitest";
import { createApp } from "../app";
import { type Db, openDatabase } from "../db/client";
import * as schema from "../db/schema";
import { createApiKey } from "../features/api-keys/api-keys.queries";
import { createAuth } from "../features/auth/auth";
import { addWorkspaceMember, createUserWithPassword } from "../features/users/users.service";
import { createWorkspace } from "../features/workspaces/workspaces.service";
import type { OutboundMailer } from "../lib/outbound/mail";

/** An in-memory PGlite loaded from the migrated template of global-setup.ts. */
const openFromTemplate = async (template: string) => {
  const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) });
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    kind: "pglite" as const,
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
};

export const TEST_SECRET = "test-secret-test-secret-test-secret!";

/**
 * One migrated database and app per test file: PGlite in memory, or the
 * PostgreSQL in TEST_DATABASE_URL (shared; each test makes its own workspace).
 * global-setup.ts has migrated either once for the whole run.
 */
export const createTestContext = async (
  options: { mailer?: OutboundMailer; webhooksAllowPrivate?: boolean } = {},
) => {
  const url = process.env.TEST_DATABASE_URL;
  const database = url
    ? await openDatabase({ kind: "postgres", url, poolSize: 4 })
    : await openFromTemplate(inject("pgliteTemplate"));
  const baseURL = "http://127.0.0.1:3000";
  const auth = createAuth({
    db: database.db,
    secret: TEST_SECRET,
    baseURL,
  });
  const app = createApp({ db: database.db, auth, baseURL, ...options });
  afterAll(() => database.close());
  return { db: database.db, auth, app, kind: database.kind, baseURL };
};

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

export const uniqueSuffix = () => crypto.randomUUID().slice(0, 8);

export const buildWorkspace = (
  ctx: TestContext,
  overrides: { name?: string; slug?: string } = {},
) => {
  const suffix = uniqueSuffix();
  return createWorkspace(ctx.db, {
    name: overrides.name ?? `Workspace ${suffix}`,
    slug: overrides.slug ?? `ws-${suffix}`,
  });
};

export const TEST_PASSWORD = "correct-horse-battery";

/** A user with a role in a workspace, and the cookie of a fresh session. */
export const buildUser = async (
  ctx: TestContext,
  params: { workspaceId: string; role: WorkspaceRole; name?: string },
) => {
  const email = `user-${uniqueSuffix()}@example.test`;
  const user = await createUserWithPassword(ctx.auth, {
    email,
    name: params.name ?? `User ${email}`,
    password: TEST_PASSWORD,
  });
  await addWorkspaceMember(ctx.db, {
    workspaceId: params.workspaceId,
    userId: user.id,
    role: params.role,
  });
  const cookie = await signIn(ctx, email, TEST_PASSWORD);
  return { user, email, cookie, headers: { cookie } };
};

export const signIn = async (ctx: TestContext, email: string, password: string) => {
  const res = await ctx.app.request("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: ctx.baseURL },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.getSetCookie();
  return setCookie.map((c) => c.split(";")[0]).join("; ");
};

/** A key of the workspace; without a role, the column's default (csm), as keys made before roles. */
export const buildApiKey = async (
  ctx: TestContext,
  params: { workspaceId: string; role?: WorkspaceRole },
) => {
  const { key, apiKey } = await createApiKey(ctx.db, {
    workspaceId: params.workspaceId,
    name: "test",
    ...(params.role ? { role: params.role } : {}),
  });
  return { key, apiKey, headers: { authorization: `Bearer ${key}` } };
};

/** JSON request helper: `call(ctx, "POST", "/api/v1/accounts", { headers, body })`. */
export const call = async (
  ctx: TestContext,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
) => {
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const res = await ctx.app.request(path, {
    method,
    headers: {
      ...(hasBody ? { "content-type": "application/json" } : {}),
      origin: ctx.baseURL,
      ...options.headers,
    },
    ...(hasBody ? { body: options.rawBody ?? JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
};
