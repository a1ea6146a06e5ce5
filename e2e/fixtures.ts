import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
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

/** One browser per spec file; each test takes a fresh context (cookies, storage) from it. */
export const useBrowser = () => {
  const state: { browser?: Browser } = {};
  beforeAll(async () => {
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
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
      return context.newPage();
    },
  };
};

export const screenshot = async (page: Page, name: string) => {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
};
