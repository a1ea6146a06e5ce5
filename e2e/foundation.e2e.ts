import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import en from "../apps/web/src/locales/en.json" with { type: "json" };
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

// Labels come from the locale files, so the test reads what a person reads in each language.
const browser = useBrowser();

const logIn = async (page: Page) => {
  await page.goto("/");
  await page.getByLabel(ja.auth.email).fill(ADMIN_EMAIL);
  // Required fields add " *" to the accessible name.
  await page.getByLabel(new RegExp(`^${ja.auth.password}`)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: ja.auth.submit }).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
};

const accountsWithExternalId = async (page: Page, externalId: string) => {
  const res = await page.request.get(
    `/api/v1/accounts?externalId=${encodeURIComponent(externalId)}`,
  );
  expect(res.status()).toBe(200);
  return ((await res.json()) as { data: { name: string }[] }).data;
};

it("logs in and sees the demo accounts", async () => {
  const page = await browser.newPage();
  await page.goto("/");
  await page.getByRole("button", { name: ja.auth.submit }).waitFor();
  await screenshot(page, "foundation-login-ja");
  await logIn(page);
  const rows = page.getByRole("row");
  await expect.poll(() => rows.count()).toBeGreaterThan(20);
  // Names sort by their reading (五十音): 秋津県庁 (アキツケンチョウ) is among the first of the
  // demo's customers, where its kanji would not put it. (Other e2e files add accounts to the
  // same server, so the very first row is not the demo's.)
  await expect(page.getByText("秋津県庁").first().isVisible()).resolves.toBe(true);
  await screenshot(page, "foundation-accounts-ja");
});

it("creates an account and finds it in the list", async () => {
  const page = await browser.newPage();
  await logIn(page);
  const name = `E2E 株式会社 ${Date.now()}`;
  await page.getByRole("button", { name: ja.accounts.new }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(ja.accounts.name).fill(name);
  await dialog.getByRole("button", { name: ja.common.create }).click();
  await page.getByRole("heading", { name }).waitFor();
  await screenshot(page, "foundation-account-created-ja");

  await page.getByRole("link", { name: ja.nav.accounts }).first().click();
  await page.getByLabel(ja.accounts.search).fill(name);
  await page.getByRole("row", { name: new RegExp(name) }).waitFor();
});

it("refuses a CSV with a bad row, stores nothing, then imports the fixed file", async () => {
  const page = await browser.newPage();
  await logIn(page);
  await page.getByRole("link", { name: ja.nav.import }).first().click();
  const stamp = Date.now();
  const header =
    "externalId,name,industry,segment,ownerEmail,touchModel,persona,challenges,successFactors";
  const good = `e2e-${stamp}-1,北斗精機株式会社,manufacturing,mid-market,,low,,,`;
  const bad = `e2e-${stamp}-2,湊運輸株式会社,logistics,smb,,medium,,,`;
  const fixed = `e2e-${stamp}-2,湊運輸株式会社,logistics,smb,,tech,,,`;
  const chooseFile = async (lines: string[]) => {
    await page.getByLabel(ja.csv.file).setInputFiles({
      name: "accounts.csv",
      mimeType: "text/csv",
      // Excel writes Japanese CSVs with a byte-order mark.
      buffer: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8"),
    });
    await page.getByRole("button", { name: ja.csv.preview }).click();
  };

  await chooseFile([header, good, bad]);
  const errors = page.getByRole("table", { name: ja.csv.errorsTitle });
  await errors.waitFor();
  const errorRow = errors.getByRole("row").filter({ hasText: "touchModel" });
  await expect(errorRow.textContent()).resolves.toMatch(/3/);
  await expect(page.getByRole("button", { name: ja.csv.import }).isDisabled()).resolves.toBe(true);
  await screenshot(page, "foundation-csv-error-ja");
  expect(await accountsWithExternalId(page, `e2e-${stamp}-1`)).toEqual([]);

  await chooseFile([header, good, fixed]);
  await page.getByRole("table", { name: ja.csv.rowsTitle }).waitFor();
  await page.getByRole("button", { name: ja.csv.import }).click();
  await page.getByRole("status").filter({ hasText: "2" }).waitFor();
  await screenshot(page, "foundation-csv-imported-ja");
  expect((await accountsWithExternalId(page, `e2e-${stamp}-1`)).map((a) => a.name)).toEqual([
    "北斗精機株式会社",
  ]);
  expect((await accountsWithExternalId(page, `e2e-${stamp}-2`)).map((a) => a.name)).toEqual([
    "湊運輸株式会社",
  ]);
});

it("switches the language to English, remembers it, and back", async () => {
  const page = await browser.newPage();
  await logIn(page);
  const language = page.getByRole("radiogroup", { name: ja.language.label });
  await language.getByText(en.language.en, { exact: true }).click();
  await page.getByRole("heading", { name: en.accounts.title, exact: true }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: en.accounts.title, exact: true }).waitFor();
  await screenshot(page, "foundation-accounts-en");
  await page.getByRole("radiogroup", { name: en.language.label }).getByText(ja.language.ja).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
});
