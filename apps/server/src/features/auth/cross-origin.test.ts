import { beforeAll, describe, expect, it } from "vitest";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
  uniqueSuffix,
} from "../../test/context";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

/** Another port of the same host: the same site (cookies are sent), another origin. */
const FOREIGN = "http://127.0.0.1:4444";

const setUp = async () => {
  const workspace = await buildWorkspace(ctx);
  const admin = await buildUser(ctx, { workspaceId: workspace.id, role: "admin" });
  return { workspaceId: workspace.id, cookie: admin.cookie };
};

/**
 * The writes a page can send without a CORS preflight (Segment's text/plain, a
 * CSV file, a POST with no body), and a JSON write, which needs one.
 */
const writes = (suffix: string) => [
  {
    path: "/api/v1/track",
    contentType: "text/plain",
    body: JSON.stringify({
      type: "track",
      event: "Injected",
      userId: `u-${suffix}`,
      messageId: `m-${suffix}`,
    }),
    ok: 200,
  },
  {
    path: "/api/v1/import/accounts",
    contentType: "text/csv",
    body: `externalId,name\nx-${suffix},Imported ${suffix}\n`,
    ok: 200,
  },
  { path: "/api/v1/health/recompute", contentType: undefined, body: undefined, ok: 202 },
  {
    path: "/api/v1/accounts",
    contentType: "application/json",
    body: JSON.stringify({ name: `JSON ${suffix}` }),
    ok: 201,
  },
];

const send = async (write: ReturnType<typeof writes>[number], headers: Record<string, string>) => {
  const res = await ctx.app.request(write.path, {
    method: "POST",
    headers: { ...(write.contentType ? { "content-type": write.contentType } : {}), ...headers },
    ...(write.body === undefined ? {} : { body: write.body }),
  });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
};

const accountNames = async (cookie: string) => {
  const res = await call(ctx, "GET", "/api/v1/accounts?limit=100", { headers: { cookie } });
  expect(res.status).toBe(200);
  return (res.json.data as { name: string }[]).map((a) => a.name);
};

describe("cookie writes from another origin", () => {
  it("refuses each write with a foreign Origin with 403 problem+json, and stores nothing", async () => {
    const { cookie } = await setUp();
    const suffix = uniqueSuffix();
    for (const write of writes(suffix)) {
      const res = await send(write, { cookie, origin: FOREIGN });
      expect(res.status, `${write.path}: ${res.text}`).toBe(403);
      expect(res.type).toContain("application/problem+json");
      expect(JSON.parse(res.text).detail).toContain("another origin");
    }
    expect(await accountNames(cookie)).toEqual([]);
  });

  it("accepts the same writes from the app's own origin", async () => {
    const { cookie } = await setUp();
    const suffix = uniqueSuffix();
    for (const write of writes(suffix)) {
      const res = await send(write, { cookie, origin: ctx.baseURL });
      expect(res.status, `${write.path}: ${res.text}`).toBe(write.ok);
    }
    expect((await accountNames(cookie)).sort()).toEqual([`Imported ${suffix}`, `JSON ${suffix}`]);
  });

  it("takes the origin the server is reached at as its own too", async () => {
    const { cookie } = await setUp();
    // app.request's URLs are http://localhost/…
    const res = await send(writes(uniqueSuffix())[3] as ReturnType<typeof writes>[number], {
      cookie,
      origin: "http://localhost",
    });
    expect(res.status, res.text).toBe(201);
  });

  it("judges by Sec-Fetch-Site when there is no Origin, or a null one", async () => {
    const { cookie } = await setUp();
    const json = writes(uniqueSuffix())[3] as ReturnType<typeof writes>[number];
    for (const site of ["cross-site", "same-site", "none"]) {
      expect((await send(json, { cookie, "sec-fetch-site": site })).status, site).toBe(403);
    }
    expect(
      (await send(json, { cookie, origin: "null", "sec-fetch-site": "cross-site" })).status,
    ).toBe(403);
    // An opaque origin with nothing else to judge by.
    expect((await send(json, { cookie, origin: "null" })).status).toBe(403);
    // A page of our own under `Referrer-Policy: no-referrer` may send Origin: null.
    expect(
      (await send(json, { cookie, origin: "null", "sec-fetch-site": "same-origin" })).status,
    ).toBe(201);
    expect((await send(json, { cookie, "sec-fetch-site": "same-origin" })).status).toBe(201);
  });

  it("lets a cookie write with neither header through: no page sends that", async () => {
    const { cookie } = await setUp();
    const json = writes(uniqueSuffix())[3] as ReturnType<typeof writes>[number];
    expect((await send(json, { cookie })).status).toBe(201);
  });

  it("leaves reads alone: CORS keeps their answers from the other page", async () => {
    const { cookie } = await setUp();
    const res = await call(ctx, "GET", "/api/v1/me", { headers: { cookie, origin: FOREIGN } });
    expect(res.status).toBe(200);
  });

  it("does not apply to API keys, whatever their Origin", async () => {
    const { workspaceId } = await setUp();
    const key = await buildApiKey(ctx, { workspaceId, role: "admin" });
    for (const write of writes(uniqueSuffix())) {
      const res = await send(write, {
        ...key.headers,
        origin: FOREIGN,
        "sec-fetch-site": "cross-site",
      });
      expect(res.status, `${write.path}: ${res.text}`).toBe(write.ok);
    }
  });
});

describe("better-auth's /api/auth/* from another origin", () => {
  const me = (cookie: string) => call(ctx, "GET", "/api/v1/me", { headers: { cookie } });

  it("refuses sign-out and a workspace switch from a foreign origin; the session stays", async () => {
    const { cookie, workspaceId } = await setUp();
    const signOut = await ctx.app.request("/api/auth/sign-out", {
      method: "POST",
      headers: { cookie, origin: FOREIGN },
    });
    expect(signOut.status).toBe(403);
    expect(signOut.headers.get("content-type")).toContain("application/problem+json");
    const switchTo = await ctx.app.request("/api/auth/organization/set-active", {
      method: "POST",
      headers: { cookie, "content-type": "text/plain", "sec-fetch-site": "cross-site" },
      body: JSON.stringify({ organizationId: workspaceId }),
    });
    expect(switchTo.status).toBe(403);
    expect((await me(cookie)).status).toBe(200);
  });

  it("refuses a sign-in from a foreign origin (a forged login)", async () => {
    const { workspaceId } = await setUp();
    const user = await buildUser(ctx, { workspaceId, role: "viewer" });
    const res = await ctx.app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "text/plain", origin: FOREIGN },
      body: JSON.stringify({ email: user.email, password: "correct-horse-battery" }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("has better-auth check a cookie write with no Origin itself, even under NODE_ENV=test", async () => {
    const { cookie } = await setUp();
    const signOut = await ctx.app.request("/api/auth/sign-out", {
      method: "POST",
      headers: { cookie },
    });
    expect(signOut.status).toBe(403);
    expect((await me(cookie)).status).toBe(200);
    const own = await ctx.app.request("/api/auth/sign-out", {
      method: "POST",
      headers: { cookie, origin: ctx.baseURL },
    });
    expect(own.status).toBe(200);
    expect((await me(cookie)).status).toBe(401);
  });
});
