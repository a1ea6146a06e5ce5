import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

// Labels come from the locale file, so the test reads what a Japanese CS team reads.
const browser = useBrowser();
const s = ja.csSettings;
const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);

const logIn = async (page: Page) => {
  await page.goto("/");
  await page.getByLabel(ja.auth.email).fill(ADMIN_EMAIL);
  await page.getByLabel(exact(ja.auth.password)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: ja.auth.submit }).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
};

/**
 * Runs a test's steps and puts a settings resource back as it was, so that
 * later specs on the same demo server see the demo's own CS model.
 */
const keepingSettings = async (
  page: Page,
  path: string,
  toBody: (saved: Record<string, unknown>) => unknown,
  steps: () => Promise<void>,
) => {
  const before = await page.request.get(`/api/v1/settings/${path}`);
  expect(before.status()).toBe(200);
  const saved = (await before.json()) as Record<string, unknown>;
  try {
    await steps();
  } finally {
    const restored = await page.request.put(`/api/v1/settings/${path}`, { data: toBody(saved) });
    expect(restored.status()).toBe(200);
  }
};

/** The "with the edit" row of the preview's band table, as text. */
const previewRow = (page: Page) =>
  page
    .getByTestId("preview-distribution")
    .getByRole("row", { name: new RegExp(`^${s.scorecards.withEdit}`) })
    .textContent();

it("edits a scorecard with a live preview, saves it and finds it kept after a reload", async () => {
  const page = await browser.newPage();
  await logIn(page);
  await keepingSettings(
    page,
    "scorecards",
    (saved) => ({ scorecards: saved.scorecards }),
    async () => {
      await page.goto("/settings?tab=scorecards");
      // The demo workspace has two scorecards; the first (enterprise accounts) is open.
      await page.getByTestId("preview-distribution").waitFor();
      await expect.poll(() => page.getByText(/対象の顧客: \d+ 社/).count()).toBe(1);
      const before = await previewRow(page);

      // Red up to 90: most accounts turn red in the preview.
      await page.getByLabel(s.scorecards.yellowMax).fill("95");
      await page.getByLabel(s.scorecards.redMax).fill("90");
      await page.getByLabel(`アクティブユーザー数(30日): ${s.scorecards.weight}`).fill("5");
      await expect.poll(() => previewRow(page), { timeout: 20_000 }).not.toBe(before);
      await screenshot(page, "cs-settings-scorecard-preview-ja");

      await page.getByRole("button", { name: ja.common.save, exact: true }).click();
      await page.getByText(s.saved).first().waitFor();

      await page.reload();
      await page.getByLabel(s.scorecards.redMax).waitFor();
      await expect(page.getByLabel(s.scorecards.redMax).inputValue()).resolves.toBe("90");
      await expect(
        page.getByLabel(`アクティブユーザー数(30日): ${s.scorecards.weight}`).inputValue(),
      ).resolves.toBe("5");
      const saved = await page.request.get("/api/v1/settings/scorecards");
      const body = (await saved.json()) as {
        scorecards: { scorecard: { bands: { redMax: number; yellowMax: number } } }[];
      };
      expect(body.scorecards).toHaveLength(2);
      expect(body.scorecards[0]?.scorecard.bands).toEqual({ redMax: 90, yellowMax: 95 });
    },
  );
});

it("edits an exit criterion in the phase design table and prints it", async () => {
  const page = await browser.newPage();
  await logIn(page);
  await keepingSettings(
    page,
    "phases",
    (saved) => ({ phases: saved.custom ? saved.phases : null, mode: saved.mode }),
    async () => {
      await page.goto("/settings?tab=phases");
      const table = page.getByRole("table", { name: s.phases.tableLabel });
      await table.waitFor();
      await expect(table.getByRole("row").count()).resolves.toBe(5);

      await page.getByRole("button", { name: `導入: ${s.phases.edit}` }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel(s.rules.value, { exact: true }).first().fill("4");
      await dialog.getByText(/30日間のアクティブユーザー数 ≥ 4/).waitFor();
      await dialog.getByRole("button", { name: s.phases.done, exact: true }).click();
      await expect(page.getByTestId("exit-criteria-onboarding").textContent()).resolves.toContain(
        "30日間のアクティブユーザー数 ≥ 4",
      );
      await page.getByRole("button", { name: ja.common.save, exact: true }).click();
      await page.getByText(s.saved).first().waitFor();
      await screenshot(page, "cs-settings-phases-ja");

      await page.goto("/settings/phases/print");
      const sheet = page.getByRole("region", { name: s.print.title });
      await sheet.waitFor();
      await expect(sheet.getByTestId("exit-criteria-onboarding").textContent()).resolves.toContain(
        "30日間のアクティブユーザー数 ≥ 4",
      );
      await screenshot(page, "cs-settings-phases-print-ja");
    },
  );
});

it("shows the maturity levels and touch-model rules as rules in words, and keeps the usage retention", async () => {
  const page = await browser.newPage();
  await logIn(page);
  await page.goto("/settings?tab=maturity");
  await page.getByText("Lv.1").first().waitFor();
  await expect.poll(() => page.getByTestId("rule-text").count()).toBeGreaterThan(1);
  await screenshot(page, "cs-settings-maturity-ja");

  await page.goto("/settings?tab=touchModel");
  await page.getByLabel(s.touchModel.enabled).waitFor();
  await screenshot(page, "cs-settings-touch-model-ja");

  await keepingSettings(
    page,
    "usage",
    (saved) => ({ retentionDays: saved.retentionDays }),
    async () => {
      await page.goto("/settings?tab=usage");
      await page.getByLabel(s.usage.forever).waitFor();
      if (await page.getByLabel(s.usage.forever).isChecked()) {
        await page.getByLabel(s.usage.forever).uncheck();
      }
      await page.getByLabel(s.usage.retentionDays).fill("400");
      await page.getByRole("button", { name: ja.common.save, exact: true }).click();
      await page.getByText(s.saved).first().waitFor();
      await page.reload();
      await expect(page.getByLabel(s.usage.retentionDays).inputValue()).resolves.toBe("400");
    },
  );
});
