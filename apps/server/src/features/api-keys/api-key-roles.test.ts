import type { WorkspaceRole } from "@michi/core";
import { testClient } from "hono/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAccount } from "../../seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  createTestContext,
  type TestContext,
} from "../../test/context";

/**
 * A key acts with its own role (issue 14): an admin key runs what an admin
 * may from a script; a key made without a role is a csm, as every key was
 * before; nobody makes a key above their own role.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

/** The typed API client, calling as whoever these headers name. */
const clientAs = (headers: Record<string, string>) =>
  testClient(ctx.app, {}, undefined, { headers: { origin: ctx.baseURL, ...headers } }).api.v1;

const setUp = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const asUser = async (role: WorkspaceRole) =>
    clientAs((await buildUser(ctx, { workspaceId, role })).headers);
  return { workspaceId, asUser };
};

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** One scorecard, as a script would send it. */
const scorecards = {
  scorecards: [
    {
      key: "scripted",
      scorecard: {
        name: { ja: "スクリプト", en: "Scripted" },
        measures: [
          {
            kind: "metric" as const,
            key: "active-users",
            name: "Active users",
            metric: "activeUsers:30d",
            scoring: {
              kind: "thresholds" as const,
              steps: [
                { min: 0, points: 0 },
                { min: 1, points: 100 },
              ],
            },
            weight: 1,
          },
        ],
      },
    },
  ],
};

/** What a key may do with the settings: change the scorecards, and recompute health now. */
const settingsStatuses = async (api: ReturnType<typeof clientAs>) => ({
  putScorecards: (await api.settings.scorecards.$put({ json: scorecards })).status,
  recompute: (await api.health.recompute.$post({ query: { wait: "true" } })).status,
});

describe("the role of an API key", () => {
  it("is csm for a key made without one: customer data, but not the settings", async () => {
    const { workspaceId, asUser } = await setUp();
    await buildAccount(ctx.db, { workspaceId });
    const created = await (await asUser("admin"))["api-keys"].$post({ json: { name: "Sync" } });
    expect(created.status).toBe(201);
    const { key, apiKey } = await created.json();
    expect(apiKey.role).toBe("csm");
    // Made by the column's default, as every key before roles was.
    const old = await buildApiKey(ctx, { workspaceId });
    const explicit = await buildApiKey(ctx, { workspaceId, role: "csm" });

    for (const headers of [bearer(key), old.headers, explicit.headers]) {
      const api = clientAs(headers);
      const me = await api.me.$get();
      expect(me.status).toBe(200);
      expect((await me.json()).role).toBe("csm");
      expect((await api.accounts.$get({ query: {} })).status).toBe(200);
      expect(await settingsStatuses(api)).toEqual({ putScorecards: 403, recompute: 403 });
    }
  });

  it("is admin for an admin key, which changes the scorecards and recomputes health", async () => {
    const { workspaceId, asUser } = await setUp();
    const accounts = await Promise.all([
      buildAccount(ctx.db, { workspaceId }),
      buildAccount(ctx.db, { workspaceId }),
    ]);
    const admin = await asUser("admin");
    const created = await admin["api-keys"].$post({ json: { name: "Backfill", role: "admin" } });
    expect(created.status).toBe(201);
    const { key, apiKey } = await created.json();
    expect(apiKey.role).toBe("admin");
    const listed = await (await admin["api-keys"].$get()).json();
    expect(listed.data.find((k) => k.id === apiKey.id)?.role).toBe("admin");

    const api = clientAs(bearer(key));
    // The first request finds the key in the database, the next ones in the process's cache.
    expect((await (await api.me.$get()).json()).role).toBe("admin");
    const saved = await api.settings.scorecards.$put({ json: scorecards });
    expect(saved.status).toBe(200);
    const readBack = await (await api.settings.scorecards.$get()).json();
    expect(readBack.scorecards.map((entry) => entry.key)).toEqual(["scripted"]);
    const recomputed = await api.health.recompute.$post({ query: { wait: "true" } });
    expect(recomputed.status).toBe(200);
    expect(await recomputed.json()).toEqual({ done: true, accounts: accounts.length });
  });

  it("is refused above the creator's own role (403), and unknown (422 on the field)", async () => {
    const { workspaceId, asUser } = await setUp();
    const manager = await asUser("manager");
    const refused = await manager["api-keys"].$post({ json: { name: "Too much", role: "admin" } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await refused.json()) as unknown as {
      detail: string;
      errors: { pointer: string; code?: string; params?: unknown }[];
    };
    expect(problem.detail).toBe(
      "Your role (manager) may not create a key with the admin role: a key can have at most the rights of the one who creates it.",
    );
    expect(problem.errors).toEqual([
      {
        pointer: "/role",
        message: expect.any(String),
        code: "role-above-own",
        params: { role: "manager" },
      },
    ]);
    const keys = await (await manager["api-keys"].$get()).json();
    expect(keys.data.map((k) => k.name)).not.toContain("Too much");

    // Their own role and those below are theirs to give.
    for (const role of ["manager", "csm", "viewer"] as const) {
      const res = await manager["api-keys"].$post({ json: { name: role, role } });
      expect(res.status, role).toBe(201);
      expect((await res.json()).apiKey.role).toBe(role);
    }

    // A key creating keys is held to its own role too.
    const managerKey = await buildApiKey(ctx, { workspaceId, role: "manager" });
    const byKey = await clientAs(managerKey.headers)["api-keys"].$post({
      json: { name: "Escalate", role: "admin" },
    });
    expect(byKey.status).toBe(403);

    const unknown = await (await asUser("admin"))["api-keys"].$post({
      // A script may send anything; the type would not let this through.
      json: { name: "Root", role: "owner" as WorkspaceRole },
    });
    expect(unknown.status).toBe(422);
    const invalid = (await unknown.json()) as unknown as { errors: { pointer: string }[] };
    expect(invalid.errors.map((e) => e.pointer)).toEqual(["/role"]);
  });

  it("is described in the OpenAPI document", async () => {
    const res = await ctx.app.request("/api/openapi.json");
    const doc = (await res.json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const roles = ["admin", "manager", "csm", "viewer"];
    expect(doc.components.schemas.ApiKeyInput?.properties.role).toMatchObject({
      enum: roles,
      default: "csm",
      description: expect.stringContaining("At most the creator's own role"),
    });
    expect(doc.components.schemas.ApiKey?.properties.role).toMatchObject({
      enum: roles,
      description: expect.any(String),
    });
  });
});
