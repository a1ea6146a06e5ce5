import type { Page } from "playwright-core";
import { expect, inject, it } from "vitest";
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

// Labels come from the locale file, so the test reads what a Japanese CS team reads.
const browser = useBrowser();
const k = ja.apiKeys;

const logIn = async (page: Page) => {
  await page.goto("/");
  await page.getByLabel(ja.auth.email).fill(ADMIN_EMAIL);
  // Required fields add " *" to the accessible name.
  await page.getByLabel(new RegExp(`^${ja.auth.password}`)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: ja.auth.submit }).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
};

/** A script's request with the key alone: no session cookie goes along. */
const withKey = (key: string, path: string) =>
  fetch(new URL(path, inject("baseURL")), { headers: { authorization: `Bearer ${key}` } });

it("an admin makes an admin key for a script, sees its role in the list, and revokes it", async () => {
  const page = await browser.newPage();
  await logIn(page);
  await page.goto("/settings?tab=apiKeys");
  const name = `バックフィル ${Date.now()}`;

  await page.getByRole("button", { name: k.create }).click();
  const form = page.getByRole("dialog", { name: k.createTitle });
  await form.getByRole("textbox", { name: k.name }).fill(name);
  await form.getByRole("combobox", { name: k.role }).click();
  await page.getByRole("option", { name: ja.roles.admin }).click();
  await screenshot(page, "api-keys-create-admin-key-ja");
  await form.getByRole("button", { name: ja.common.create }).click();

  const shown = page.getByRole("dialog", { name: k.newKeyTitle });
  const key = await shown.getByRole("textbox", { name: k.newKeyLabel }).inputValue();
  expect(key).toMatch(/^michi_/);
  await shown.getByRole("button", { name: ja.common.close }).click();
  await shown.waitFor({ state: "hidden" });

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect.poll(() => row.getByRole("cell", { name: ja.roles.admin }).count()).toBe(1);
  await screenshot(page, "api-keys-list-ja");

  // From the script: the key acts as an admin, so it may read what only admins and managers may.
  const me = await withKey(key, "/api/v1/me");
  expect(((await me.json()) as { role: string }).role).toBe("admin");
  expect((await withKey(key, "/api/v1/api-keys")).status).toBe(200);

  // Done with the job: revoke it, and the script is shut out.
  await row.getByRole("button", { name: k.revokeNamed.replace("{{name}}", name) }).click();
  await page
    .getByRole("dialog", { name: k.revokeTitle })
    .getByRole("button", { name: k.revoke })
    .click();
  await expect.poll(() => row.getByText(k.revoked).count()).toBe(1);
  expect((await withKey(key, "/api/v1/me")).status).toBe(401);
});
