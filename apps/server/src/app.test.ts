import { beforeAll, describe, expect, it } from "vitest";
import { call, createTestContext, type TestContext } from "./test/context";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

describe("the app's own endpoints", () => {
  it("answers liveness without auth", async () => {
    const res = await call(ctx, "GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok" });
  });

  it("serves a generated OpenAPI 3.1 document listing every v1 route", async () => {
    const res = await call(ctx, "GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    const paths = Object.keys(res.json.paths);
    for (const path of [
      "/api/v1/accounts",
      "/api/v1/accounts/{id}",
      "/api/v1/me",
      "/api/v1/api-keys",
    ]) {
      expect(paths).toContain(path);
    }
    expect(res.json.components.schemas.Problem).toBeDefined();
  });

  it("renders the API docs from local assets, so they work offline", async () => {
    const page = await call(ctx, "GET", "/api/docs");
    expect(page.status).toBe(200);
    expect(page.text).toContain("/api/docs/assets/swagger-ui-bundle.js");
    const asset = await ctx.app.request("/api/docs/assets/swagger-ui-bundle.js");
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(100_000);
  });

  it("answers unknown API paths with problem+json 404", async () => {
    const res = await call(ctx, "GET", "/api/v1/nothing-here", {
      headers: { authorization: "Bearer michi_x" },
    });
    expect([401, 404]).toContain(res.status);
    const unknown = await call(ctx, "GET", "/api/nope");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
  });
});
