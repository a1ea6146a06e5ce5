import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

const browser = useBrowser();
const p = ja.plans;
const ENTERPRISE = "成果支援計画（エンタープライズ・6か月）";

const logIn = async (page: Page) => {
  await page.goto("/");
  await page.getByLabel(ja.auth.email).fill(ADMIN_EMAIL);
  await page.getByLabel(new RegExp(`^${ja.auth.password}`)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: ja.auth.submit }).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
};

type PlanRead = {
  document: {
    period?: { start?: string; end?: string };
    purpose?: unknown;
    team?: { name: string; side: string; role: string }[];
    pufu: { factors?: Record<string, unknown> };
  };
};

/** What the map shows at its opening zoom: node text sizes on screen, overlaps, what is in view. */
const measureMap = (page: Page) =>
  page.evaluate(() => {
    const pane = document.querySelector(".react-flow") as HTMLElement;
    const viewport = document.querySelector(".react-flow__viewport") as HTMLElement;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const nodes = [...document.querySelectorAll<HTMLElement>(".react-flow__node")];
    const texts = nodes.flatMap((node) =>
      [...node.querySelectorAll<HTMLElement>("p, span")].filter((el) => el.textContent?.trim()),
    );
    const smallest = Math.min(...texts.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    const rects = nodes.map((node) => node.getBoundingClientRect());
    let overlaps = 0;
    rects.forEach((a, i) => {
      for (const b of rects.slice(i + 1)) {
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          overlaps++;
      }
    });
    const box = pane.getBoundingClientRect();
    const factors = document
      .querySelector<HTMLElement>('.react-flow__node[data-id="_factors"]')
      ?.getBoundingClientRect();
    return {
      zoom,
      smallestOnScreen: smallest * zoom,
      overlaps,
      factorsInView:
        !!factors &&
        factors.top >= box.top &&
        factors.top + 40 <= box.bottom &&
        factors.left >= box.left - 1,
    };
  });

it("creates a plan from a template with a period and a team, guidance left as placeholders", async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page);
  const me = (await (await page.request.get("/api/v1/me")).json()) as { user: { id: string } };
  const stamp = Date.now();
  const created = await page.request.post("/api/v1/accounts", {
    data: { name: `E2E 北浜精工株式会社 ${stamp}`, ownerUserId: me.user.id },
  });
  expect(created.status()).toBe(201);
  const account = (await created.json()) as { id: string };
  for (const contact of [
    { name: "山田 太郎", title: "DX推進課長", email: `yamada-${stamp}@kitahama.example` },
    { name: "高橋 一郎", title: "部長", email: `takahashi-${stamp}@kitahama.example` },
  ]) {
    const res = await page.request.post(`/api/v1/accounts/${account.id}/contacts`, {
      data: contact,
    });
    expect(res.status()).toBe(201);
  }

  await page.goto(`/accounts/${account.id}`);
  await page.getByRole("tab", { name: ja.account.successPlan }).click();
  await page.getByRole("button", { name: p.new }).first().click();
  const dialog = page.getByRole("dialog");
  // Typed as a Japanese user would; Tab leaves the field, which closes its calendar.
  await dialog.getByLabel(p.periodStart).fill("2027/01/04");
  await dialog.getByLabel(p.periodStart).press("Tab");
  await dialog.getByLabel(p.periodEnd).fill("2027/07/03");
  await dialog.getByLabel(p.periodEnd).press("Tab");
  await dialog.getByText(new RegExp(`^${ENTERPRISE}`)).click();
  const role = async (name: string, option: string) => {
    const label = p.create.contactRole.replace("{{name}}", name);
    await dialog.locator(`input[aria-label="${label}"]:not([type=hidden])`).click();
    await page.getByRole("option", { name: option, exact: true }).click();
  };
  await role("山田 太郎", p.role.promoter);
  await role("高橋 一郎", p.role.evaluator);
  await dialog.getByText(/^自社側（CSM）: /).waitFor();
  await dialog.getByRole("button", { name: ja.common.create }).click();
  await page.getByRole("region", { name: p.pufu.mapLabel }).waitFor();
  const planId = page.url().match(/plans\/([0-9a-f-]{36})/)?.[1];
  expect(planId).toBeTruthy();

  // The period in the header, in Japanese dates.
  await page.getByText("2027/01/04 – 2027/07/03").waitFor();

  // The map at 1440×900: readable at the zoom it opens with, nothing on top of another.
  await page.locator(".react-flow__node").first().waitFor();
  // The opening viewport is set once the canvas has its size: wait for it to move off the origin.
  await page.waitForFunction(() => {
    const viewport = document.querySelector(".react-flow__viewport");
    return !!viewport && new DOMMatrixReadOnly(getComputedStyle(viewport).transform).e !== 0;
  });
  const map = await measureMap(page);
  await screenshot(page, "plan-from-template-pufu-1440x900-ja");
  expect(map.smallestOnScreen).toBeGreaterThanOrEqual(12);
  expect(map.overlaps).toBe(0);
  expect(map.factorsInView).toBe(true);

  // Stored: the period, the team in its roles, and no guidance as content.
  const plan = (await (await page.request.get(`/api/v1/plans/${planId}`)).json()) as PlanRead;
  expect(plan.document.period).toEqual({ start: "2027-01-04", end: "2027-07-03" });
  const team = (plan.document.team ?? []).map((m) => [m.side, m.role, m.name]);
  expect(team).toContainEqual(["customer", "promoter", "山田 太郎"]);
  expect(team).toContainEqual(["customer", "evaluator", "高橋 一郎"]);
  expect(team.filter(([side, role]) => side === "vendor" && role === "csm")).toHaveLength(1);
  expect(team.map(([, , name]) => name)).not.toContain("担当CSM");
  expect(plan.document.purpose).toBeUndefined();
  const factors = plan.document.pufu.factors ?? {};
  expect(Object.values(factors).every((v) => typeof v === "number")).toBe(true);

  // The team on the purpose tab; the guidance is the empty field's placeholder.
  await page.getByRole("tab", { name: p.tabs.purpose }).click();
  await page.getByText("山田 太郎").first().waitFor();
  const issue = page.getByRole("textbox", { name: new RegExp(p.fields.purpose_businessIssue) });
  expect(await issue.inputValue()).toBe("");
  expect(await issue.getAttribute("placeholder")).toBe(p.guidance.businessIssue);
});
