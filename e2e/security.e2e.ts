import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, useBrowser } from "./fixtures";

const browser = useBrowser();

/** Logs the page's context in through the API, as the login form would. */
const logIn = async (page: Page) => {
  const res = await page.request.post("/api/auth/sign-in/email", {
    data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    headers: { origin: inject("baseURL") },
  });
  expect(res.status()).toBe(200);
};

/**
 * Another origin of the same site as the app: the same host, another port.
 * Its page sends, with no CORS preflight, a CSV import and a Segment call to
 * the app, as the page that found this hole did.
 */
let attacker: Server;
let attackerURL: string;
const externalId = `csrf-${Date.now()}`;
beforeAll(async () => {
  const target = inject("baseURL");
  const page = `<!doctype html><title>…</title><script>
    const send = (path, type, body) => fetch(${JSON.stringify(target)} + path, {
      method: "POST", mode: "no-cors", credentials: "include",
      headers: { "content-type": type }, body,
    }).catch(() => {});
    Promise.all([
      send("/api/v1/import/accounts", "text/plain", "externalId,name\\n${externalId},Forged\\n"),
      send("/api/v1/track", "text/plain", JSON.stringify({ type: "track", event: "Forged", userId: "x" })),
    ]).then(() => { document.title = "sent"; });
  </script>`;
  attacker = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerURL = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

it("keeps a page of another origin of the same site from writing with the admin's cookie", async () => {
  const page = await browser.newPage();
  await logIn(page);
  await page.goto(attackerURL);
  await expect.poll(() => page.title()).toBe("sent");
  const res = await page.request.get(`/api/v1/accounts?externalId=${externalId}`);
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { data: unknown[] }).data).toEqual([]);
});

it("renders the API docs under the Content-Security-Policy", async () => {
  const page = await browser.newPage();
  const res = await page.goto("/api/docs");
  expect(res?.headers()["content-security-policy"]).toContain("script-src 'self'");
  // Swagger UI has read the OpenAPI document and listed its operations.
  await page.getByRole("heading", { name: /Michi API/ }).waitFor();
  await page.getByText("/api/v1/accounts").first().waitFor();
});

it("answers a missing script with 404, and a client-side route with the app", async () => {
  const page = await browser.newPage();
  const missing = await page.request.get("/assets/no-such-file.js");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-type"]).toContain("application/problem+json");
  const route = await page.request.get("/accounts");
  expect(route.status()).toBe(200);
  expect(route.headers()["content-type"]).toContain("text/html");
});

it("reports a CSP violation to the test (so every spec checks the policy)", async () => {
  const page = await browser.newPage();
  await page.goto("/");
  await page.getByRole("button", { name: ja.auth.submit }).waitFor();
  expect(browser.takeCspViolations()).toEqual([]);
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.injected = true";
    document.head.append(script);
  });
  const seen: string[] = [];
  await expect
    .poll(() => {
      seen.push(...browser.takeCspViolations());
      return seen;
    })
    .toEqual([expect.stringContaining("script-src-elem refused inline on /login")]);
  expect(await page.evaluate(() => "injected" in window)).toBe(false);
});
