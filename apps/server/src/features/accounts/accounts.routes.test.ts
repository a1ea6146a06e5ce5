import { beforeAll, describe, expect, it } from "vitest";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { buildAccount } from "../../test/factories";

let ctx: TestContext;
let workspaceId: string;
let csm: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  csm = await buildUser(ctx, { workspaceId, role: "csm" });
});

describe("accounts API", () => {
  it("creates, reads, updates and deletes an account", async () => {
    const created = await call(ctx, "POST", "/api/v1/accounts", {
      headers: csm.headers,
      body: {
        name: "株式会社サンプル物流",
        externalId: "crm-001",
        industry: "logistics",
        segment: "enterprise",
        touchModel: "high",
        ownerUserId: csm.user.id,
        profile: { persona: "物流部長", challenges: "配車の属人化" },
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "株式会社サンプル物流", externalId: "crm-001" });
    expect(created.json.workspaceId).toBeUndefined();
    const id = created.json.id;

    const read = await call(ctx, "GET", `/api/v1/accounts/${id}`, { headers: csm.headers });
    expect(read.json.profile.challenges).toBe("配車の属人化");

    const updated = await call(ctx, "PATCH", `/api/v1/accounts/${id}`, {
      headers: csm.headers,
      body: { segment: "mid-market" },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ segment: "mid-market", name: "株式会社サンプル物流" });

    const deleted = await call(ctx, "DELETE", `/api/v1/accounts/${id}`, { headers: csm.headers });
    expect(deleted.status).toBe(204);
    const gone = await call(ctx, "GET", `/api/v1/accounts/${id}`, { headers: csm.headers });
    expect(gone.status).toBe(404);
  });

  it("finds by externalId, searches names and pages with a cursor", async () => {
    const ws = (await buildWorkspace(ctx)).id;
    const key = await buildApiKey(ctx, { workspaceId: ws });
    for (const name of ["Alpha 商事", "Beta 100% Foods", "Gamma 物流", "Delta 銀行", "Epsilon"]) {
      await buildAccount(ctx.db, { workspaceId: ws, name, externalId: `x-${name}` });
    }
    const byExternal = await call(ctx, "GET", "/api/v1/accounts?externalId=x-Epsilon", key);
    expect(byExternal.json.data.map((a: { name: string }) => a.name)).toEqual(["Epsilon"]);

    const search = await call(ctx, "GET", `/api/v1/accounts?q=${encodeURIComponent("物流")}`, key);
    expect(search.json.data.map((a: { name: string }) => a.name)).toEqual(["Gamma 物流"]);
    const percent = await call(ctx, "GET", `/api/v1/accounts?q=${encodeURIComponent("100%")}`, key);
    expect(percent.json.data).toHaveLength(1);

    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { data: { name: string }[]; nextCursor: string | null } } = await call(
        ctx,
        "GET",
        `/api/v1/accounts?sort=-name&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        key,
      );
      names.push(...page.json.data.map((a) => a.name));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(names).toEqual(["Gamma 物流", "Epsilon", "Delta 銀行", "Beta 100% Foods", "Alpha 商事"]);

    const byCreated: string[] = [];
    cursor = null;
    do {
      const page: { json: { data: { name: string }[]; nextCursor: string | null } } = await call(
        ctx,
        "GET",
        `/api/v1/accounts?sort=createdAt&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
        key,
      );
      byCreated.push(...page.json.data.map((a) => a.name));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(byCreated).toHaveLength(5);
    expect(new Set(byCreated).size).toBe(5);
  });

  it("answers bad input with problem+json and stores nothing", async () => {
    const cases = [
      { rawBody: "{not json", status: 400 },
      { body: { name: 42 }, status: 422 },
      { body: { name: "" }, status: 422 },
      { body: { name: "X", unknownField: 1 }, status: 422 },
      { body: { name: "X", touchModel: "medium" }, status: 422 },
      { body: { name: "X", ownerUserId: "not-a-member" }, status: 422 },
      { rawBody: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }), status: 413 },
    ];
    const before = await call(ctx, "GET", "/api/v1/accounts?limit=200", { headers: csm.headers });
    for (const { status, ...body } of cases) {
      const res = await call(ctx, "POST", "/api/v1/accounts", { headers: csm.headers, ...body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.json).toMatchObject({ status, title: expect.any(String) });
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    }
    const after = await call(ctx, "GET", "/api/v1/accounts?limit=200", { headers: csm.headers });
    expect(after.json.data).toHaveLength(before.json.data.length);

    const badId = await call(ctx, "GET", "/api/v1/accounts/123", { headers: csm.headers });
    expect(badId.status).toBe(400);
    const badCursor = await call(ctx, "GET", "/api/v1/accounts?cursor=zzz", {
      headers: csm.headers,
    });
    expect(badCursor.status).toBe(400);
    const badLimit = await call(ctx, "GET", "/api/v1/accounts?limit=0", { headers: csm.headers });
    expect(badLimit.status).toBe(400);
  });

  it("rejects a duplicate externalId with 409", async () => {
    const body = { name: "Dup", externalId: "dup-1" };
    expect(
      (await call(ctx, "POST", "/api/v1/accounts", { headers: csm.headers, body })).status,
    ).toBe(201);
    const again = await call(ctx, "POST", "/api/v1/accounts", { headers: csm.headers, body });
    expect(again.status).toBe(409);
    expect(again.json.errors[0].pointer).toBe("/externalId");
  });
});

describe("auth, roles and tenant isolation", () => {
  it("answers 401 without a session or key, and for a revoked or unknown key", async () => {
    expect((await call(ctx, "GET", "/api/v1/accounts")).status).toBe(401);
    const unknown = await call(ctx, "GET", "/api/v1/accounts", {
      headers: { authorization: "Bearer michi_nope" },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
  });

  it("lets a viewer read but not write", async () => {
    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    expect((await call(ctx, "GET", "/api/v1/accounts", { headers: viewer.headers })).status).toBe(
      200,
    );
    const write = await call(ctx, "POST", "/api/v1/accounts", {
      headers: viewer.headers,
      body: { name: "Nope" },
    });
    expect(write.status).toBe(403);
  });

  it("gives workspace A's user and key 404 for every account of workspace B", async () => {
    const a = (await buildWorkspace(ctx)).id;
    const b = (await buildWorkspace(ctx)).id;
    const userA = await buildUser(ctx, { workspaceId: a, role: "admin" });
    const keyA = await buildApiKey(ctx, { workspaceId: a });
    const accountB = await buildAccount(ctx.db, { workspaceId: b, name: "B only" });
    for (const headers of [userA.headers, keyA.headers]) {
      const url = `/api/v1/accounts/${accountB.id}`;
      expect((await call(ctx, "GET", url, { headers })).status).toBe(404);
      expect((await call(ctx, "PATCH", url, { headers, body: { name: "x" } })).status).toBe(404);
      expect((await call(ctx, "DELETE", url, { headers })).status).toBe(404);
      const list = await call(ctx, "GET", "/api/v1/accounts?q=B%20only", { headers });
      expect(list.json.data).toEqual([]);
    }
  });
});
