import { canPerform, type WorkspaceRole, workspaceRoles } from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  createTestContext,
  type TestContext,
} from "../test/context";
import { PERMISSION_EXTENSION, type RoutePermission, rolesAllowed } from "./route";

/**
 * The permissions as the routes declare them (lib/route.ts): every /api/v1
 * operation of the OpenAPI document says who may call it, and each role, by
 * session and by API key, is refused with 403 exactly when core's table says
 * so. The requests carry made-up ids and empty bodies: a permitted role gets
 * 404, 422 or the like, never 403; a refused one gets 403 before anything is
 * validated or read.
 */

type Parameter = { name: string; in: string; schema?: { enum?: unknown[]; type?: string } };
type Operation = {
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, unknown> };
  [PERMISSION_EXTENSION]?: RoutePermission;
};
type OperationEntry = { method: string; path: string; operation: Operation };

const permissions: readonly RoutePermission[] = [
  "read",
  "write",
  "read-team",
  "manage-settings",
  "manage-users",
  "manage-api-keys",
  "member",
  "public",
];

/**
 * Refusals that depend on who calls, not on the role: the service answers
 * 403 to these callers whatever their role.
 */
const refusedWhateverTheRole: Record<string, { kind: "apiKey"; why: string }> = {
  "GET /api/v1/me/tasks": { kind: "apiKey", why: "only a person has tasks" },
  "GET /api/v1/work-queue": {
    kind: "apiKey",
    why: "owner=me (the default): only a person has tasks",
  },
  "GET /api/v1/account-views": { kind: "apiKey", why: "saved views belong to a person" },
  "DELETE /api/v1/account-views/{id}": { kind: "apiKey", why: "saved views belong to a person" },
};

let ctx: TestContext;
let operations: OperationEntry[];
let callers: {
  label: string;
  kind: "user" | "apiKey";
  role: WorkspaceRole;
  headers: Record<string, string>;
}[];

beforeAll(async () => {
  ctx = await createTestContext();
  const doc = (await (await ctx.app.request("/api/openapi.json")).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  operations = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/api/v1/"))
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operation,
      })),
    );
  const workspaceId = (await buildWorkspace(ctx)).id;
  callers = (
    await Promise.all(
      workspaceRoles.map(async (role) => [
        {
          label: `${role} (session)`,
          kind: "user" as const,
          role,
          headers: (await buildUser(ctx, { workspaceId, role })).headers,
        },
        {
          label: `${role} (API key)`,
          kind: "apiKey" as const,
          role,
          headers: (await buildApiKey(ctx, { workspaceId, role })).headers,
        },
      ]),
    )
  ).flat();
});

/** A made-up id (the same for every request), or the first value of an enum. */
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const urlOf = ({ path, operation }: OperationEntry) =>
  (operation.parameters ?? [])
    .filter((p) => p.in === "path")
    .reduce((url, p) => {
      const value = p.schema?.enum?.[0] ?? (p.schema?.type === "integer" ? 1 : NO_SUCH_ID);
      return url.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    }, path);

/** An empty body of the operation's first content type: never valid enough to change data. */
const bodyOf = ({ operation }: OperationEntry) => {
  const type = Object.keys(operation.requestBody?.content ?? {})[0];
  if (!type) return {};
  return {
    headers: { "content-type": type },
    body: type === "application/json" ? "{}" : "",
  };
};

describe("permissions declared on the routes", () => {
  it("are declared by every /api/v1 operation, in its document and its description", () => {
    expect(operations.length).toBeGreaterThan(80);
    const undeclared = operations
      .filter(({ operation }) => !permissions.includes(operation[PERMISSION_EXTENSION] as never))
      .map(({ method, path }) => `${method} ${path}`);
    expect(undeclared).toEqual([]);
    for (const { operation } of operations) {
      expect(operation.description).toContain("Permission: ");
    }
  });

  it("refuse each role, by session and by key, with 403 exactly when core says no", async () => {
    const wrong: string[] = [];
    let requests = 0;
    for (const entry of operations) {
      const permission = entry.operation[PERMISSION_EXTENSION] as RoutePermission;
      const url = urlOf(entry);
      const { headers: bodyHeaders, body } = bodyOf(entry);
      await Promise.all(
        callers.map(async (caller) => {
          const res = await ctx.app.request(url, {
            method: entry.method,
            headers: { origin: ctx.baseURL, ...caller.headers, ...bodyHeaders },
            ...(body === undefined ? {} : { body }),
          });
          requests += 1;
          const text = await res.text();
          const byRole =
            permission === "member" || permission === "public"
              ? true
              : canPerform(caller.role, permission);
          expect(rolesAllowed(permission).includes(caller.role)).toBe(byRole);
          const allowed =
            byRole && refusedWhateverTheRole[`${entry.method} ${entry.path}`]?.kind !== caller.kind;
          const refused =
            res.status === 403 && text.includes("https://michi.dev/problems/forbidden");
          if (refused === allowed || (res.status === 403 && !refused)) {
            wrong.push(`${entry.method} ${entry.path} as ${caller.label}: ${res.status} ${text}`);
          }
        }),
      );
    }
    expect(wrong).toEqual([]);
    expect(requests).toBe(operations.length * workspaceRoles.length * 2);
  });
});
