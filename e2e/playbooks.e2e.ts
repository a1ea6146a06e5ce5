import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

/*
 * Issue 17's path through the product: a playbook made from the "health
 * turns red" template in the UI; an account driven red by its usage (one
 * login among 50 seats) and a recompute; the playbook's task in the work
 * queue; completed there with a note; the note, the task and the run on the
 * account's timeline.
 */

const browser = useBrowser();
const RED_TEMPLATE_NAME = "ヘルス赤(ハイタッチ)";

const logIn = async (page: Page) => {
  await page.goto("/");
  await page.getByLabel(ja.auth.email).fill(ADMIN_EMAIL);
  await page.getByLabel(new RegExp(`^${ja.auth.password}`)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: ja.auth.submit }).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
};

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? "");

it("a playbook from the red-health template makes a task that is done from the work queue", async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page);

  // The playbook, made in the UI from the template gallery.
  await page.goto("/playbooks");
  await page.getByRole("heading", { name: ja.playbooks.title, exact: true }).waitFor();
  await page.getByRole("button", { name: ja.playbooks.new }).click();
  await page
    .getByRole("button", { name: fill(ja.playbooks.gallery.useNamed, { name: RED_TEMPLATE_NAME }) })
    .click();
  await page.getByText(ja.playbooks.gallery.created).waitFor();
  await page.waitForURL(/\/playbooks\/[0-9a-f-]{36}/);
  await screenshot(page, "playbook-from-template");

  // An account of ¥1.2M MRR (high touch by the demo's touch-model rules) the admin owns, with
  // 50 seats and one login: red on the standard scorecard.
  const me = (await (await page.request.get("/api/v1/me")).json()) as { user: { id: string } };
  const stamp = Date.now();
  const name = `E2E 赤羽製作所 ${stamp}`;
  const externalId = `e2e-red-${stamp}`;
  const account = await page.request.post("/api/v1/accounts", {
    data: { name, externalId, ownerUserId: me.user.id },
  });
  expect(account.status()).toBe(201);
  const accountId = ((await account.json()) as { id: string }).id;
  const contract = await page.request.post(`/api/v1/accounts/${accountId}/contracts`, {
    data: {
      product: "core",
      mrrMinor: 1_200_000,
      currency: "JPY",
      startDate: "2026-01-01",
      endDate: "2027-12-31",
      seats: 50,
    },
  });
  expect(contract.status()).toBe(201);
  const key = await page.request.post("/api/v1/api-keys", { data: { name: `e2e ${stamp}` } });
  expect(key.status()).toBe(201);
  const writeKey = ((await key.json()) as { key: string }).key;
  const sent = await page.request.post("/api/v1/batch", {
    headers: { authorization: `Bearer ${writeKey}` },
    data: {
      batch: [
        { type: "group", userId: `u-${stamp}`, groupId: externalId, messageId: `g-${stamp}` },
        {
          type: "track",
          userId: `u-${stamp}`,
          event: "login",
          messageId: `t-${stamp}`,
          timestamp: new Date().toISOString(),
        },
      ],
    },
  });
  expect(sent.status()).toBe(200);
  // The dirty-account job folds the events in; a recompute now makes it certain.
  await expect
    .poll(
      async () => {
        await page.request.post("/api/v1/health/recompute?wait=true");
        const health = await page.request.get(`/api/v1/accounts/${accountId}/health`);
        return ((await health.json()) as { band: string | null }).band;
      },
      { timeout: 90_000, interval: 3_000 },
    )
    .toBe("red");

  // The playbook's task reaches the admin's work queue (its jobs run every few seconds).
  const title = `${name}: ヘルスが赤になりました。推進者に電話して状況を聞く`;
  await page.goto("/my-tasks");
  await page.getByRole("heading", { name: ja.workQueue.title }).waitFor();
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByRole("heading", { name: ja.workQueue.title }).waitFor();
        return page.getByText(title, { exact: true }).count();
      },
      { timeout: 120_000, interval: 3_000 },
    )
    .toBeGreaterThan(0);
  await screenshot(page, "work-queue-playbook-task");

  // Completed with a note.
  await page.getByRole("button", { name: fill(ja.workQueue.completeLabel, { title }) }).click();
  const dialog = page.getByRole("dialog", { name: ja.workQueue.completeTitle });
  await dialog.getByRole("combobox", { name: ja.workQueue.resultCode }).click();
  await page.getByRole("option", { name: ja.workQueue.resultCodes.contacted }).click();
  const note = `推進者の山田様に電話。現場の入力が止まっていたため、来週訪問して再説明する。(${stamp})`;
  await dialog.getByLabel(ja.workQueue.note).fill(note);
  await dialog.getByRole("button", { name: ja.workQueue.complete }).click();
  await page.getByText(ja.workQueue.completed).waitFor();

  // The account's timeline tells the story: the band change, the run, the task, the note.
  await page.goto(`/accounts/${accountId}`);
  await page.getByRole("tab", { name: ja.account.timeline }).click();
  await page.getByText(note).waitFor();
  await page.getByText(fill(ja.timeline.summary.taskCreated, { title })).waitFor();
  await page.getByText(ja.timeline.summary.noteByPlaybook).waitFor();
  await page
    .getByText(fill(ja.timeline.summary.run.waiting, { name: RED_TEMPLATE_NAME }))
    .first()
    .waitFor();
  await screenshot(page, "account-timeline");
  await page.close();
});
