import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./global-setup";

export { ADMIN_EMAIL, ADMIN_PASSWORD };

const resultsDir = path.resolve(import.meta.dirname, "../test-results");

/** Debian's Chromium; flags keep it from reaching for the network this machine does not have. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });

/**
 * Reports every Content-Security-Policy violation of every page of a context
 * (popups and new tabs included) from the `securitypolicyviolation` event,
 * listened to before the page's own scripts run. (Chromium also logs each to
 * the console; one source keeps each violation reported once.)
 */
const watchCspViolations = async (context: BrowserContext, report: (text: string) => void) => {
  await context.exposeBinding("__michiCspViolation", (_source, text: string) => report(text));
  // A string, not a function: it runs in the page, before the app's own scripts.
  await context.addInitScript(`document.addEventListener("securitypolicyviolation", (e) =>
    window.__michiCspViolation(
      e.effectiveDirective + " refused " + (e.blockedURI || "an inline source") +
        " on " + location.pathname + " (" + e.sourceFile + ":" + e.lineNumber + ")",
    ),
  );`);
};

/**
 * One browser per spec file; each test takes a fresh context (cookies, storage) from it.
 * A test fails if any page it opened reported a CSP violation, so every spec
 * also checks that the app works under the server's policy.
 */
export const useBrowser = () => {
  const state: { browser?: Browser; violations: string[] } = { violations: [] };
  beforeAll(async () => {
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
  });
  afterEach(() => {
    const violations = state.violations.splice(0);
    if (violations.length > 0) {
      throw new Error(`Content-Security-Policy violations:\n${violations.join("\n")}`);
    }
  });
  return {
    newPage: async (options: { locale?: string } = {}) => {
      if (!state.browser) throw new Error("browser not started");
      const context = await state.browser.newContext({
        baseURL: inject("baseURL"),
        locale: options.locale ?? "ja-JP",
        viewport: { width: 1366, height: 900 },
      });
      // A missing control fails the test after this; on a machine at load 6 a page of the
      // demo can take seconds to answer, so the wait is not what decides a run.
      context.setDefaultTimeout(30_000);
      await watchCspViolations(context, (text) => state.violations.push(text));
      return context.newPage();
    },
    /** Takes the violations reported so far, for a test that causes one on purpose. */
    takeCspViolations: () => state.violations.splice(0),
  };
};

export const screenshot = async (page: Page, name: string) => {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
};
