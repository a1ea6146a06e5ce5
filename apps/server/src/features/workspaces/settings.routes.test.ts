import type { WorkspaceRole } from "@michi/core";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "../../db/schema";
import { buildAccount } from "../../seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";
import { addWorkspaceMember } from "../users/users.service";

let ctx: TestContext;
let workspaceId: string;
type Built = Awaited<ReturnType<typeof buildUser>>;
const as: Partial<Record<WorkspaceRole, Built>> = {};
const user = (role: WorkspaceRole) => as[role] as Built;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  for (const role of ["admin", "manager", "csm", "viewer"] as const) {
    as[role] = await buildUser(ctx, { workspaceId, role });
  }
});

const newEmail = () => `new-${uniqueSuffix()}@example.test`;

describe("GET /me and PUT /me/workspace", () => {
  it("tells a user who they are and lets them switch workspaces", async () => {
    const other = await buildWorkspace(ctx, { name: "Other" });
    const csm = await buildUser(ctx, { workspaceId, role: "csm", name: "Switcher" });
    // The csm is a viewer in `other` too (joined by invitation, as in invitations.routes.test.ts).
    await addWorkspaceMember(ctx.db, {
      workspaceId: other.id,
      userId: csm.user.id,
      role: "viewer",
    });

    const me = await call(ctx, "GET", "/api/v1/me", { headers: csm.headers });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      user: { id: csm.user.id, name: "Switcher", email: csm.email },
      workspace: { id: workspaceId },
      role: "csm",
    });
    expect(me.json.workspaces).toHaveLength(2);
    expect(me.json.workspaces).toContainEqual({
      id: other.id,
      name: "Other",
      slug: other.slug,
      role: "viewer",
    });

    const switched = await call(ctx, "PUT", "/api/v1/me/workspace", {
      headers: csm.headers,
      body: { workspaceId: other.id },
    });
    expect(switched.status).toBe(200);
    expect(switched.json).toMatchObject({ workspace: { id: other.id }, role: "viewer" });
    const after = await call(ctx, "GET", "/api/v1/me", { headers: csm.headers });
    expect(after.json).toMatchObject({ workspace: { id: other.id }, role: "viewer" });
    // The role follows the workspace: a viewer there may not write.
    const write = await call(ctx, "POST", "/api/v1/accounts", {
      headers: csm.headers,
      body: { name: "Nope" },
    });
    expect(write.status).toBe(403);

    const stranger = await buildWorkspace(ctx);
    const refused = await call(ctx, "PUT", "/api/v1/me/workspace", {
      headers: csm.headers,
      body: { workspaceId: stranger.id },
    });
    expect(refused.status).toBe(403);
    const invalid = await call(ctx, "PUT", "/api/v1/me/workspace", {
      headers: csm.headers,
      body: {},
    });
    expect(invalid.status).toBe(422);
  });

  it("answers an API key with user null, and 400 when it tries to switch", async () => {
    const key = await buildApiKey(ctx, { workspaceId });
    const me = await call(ctx, "GET", "/api/v1/me", key);
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user: null, workspace: { id: workspaceId }, role: "csm" });
    expect(me.json.workspaces).toEqual([expect.objectContaining({ id: workspaceId })]);
    const put = await call(ctx, "PUT", "/api/v1/me/workspace", {
      ...key,
      body: { workspaceId },
    });
    expect(put.status).toBe(400);
    expect(put.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("what each role may do in settings", () => {
  const cases: {
    role: WorkspaceRole;
    listUsers: number;
    invite: number;
    changeRole: number;
    keys: number;
  }[] = [
    { role: "admin", listUsers: 200, invite: 201, changeRole: 200, keys: 200 },
    { role: "manager", listUsers: 200, invite: 201, changeRole: 200, keys: 200 },
    { role: "csm", listUsers: 200, invite: 403, changeRole: 403, keys: 403 },
    { role: "viewer", listUsers: 200, invite: 403, changeRole: 403, keys: 403 },
  ];
  for (const expected of cases) {
    it(`${expected.role}`, async () => {
      const { headers } = user(expected.role);
      const list = await call(ctx, "GET", "/api/v1/users", { headers });
      expect(list.status).toBe(expected.listUsers);
      expect(list.json.data.map((m: { role: string }) => m.role)).toEqual(
        expect.arrayContaining(["admin", "manager", "csm", "viewer"]),
      );
      const invited = await call(ctx, "POST", "/api/v1/invitations", {
        headers,
        body: { email: newEmail(), role: "viewer" },
      });
      expect(invited.status).toBe(expected.invite);
      const target = user("viewer").user.id;
      const changed = await call(ctx, "PATCH", `/api/v1/users/${target}`, {
        headers,
        body: { role: "viewer" },
      });
      expect(changed.status).toBe(expected.changeRole);
      expect((await call(ctx, "GET", "/api/v1/api-keys", { headers })).status).toBe(expected.keys);
      const key = await call(ctx, "POST", "/api/v1/api-keys", { headers, body: { name: "k" } });
      expect(key.status).toBe(expected.keys === 200 ? 201 : 403);
      if (expected.invite === 403) {
        const removed = await call(ctx, "DELETE", `/api/v1/users/${target}`, { headers });
        expect(removed.status).toBe(403);
      }
    });
  }

  it("an API key reads users but manages neither users nor keys", async () => {
    const key = await buildApiKey(ctx, { workspaceId });
    expect((await call(ctx, "GET", "/api/v1/users", key)).status).toBe(200);
    expect((await call(ctx, "GET", "/api/v1/api-keys", key)).status).toBe(403);
    const invite = await call(ctx, "POST", "/api/v1/invitations", {
      ...key,
      body: { email: newEmail(), role: "viewer" },
    });
    expect(invite.status).toBe(403);
  });

  it("a manager may not make, unmake or remove an admin", async () => {
    const { headers } = user("manager");
    const makeAdmin = await call(ctx, "POST", "/api/v1/invitations", {
      headers,
      body: { email: newEmail(), role: "admin" },
    });
    expect(makeAdmin.status).toBe(403);
    const promote = await call(ctx, "PATCH", `/api/v1/users/${user("csm").user.id}`, {
      headers,
      body: { role: "admin" },
    });
    expect(promote.status).toBe(403);
    const adminId = user("admin").user.id;
    const demote = await call(ctx, "PATCH", `/api/v1/users/${adminId}`, {
      headers,
      body: { role: "viewer" },
    });
    expect(demote.status).toBe(403);
    expect((await call(ctx, "DELETE", `/api/v1/users/${adminId}`, { headers })).status).toBe(403);
  });
});

describe("users", () => {
  it("refuses bad input with field problems", async () => {
    const { headers } = user("admin");
    for (const body of [
      { email: "not-an-email", role: "csm" },
      { email: newEmail(), role: "owner" },
      { email: newEmail() },
      { email: newEmail(), role: "csm", name: "X" },
    ]) {
      const res = await call(ctx, "POST", "/api/v1/invitations", { headers, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.errors?.[0]?.pointer).toBeTruthy();
    }
    const badRole = await call(ctx, "PATCH", `/api/v1/users/${user("viewer").user.id}`, {
      headers,
      body: { role: "root" },
    });
    expect(badRole.status).toBe(422);
  });

  it("keeps the last admin, and removes a member (their accounts lose the owner)", async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const admin = await buildUser(ctx, { workspaceId: ws, role: "admin" });
    const url = `/api/v1/users/${admin.user.id}`;
    const demote = await call(ctx, "PATCH", url, {
      headers: admin.headers,
      body: { role: "manager" },
    });
    expect(demote.status).toBe(409);
    expect(demote.headers.get("content-type")).toContain("application/problem+json");
    expect((await call(ctx, "DELETE", url, admin)).status).toBe(409);

    const second = (await buildUser(ctx, { workspaceId: ws, role: "admin" })).user.id;
    const account = await buildAccount(ctx.db, { workspaceId: ws, ownerUserId: second });
    const demoted = await call(ctx, "PATCH", `/api/v1/users/${second}`, {
      headers: admin.headers,
      body: { role: "csm" },
    });
    expect(demoted.status).toBe(200);
    expect(demoted.json.role).toBe("csm");
    const removed = await call(ctx, "DELETE", `/api/v1/users/${second}`, admin);
    expect(removed.status).toBe(204);
    const users = await call(ctx, "GET", "/api/v1/users", admin);
    expect(users.json.data.map((m: { userId: string }) => m.userId)).toEqual([admin.user.id]);
    const read = await call(ctx, "GET", `/api/v1/accounts/${account.id}`, admin);
    expect(read.json.ownerUserId).toBeNull();
  });

  it("lets only one of two admins demoting each other at once succeed", async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const one = await buildUser(ctx, { workspaceId: ws, role: "admin" });
    const two = await buildUser(ctx, { workspaceId: ws, role: "admin" });
    const results = await Promise.all([
      call(ctx, "PATCH", `/api/v1/users/${two.user.id}`, { ...one, body: { role: "csm" } }),
      call(ctx, "PATCH", `/api/v1/users/${one.user.id}`, { ...two, body: { role: "csm" } }),
    ]);
    // The loser is refused: 409 (last admin) or, once demoted, 403 (no longer an admin).
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const members = await call(ctx, "GET", "/api/v1/users", one);
    const roles = members.json.data.map((m: { role: string }) => m.role);
    expect(roles.sort()).toEqual(["admin", "csm"]);
  });
});

describe("API keys", () => {
  it("creates a key shown once, lists it without the secret, and revokes it", async () => {
    const { headers } = user("manager");
    const created = await call(ctx, "POST", "/api/v1/api-keys", {
      headers,
      body: { name: "CRM sync" },
    });
    expect(created.status).toBe(201);
    const { key, apiKey } = created.json;
    expect(key).toMatch(/^michi_/);
    expect(apiKey).toEqual({
      id: expect.any(String),
      name: "CRM sync",
      prefix: key.slice(0, apiKey.prefix.length),
      role: "csm",
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });

    const bearer = { headers: { authorization: `Bearer ${key}` } };
    expect((await call(ctx, "GET", "/api/v1/accounts", bearer)).status).toBe(200);
    const list = await call(ctx, "GET", "/api/v1/api-keys", { headers });
    const listed = list.json.data.find((k: { id: string }) => k.id === apiKey.id);
    expect(listed.lastUsedAt).not.toBeNull();
    // At most one write a minute: the next use within it writes nothing.
    await ctx.db.update(apiKeys).set({ lastUsedAt: null }).where(eq(apiKeys.id, apiKey.id));
    expect((await call(ctx, "GET", "/api/v1/accounts", bearer)).status).toBe(200);
    const again = await call(ctx, "GET", "/api/v1/api-keys", { headers });
    expect(again.json.data.find((k: { id: string }) => k.id === apiKey.id).lastUsedAt).toBeNull();
    expect(list.text).not.toContain(key);
    expect(list.text).not.toContain("keyHash");

    const revoked = await call(ctx, "DELETE", `/api/v1/api-keys/${apiKey.id}`, { headers });
    expect(revoked.status).toBe(204);
    expect((await call(ctx, "GET", "/api/v1/accounts", bearer)).status).toBe(401);
    const after = await call(ctx, "GET", "/api/v1/api-keys", { headers });
    expect(after.json.data.find((k: { id: string }) => k.id === apiKey.id).revokedAt).toEqual(
      expect.any(String),
    );
    const twice = await call(ctx, "DELETE", `/api/v1/api-keys/${apiKey.id}`, { headers });
    expect(twice.status).toBe(204);
    const unknown = await call(ctx, "DELETE", `/api/v1/api-keys/${crypto.randomUUID()}`, {
      headers,
    });
    expect(unknown.status).toBe(404);
    expect((await call(ctx, "DELETE", "/api/v1/api-keys/nope", { headers })).status).toBe(400);
    const noName = await call(ctx, "POST", "/api/v1/api-keys", { headers, body: { name: " " } });
    expect(noName.status).toBe(422);
  });
});

describe("tenant isolation", () => {
  it("gives workspace A's admin and key 404 or 403 for B's users and keys, never B's data", async () => {
    const a = (await buildWorkspace(ctx)).id;
    const b = (await buildWorkspace(ctx)).id;
    const adminA = await buildUser(ctx, { workspaceId: a, role: "admin" });
    const keyA = await buildApiKey(ctx, { workspaceId: a });
    const userB = await buildUser(ctx, { workspaceId: b, role: "admin" });
    const keyB = await buildApiKey(ctx, { workspaceId: b });

    const userUrl = `/api/v1/users/${userB.user.id}`;
    const keyUrl = `/api/v1/api-keys/${keyB.apiKey.id}`;
    const headers = adminA.headers;
    expect((await call(ctx, "PATCH", userUrl, { headers, body: { role: "csm" } })).status).toBe(
      404,
    );
    expect((await call(ctx, "DELETE", userUrl, { headers })).status).toBe(404);
    expect((await call(ctx, "DELETE", keyUrl, { headers })).status).toBe(404);
    const keys = await call(ctx, "GET", "/api/v1/api-keys", { headers });
    expect(keys.json.data.map((k: { id: string }) => k.id)).not.toContain(keyB.apiKey.id);

    for (const who of [adminA, keyA]) {
      const users = await call(ctx, "GET", "/api/v1/users", { headers: who.headers });
      expect(users.json.data.map((m: { userId: string }) => m.userId)).toEqual([adminA.user.id]);
    }
    // A key made without a role acts as a csm: it is refused before any lookup, so nothing of B is revealed.
    expect((await call(ctx, "DELETE", keyUrl, keyA)).status).toBe(403);
    expect((await call(ctx, "DELETE", userUrl, keyA)).status).toBe(403);
    // B's key still works.
    expect((await call(ctx, "GET", "/api/v1/me", keyB)).json.workspace.id).toBe(b);
  });

  it("documents every settings route in the OpenAPI document", async () => {
    const doc = await call(ctx, "GET", "/api/openapi.json");
    const paths = Object.keys(doc.json.paths);
    for (const p of [
      "/api/v1/me",
      "/api/v1/me/workspace",
      "/api/v1/users",
      "/api/v1/users/{userId}",
      "/api/v1/api-keys",
      "/api/v1/api-keys/{id}",
      "/api/v1/invitations",
      "/api/v1/invitations/{id}",
      "/api/v1/invitation-links/{token}",
      "/api/v1/invitation-links/{token}/accept",
    ]) {
      expect(paths).toContain(p);
    }
  });
});
