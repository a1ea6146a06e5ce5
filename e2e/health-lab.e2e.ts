import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

// Labels come from the locale file, so the test reads what a Japanese CS team reads.
const browser = useBrowser();
const lab = ja.healthLab;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const exact = (text: string) => new RegExp(`^${escapeRegExp(text)}`);
/** A locale template as a pattern: each {{placeholder}} matches any text. */
const like = (template: string) =>
  new RegExp(
    template
      .split(/\{\{\w+\}\}/)
      .map(escapeRegExp)
      .join(".+"),
  );

/** The fit and each backtest score every account on every observation day: give them time. */
const SLOW = { timeout: 180_000 };

const logIn = async (page: Page) => {
  await page.goto("/");
  await page.getByLabel(ja.auth.email).fill(ADMIN_EMAIL);
  await page.getByLabel(exact(ja.auth.password)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: ja.auth.submit }).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
};

const choose = async (page: Page, picker: string, option: RegExp) => {
  await page.getByRole("combobox", { name: picker, exact: true }).click();
  await page.getByRole("option", { name: option }).click();
};

type Health = { scorecard: { key: string; name: unknown } | null };

it("backtests the default scorecard, fits one to past churn, compares, accepts it, and accounts are rescored", async () => {
  const page = await browser.newPage();
  await logIn(page);
  // Accepting replaces the workspace's catch-all scorecard: put the demo's back afterwards,
  // so that later specs on the same server see the demo's own CS model.
  const before = await page.request.get("/api/v1/settings/scorecards");
  expect(before.status()).toBe(200);
  const { scorecards } = (await before.json()) as {
    scorecards: { key: string; appliesTo: { segments?: string[]; phases?: string[] } }[];
  };
  try {
    // An account scored by the catch-all scorecard (no segment or phase picks it out).
    const segmented = new Set(scorecards.flatMap((entry) => entry.appliesTo.segments ?? []));
    const list = await page.request.get("/api/v1/accounts?limit=200");
    const { data } = (await list.json()) as { data: { id: string; segment: string | null }[] };
    const account = data.find((row) => row.segment === null || !segmented.has(row.segment));
    if (!account) throw new Error("the demo has no account under the catch-all scorecard");

    await page.getByRole("navigation").getByRole("link", { name: ja.nav.healthLab }).click();
    await page.getByRole("heading", { name: lab.title, exact: true }).waitFor();
    // The period defaults to about six months up to 31 days ago.
    await page.getByTestId("observation-days").waitFor();

    // Backtest Michi's default scorecard.
    await choose(page, lab.pick.first, like(lab.pick.defaultLabel));
    await page.getByRole("button", { name: lab.run, exact: true }).click();
    const results = page.getByRole("region", { name: lab.results });
    const auc = results.getByTestId("auc-text").first();
    await auc.waitFor(SLOW);
    expect(await auc.textContent()).toMatch(/^AUC 0\.\d\d（95%の範囲: 0\.\d\d〜(0|1)\.\d\d）/);
    const bands = results.getByRole("table", { name: lab.bands.title });
    expect(await bands.getByRole("row").count()).toBe(5);
    await results.getByRole("img", { name: lab.bands.chartLabel }).waitFor();
    await results.getByRole("img", { name: like(lab.roc.chartLabel) }).waitFor();
    expect(await results.getByText(like(lab.counts)).count()).toBe(1);
    await screenshot(page, "health-lab-backtest-ja");

    // Fit a scorecard to past churn: proven on later days, each measure explained.
    await page.getByRole("button", { name: lab.fit.button }).click();
    const proposal = page.getByRole("region", { name: lab.fit.title });
    await proposal.waitFor(SLOW);
    expect(await proposal.getByTestId("fit-periods").textContent()).toMatch(like(lab.fit.periods));
    const explanations = proposal.getByTestId("measure-explanation");
    expect(await explanations.count()).toBeGreaterThan(0);
    // Explained in Japanese.
    expect(await explanations.first().textContent()).toMatch(/[ぁ-んァ-ン一-龥]/);
    await screenshot(page, "health-lab-fit-ja");

    // Compare it with the scorecard most accounts are scored by today.
    await proposal.getByRole("button", { name: lab.fit.compare }).click();
    const fittedColumn = results.getByRole("region", { name: like(lab.pick.fittedLabel) });
    await fittedColumn.getByTestId("auc-text").waitFor(SLOW);
    // Each column answers when its own backtest is done, in either order.
    await expect
      .poll(() => results.getByTestId("auc-text").count(), { timeout: SLOW.timeout })
      .toBe(2);
    await screenshot(page, "health-lab-compare-ja");

    // Accept: the dialog says what is replaced and that rescoring follows.
    await proposal.getByRole("button", { name: lab.fit.accept, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: lab.fit.acceptTitle });
    await dialog.getByText(like(lab.fit.acceptRescore)).waitFor();
    await dialog.getByRole("button", { name: lab.fit.acceptConfirm, exact: true }).click();
    await proposal.getByText(lab.fit.acceptedTitle).waitFor(SLOW);

    // The account is rescored by the fitted scorecard within seconds: ask until it is.
    await expect
      .poll(
        async () => {
          const res = await page.request.get(`/api/v1/accounts/${account.id}/health`);
          return ((await res.json()) as Health).scorecard?.key;
        },
        { timeout: SLOW.timeout, interval: 1_000 },
      )
      .toBe("fitted");
    await proposal.getByRole("link", { name: lab.fit.toAccounts }).click();
    await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
    await page.goto(`/accounts/${account.id}?tab=health`);
    await page
      .getByText(ja.health.scorecard.replace("{{name}}", "過去の解約から学習したヘルススコア"))
      .waitFor({ timeout: 30_000 });
    await screenshot(page, "health-lab-account-rescored-ja");
  } finally {
    const restored = await page.request.put("/api/v1/settings/scorecards", {
      data: { scorecards },
    });
    expect(restored.status()).toBe(200);
  }
}, 600_000);
