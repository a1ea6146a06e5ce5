import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { encodeShiftJisForTest } from "../apps/server/src/test/shift-jis";
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

// Labels come from the locale file, so the test reads what a Japanese CS team reads.
const browser = useBrowser();
const m = ja.csv.mapping;

const logIn = async (page: Page) => {
  await page.goto("/");
  await page.getByLabel(ja.auth.email).fill(ADMIN_EMAIL);
  // Required fields add " *" to the accessible name.
  await page.getByLabel(new RegExp(`^${ja.auth.password}`)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: ja.auth.submit }).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
};

const targetOf = (page: Page, header: string) =>
  page.getByRole("combobox", { name: m.targetOf.replace("{{header}}", header) });

it("imports a Shift_JIS accounts file from another CRM, mapping its unknown header by hand", async () => {
  const page = await browser.newPage();
  await logIn(page);
  await page.getByRole("link", { name: ja.nav.import }).first().click();

  // As Japanese Excel saves a CRM's export: Shift_JIS, Japanese headers, one Michi does not know.
  const stamp = Date.now();
  const name = `髙橋精工㈱ E2E ${stamp}`;
  const lines = ["外部ID,取引先名称,ペルソナ", `e2e-sjis-${stamp},${name},工場長`];
  await page.getByLabel(ja.csv.file).setInputFiles({
    name: "crm-accounts.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(encodeShiftJisForTest(`${lines.join("\r\n")}\r\n`)),
  });

  // The mapping step: known headers filled in, the unknown one not, the required name missing.
  await page.getByRole("table", { name: m.title }).waitFor();
  await expect(targetOf(page, "外部ID").inputValue()).resolves.toBe("externalId");
  await expect(targetOf(page, "ペルソナ").inputValue()).resolves.toBe("persona");
  await expect(targetOf(page, "取引先名称").inputValue()).resolves.toBe("");
  await page.getByText(m.missing.replace("{{columns}}", "顧客名")).waitFor();
  await expect(page.getByRole("button", { name: ja.csv.preview }).isDisabled()).resolves.toBe(true);
  // The file's first rows read as written, Shift_JIS decoded.
  await page.getByRole("table", { name: m.firstRowsLabel }).getByText(name).waitFor();

  await targetOf(page, "取引先名称").selectOption({
    label: m.required.replace("{{label}}", "顧客名"),
  });
  await screenshot(page, "csv-import-mapping-ja");
  await page.getByRole("button", { name: ja.csv.preview }).click();

  const rows = page.getByRole("table", { name: ja.csv.rowsTitle });
  await rows.getByText(name).waitFor();
  await page.getByText(ja.csv.readAs.replace("{{encoding}}", "Shift_JIS")).waitFor();
  await page.getByRole("button", { name: ja.csv.import }).click();
  const done = ja.csv.done.replace("{{created, number}}", "1").replace("{{updated, number}}", "0");
  await page.getByRole("status").filter({ hasText: done }).waitFor();
  await screenshot(page, "csv-import-mapped-imported-ja");

  // The account is in the list (wherever the list's order puts it).
  await page.getByRole("link", { name: ja.nav.accounts }).first().click();
  await page.getByLabel(ja.accounts.search).fill(name);
  await page.getByRole("row", { name: new RegExp(name) }).waitFor();
});
