import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import en from "../apps/web/src/locales/en.json" with { type: "json" };
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

const browser = useBrowser();
const p = ja.plans;
const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);

const logIn = async (page: Page) => {
  await page.goto("/");
  await page.getByLabel(ja.auth.email).fill(ADMIN_EMAIL);
  await page.getByLabel(exact(ja.auth.password)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: ja.auth.submit }).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
};

/** Adds an objective or a measure through the form beside the map, as a keyboard user would. */
const addElement = async (
  page: Page,
  kind: "objective" | "measure",
  fields: { title: string; desiredState?: string; objectives?: string[] },
) => {
  const add = kind === "objective" ? p.pufu.addObjective : p.pufu.addMeasure;
  await page.getByRole("button", { name: add }).first().click();
  const form = page.getByRole("region", {
    name: kind === "objective" ? p.pufu.newObjective : p.pufu.newMeasure,
  });
  const titleLabel = kind === "objective" ? p.pufu.objectiveTitle : p.pufu.measureTitle;
  await form.getByLabel(titleLabel, { exact: true }).fill(fields.title);
  if (fields.desiredState) await form.getByLabel(p.pufu.desiredState).fill(fields.desiredState);
  for (const objective of fields.objectives ?? []) {
    await form.getByLabel(p.pufu.measureObjectives).click();
    await page.getByRole("option", { name: objective }).click();
  }
  await form.getByRole("button", { name: ja.common.add, exact: true }).click();
  await form.waitFor({ state: "detached" });
};

const outline = (page: Page) => page.getByRole("navigation", { name: p.pufu.outline });
const unlinkedMessage = (title: string) => `施策「${title}」がどの中間目的にも結びついていません`;

it("builds a プ譜 by clicks, checks it, measures a KPI, closes a stage and exports it", async () => {
  const page = await browser.newPage();
  await logIn(page);
  const stamp = Date.now();
  const created = await page.request.post("/api/v1/accounts", {
    data: { name: `E2E 物流株式会社 ${stamp}`, externalId: `e2e-plan-${stamp}` },
  });
  expect(created.status()).toBe(201);
  const account = (await created.json()) as { id: string };

  // A new, empty plan from the account's Success plan tab.
  await page.goto(`/accounts/${account.id}`);
  await page.getByRole("tab", { name: ja.account.successPlan }).click();
  await page.getByRole("button", { name: p.new }).first().click();
  await page.getByRole("dialog").getByRole("button", { name: ja.common.create }).click();
  await page.getByRole("region", { name: p.pufu.mapLabel }).waitFor();
  const planId = page.url().match(/plans\/([0-9a-f-]{36})/)?.[1];
  expect(planId).toBeTruthy();

  // Goal and win condition.
  await outline(page)
    .getByRole("button", { name: new RegExp(p.pufu.goal) })
    .first()
    .click();
  await page.getByLabel(p.pufu.goal, { exact: true }).fill("全拠点で待機時間を半減する");
  await page.getByLabel(p.pufu.winCondition, { exact: true }).fill("平均待機時間が45分以下");
  await page.getByRole("button", { name: p.pufu.saveGoal }).click();

  // Two objectives, three measures; the third is left unlinked.
  await addElement(page, "objective", {
    title: "運送会社が予約する",
    desiredState: "8割が事前予約",
  });
  await addElement(page, "objective", { title: "荷役が予約に沿って動く" });
  await addElement(page, "measure", { title: "説明会を開く", objectives: ["運送会社が予約する"] });
  await addElement(page, "measure", {
    title: "予約枠を設定する",
    objectives: ["運送会社が予約する", "荷役が予約に沿って動く"],
  });
  await addElement(page, "measure", { title: "割当表を出力する" });

  const finding = outline(page).getByLabel(new RegExp(unlinkedMessage("割当表を出力する")));
  await finding.waitFor();
  await page
    .getByRole("button", { name: /割当表を出力する/ })
    .first()
    .waitFor();
  await screenshot(page, "plan-map-finding-ja");

  // Link it through the form: the finding goes.
  await outline(page)
    .getByRole("button", { name: /割当表を出力する/ })
    .click();
  const edit = page.getByRole("region", { name: p.pufu.editMeasure });
  await edit.getByLabel(p.pufu.measureObjectives).click();
  await page.getByRole("option", { name: "荷役が予約に沿って動く" }).click();
  await edit.getByRole("button", { name: p.pufu.saveMeasure }).click();
  await finding.waitFor({ state: "detached" });
  const checks = await page.request.get(`/api/v1/plans/${planId}/checks`);
  const codes = ((await checks.json()) as { findings: { code: string }[] }).findings.map(
    (f) => f.code,
  );
  expect(codes).not.toContain("measure-without-objective");
  await screenshot(page, "plan-map-ja");

  // The same map in English.
  await page
    .getByRole("radiogroup", { name: ja.language.label })
    .getByText(en.language.en, { exact: true })
    .click();
  await page.getByRole("region", { name: en.plans.pufu.mapLabel }).waitFor();
  await screenshot(page, "plan-map-en");
  await page
    .getByRole("radiogroup", { name: en.language.label })
    .getByText(ja.language.ja, { exact: true })
    .click();
  await page.getByRole("region", { name: p.pufu.mapLabel }).waitFor();

  // A KPI with a measurement: the chart moves and progress shows.
  await page.getByRole("tab", { name: p.tabs.kpis }).click();
  await page.getByRole("button", { name: p.kpis.add }).first().click();
  const kpiForm = page.getByRole("dialog");
  await kpiForm.getByLabel(exact(p.kpis.name)).fill("事前予約率");
  await kpiForm.getByLabel(exact(p.kpis.baseline)).fill("20");
  await kpiForm.getByLabel(exact(p.kpis.target)).fill("80");
  await kpiForm.getByRole("button", { name: p.kpis.add }).click();
  await kpiForm.waitFor({ state: "detached" });
  const chart = page.getByRole("img", { name: /事前予約率/ }).first();
  await chart.waitFor();
  const before = await chart.screenshot();
  const measurement = page.getByRole("form", { name: p.kpis.addMeasurement });
  await measurement.getByLabel(exact(p.kpis.measurementDate)).fill("2026-11-20");
  await measurement.getByLabel(exact(p.kpis.measurementValue)).fill("50");
  await measurement.getByRole("button", { name: p.kpis.addMeasurement }).click();
  await page
    .getByText(/50\s?%/)
    .first()
    .waitFor();
  await expect.poll(async () => (await chart.screenshot()).equals(before)).toBe(false);
  await screenshot(page, "plan-kpi-ja");

  // Close the first stage with a retrospective.
  await page.getByRole("tab", { name: p.tabs.stages }).click();
  await page.getByRole("button", { name: p.stages.close }).click();
  await page.getByLabel(exact(p.stages.summary)).fill("説明会は好評。割当表は未着手。");
  await page
    .getByRole("button", {
      name: p.stages.closeSubmit.replace("{{stage}}", "1").replace("{{next}}", "2"),
    })
    .click();
  await page.getByText(p.stages.current.replace("{{number}}", "2")).waitFor();
  const stages = await page.request.get(`/api/v1/plans/${planId}/stages`);
  expect(((await stages.json()) as { data: unknown[] }).data).toHaveLength(1);

  // PowerPoint from the report dialog: a real .pptx (a zip with the first slide).
  await page.getByRole("button", { name: p.exportPptx }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("dialog", { name: p.report.title })
      .getByRole("link", { name: p.report.downloadPptx })
      .click(),
  ]);
  const pptxPath = path.join(import.meta.dirname, "../test-results/plan.pptx");
  await download.saveAs(pptxPath);
  const pptx = await import("node:fs").then((fs) => fs.readFileSync(pptxPath));
  expect(pptx.subarray(0, 2).toString()).toBe("PK");
  expect(pptx.includes("ppt/slides/slide1.xml")).toBe(true);

  // Print view to PDF: the report's A4 landscape sheets, the map and the KPIs among them.
  await page.goto(`/plans/${planId}/print?lang=ja`);
  await page.getByText("運送会社が予約する").first().waitFor();
  await page.getByText("事前予約率").first().waitFor();
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", landscape: true, printBackground: true });
  writeFileSync(path.join(import.meta.dirname, "../test-results/plan.pdf"), pdf);
  expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
  expect(pdf.length).toBeGreaterThan(20_000);
  await screenshot(page, "plan-print-ja");
});
