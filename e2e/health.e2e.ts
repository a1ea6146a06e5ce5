import type { Locator, Page } from "playwright-core";
import { expect, inject, it } from "vitest";
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

// Labels come from the locale files, so the test reads what a person reads.
const browser = useBrowser();
const l = ja.lifecycle;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);

const logIn = async (page: Page) => {
  await page.goto("/");
  await page.getByLabel(ja.auth.email).fill(ADMIN_EMAIL);
  await page.getByLabel(exact(ja.auth.password)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: ja.auth.submit }).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
};

/** The exit criteria of the phase card, one item per criterion (comparisons nest inside). */
const criterion = (page: Page, name: string): Locator =>
  page.getByRole("list", { name: l.exitCriteria }).locator(":scope > li").filter({ hasText: name });

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a product sends through Segment: who the users are, their company, what they did. */
const segmentBatch = (externalId: string) => {
  const users = ["u-1", "u-2", "u-3", "u-4"].map((id) => `${externalId}-${id}`);
  const now = Date.now();
  const events = ["document_created", "report_exported", "comment_added"];
  return {
    batch: [
      ...users.map((userId) => ({
        type: "identify",
        userId,
        traits: { email: `${userId}@example.jp` },
        messageId: crypto.randomUUID(),
      })),
      ...users.map((userId) => ({
        type: "group",
        userId,
        groupId: externalId,
        traits: { name: "E2E 健康株式会社" },
        messageId: crypto.randomUUID(),
      })),
      // Six days of use in the last week, every user, several features.
      ...[0, 1, 2, 3, 4, 5].flatMap((daysAgo) =>
        users.flatMap((userId) =>
          events.map((event) => ({
            type: "track",
            userId,
            event,
            properties: {},
            messageId: crypto.randomUUID(),
            timestamp: new Date(now - daysAgo * DAY_MS - 60_000).toISOString(),
          })),
        ),
      ),
    ],
  };
};

it("events through the API change the account's health and phase, with the reasons shown", async () => {
  const page = await browser.newPage();
  await logIn(page);
  const stamp = Date.now();
  const keyRes = await page.request.post("/api/v1/api-keys", { data: { name: `e2e-${stamp}` } });
  expect(keyRes.status()).toBe(201);
  const { key } = (await keyRes.json()) as { key: string };
  const externalId = `e2e-health-${stamp}`;
  const created = await page.request.post("/api/v1/accounts", {
    data: { name: `E2E 健康株式会社 ${stamp}`, externalId },
  });
  expect(created.status()).toBe(201);
  const account = (await created.json()) as { id: string };

  // Before: no usage yet; the account is in the first phase.
  await page.goto(`/accounts/${account.id}?tab=health`);
  const phase = page.getByTestId("current-phase");
  await expect.poll(() => phase.textContent()).toBe("提案");
  const score = page.getByTestId("health-score");
  // No score yet reads "insufficient data" (never 0): counted as 0 for the comparison.
  const scoreNumber = async () => {
    const text = await score.textContent();
    return text === ja.health.insufficientData ? 0 : Number(text);
  };
  const scoreBefore = await scoreNumber();

  // The CSM moves it to onboarding by hand; its exit criteria are not met yet.
  await page.getByRole("button", { name: l.moveTo }).click();
  await page.getByRole("menuitem", { name: "導入" }).click();
  await page.getByRole("dialog").getByRole("button", { name: l.moveConfirmButton }).click();
  await expect.poll(() => phase.textContent()).toBe("導入");
  const usersStarted = criterion(page, "3人以上が使い始めた");
  const usedRegularly = criterion(page, "30日間で5日以上の利用");
  await expect.poll(() => usersStarted.getAttribute("data-holds")).toBe("false");
  expect(await usedRegularly.getAttribute("data-holds")).toBe("false");
  // The rule in words, not the metric key.
  expect(await usersStarted.textContent()).toContain("30日間のアクティブユーザー数 ≥ 3");
  await screenshot(page, "health-before-ja");

  // The product sends Segment calls with the workspace's write key.
  const baseURL = inject("baseURL");
  const sent = await fetch(`${baseURL}/api/v1/batch`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}`,
    },
    body: JSON.stringify(segmentBatch(externalId)),
  });
  expect(sent.status).toBe(200);
  const recomputed = await page.request.post("/api/v1/health/recompute?wait=true");
  expect(recomputed.status()).toBe(200);

  // After: a score with a band, and why — the key action's contribution (the demo vendor
  // names documents created as its key event: 4 people × 6 days).
  await page.reload();
  await expect.poll(() => phase.textContent()).toBe("導入");
  await expect.poll(scoreNumber).toBeGreaterThan(scoreBefore);
  await page.getByText(fill(ja.health.scorecard, { name: "標準ヘルススコア" })).waitFor();
  expect(await page.getByText(ja.health.insufficientData).count()).toBe(0);
  const reasons = page.getByRole("table").filter({ hasText: ja.health.contributionsCaption });
  const keyAction = reasons.getByRole("row").filter({ hasText: "主要機能の利用回数(30日)" });
  expect(await keyAction.getByRole("cell").nth(1).textContent()).toBe("24");
  expect(Number(await keyAction.getByRole("cell").nth(5).textContent())).toBeGreaterThan(0);

  // Both exit criteria hold now, and moving on is proposed to the CSM.
  expect(await usersStarted.getAttribute("data-holds")).toBe("true");
  expect(await usersStarted.textContent()).toContain(fill(l.actual, { value: "4" }));
  expect(await usedRegularly.getAttribute("data-holds")).toBe("true");
  const banner = page.getByRole("status").filter({
    hasText: fill(l.proposalTitle, { name: "ランニング" }),
  });
  await banner.waitFor();
  await screenshot(page, "health-after-ja");

  await banner.getByRole("button", { name: l.accept }).click();
  await expect.poll(() => phase.textContent()).toBe("ランニング");
  expect(await banner.count()).toBe(0);
  expect(await page.getByText(l.decidedBy["proposal-accepted"]).count()).toBe(1);

  // The CSM rates internal promotion with a comment; it shows as the latest rating.
  await page
    .getByRole("button", { name: fill(ja.ratings.rateMeasure, { name: "社内推進度" }) })
    .click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: ja.ratings.save }).click();
  await dialog.getByText(ja.ratings.ratingRequired).waitFor();
  await dialog.getByRole("radio", { name: "4 — 全社的に推進されている" }).check();
  await dialog.getByLabel(ja.ratings.comment).fill("情シス部長が全社展開を主導している");
  await dialog.getByRole("button", { name: ja.ratings.save }).click();
  await dialog.waitFor({ state: "detached" });
  await page.getByText("情シス部長が全社展開を主導している").first().waitFor();
  // The rating counts in the score at once: it is among the reasons with its value.
  const promotion = reasons.getByRole("row").filter({ hasText: "社内推進度" });
  await expect.poll(() => promotion.getByRole("cell").nth(1).textContent()).toBe("4 / 5");
  // "Why did it change?" over the last 30 days names the rating and the usage.
  const why = page.getByRole("table").filter({ hasText: ja.healthChange.caption });
  await why.getByRole("row").filter({ hasText: "社内推進度" }).waitFor();
  expect(await why.getByRole("row").filter({ hasText: "主要機能の利用回数(30日)" }).count()).toBe(
    1,
  );
  await screenshot(page, "health-rated-ja");
});
