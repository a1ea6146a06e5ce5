import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { call, createTestContext, type TestContext } from "../test/context";

let ctx: TestContext;
let webDistDir: string;
beforeAll(async () => {
  ctx = await createTestContext();
  // A stand-in for apps/web/dist: the shell and one built asset.
  webDistDir = mkdtempSync(path.join(tmpdir(), "michi-web-dist-"));
  mkdirSync(path.join(webDistDir, "assets"));
  writeFileSync(path.join(webDistDir, "index.html"), "<!doctype html><title>Michi</title>");
  writeFileSync(path.join(webDistDir, "assets", "index-abc.js"), "console.log(1);");
  writeFileSync(path.join(webDistDir, "favicon.svg"), "<svg/>");
});
afterAll(() => rmSync(webDistDir, { recursive: true, force: true }));

const withWeb = (baseURL = ctx.baseURL) =>
  createApp({ db: ctx.db, auth: ctx.auth, baseURL, webDistDir });

const directives = (csp: string | null) =>
  Object.fromEntries(
    (csp ?? "").split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

describe("security headers", () => {
  it("sends the policy and its companions with the app, the API and its errors", async () => {
    const app = withWeb();
    for (const url of ["/", "/accounts", "/api/health", "/api/v1/me", "/api/docs", "/api/nope"]) {
      const res = await app.request(url);
      const csp = directives(res.headers.get("content-security-policy"));
      expect(csp["script-src"], url).toEqual(["'self'"]);
      expect(csp["default-src"]).toEqual(["'self'"]);
      expect(csp["frame-ancestors"]).toEqual(["'none'"]);
      expect(csp["object-src"]).toEqual(["'none'"]);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("sends HSTS only when the public URL is https", async () => {
    const res = await withWeb("https://michi.example.com").request("/api/health");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("starts Swagger UI from a served script, as the policy allows no inline one", async () => {
    const page = await call(ctx, "GET", "/api/docs");
    expect(page.text).not.toMatch(/<script>/);
    expect(page.text).toContain('<script src="/api/docs/init.js"></script>');
    const init = await ctx.app.request("/api/docs/init.js");
    expect(init.status).toBe(200);
    expect(init.headers.get("content-type")).toContain("text/javascript");
    expect(await init.text()).toContain("SwaggerUIBundle(");
  });
});

describe("the web app's files", () => {
  it("serves built files, and the app shell for client-side routes", async () => {
    const app = withWeb();
    const asset = await app.request("/assets/index-abc.js");
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe("console.log(1);");
    for (const route of ["/", "/accounts", "/accounts/5b7c0f0e-1d2a-4c5e-9f00-1234567890ab"]) {
      const res = await app.request(route);
      expect(res.status, route).toBe(200);
      expect(await res.text()).toContain("<title>Michi</title>");
    }
  });

  it("answers a missing file with 404, not the app shell", async () => {
    const app = withWeb();
    for (const file of ["/assets/x.js", "/assets/old-build.css", "/assets/nested/x", "/x.png"]) {
      const res = await app.request(file);
      expect(res.status, file).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(await res.text()).not.toContain("<title>");
    }
  });
});
