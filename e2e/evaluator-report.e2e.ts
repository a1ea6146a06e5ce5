import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import en from "../apps/web/src/locales/en.json" with { type: "json" };
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import example from "../packages/core/src/success-plan/fixtures/plan-example.json" with {
  type: "json",
};
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

const browser = useBrowser();
const run = promisify(execFile);
const resultsDir = path.resolve(import.meta.dirname, "../test-results");
const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);

const logIn = async (page: Page) => {
  await page.goto("/");
  await page.getByLabel(ja.auth.email).fill(ADMIN_EMAIL);
  await page.getByLabel(exact(ja.auth.password)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: ja.auth.submit }).click();
  await page.getByRole("heading", { name: ja.accounts.title, exact: true }).waitFor();
};

const slideCount = async (bytes: Uint8Array) =>
  Object.keys((await JSZip.loadAsync(bytes)).files).filter((n) =>
    /^ppt\/slides\/slide\d+\.xml$/.test(n),
  ).length;

const hasCommand = async (command: string) =>
  run("sh", ["-c", `command -v ${command}`]).then(
    () => true,
    () => false,
  );

/**
 * Each slide of a deck as a PNG in test-results, drawn by LibreOffice (the
 * deck → PDF → one PNG a page), so a person can look at what an evaluator
 * would be handed. The page count is the slide count: no slide spills over.
 */
const renderSlides = async (file: string, name: string) => {
  const work = mkdtempSync(path.join(tmpdir(), "michi-deck-"));
  try {
    // A profile of its own: another LibreOffice running on the machine is not disturbed.
    await run(
      "soffice",
      [
        `-env:UserInstallation=file://${work}/profile`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        work,
        file,
      ],
      { timeout: 120_000 },
    );
    const pdf = path.join(work, `${path.basename(file, ".pptx")}.pdf`);
    await run("pdftoppm", ["-r", "80", "-png", pdf, path.join(resultsDir, name)]);
    const { stdout } = await run("pdfinfo", [pdf]);
    return Number(stdout.match(/Pages:\s+(\d+)/)?.[1]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

it("exports the evaluator report chosen in the dialog, renders every slide, and prints the same pages", async () => {
  const page = await browser.newPage();
  await logIn(page);
  mkdirSync(resultsDir, { recursive: true });
  for (const old of readdirSync(resultsDir).filter((f) => f.startsWith("evaluator-report-"))) {
    rmSync(path.join(resultsDir, old));
  }

  // The seed's plan, with its first stage closed at a retrospective.
  const stamp = Date.now();
  const account = await page.request.post("/api/v1/accounts", {
    data: { name: example.account.name, externalId: `e2e-report-${stamp}` },
  });
  expect(account.status()).toBe(201);
  const accountId = ((await account.json()) as { id: string }).id;
  const imported = await page.request.post("/api/v1/plans/import", {
    data: { document: example, accountId },
  });
  expect(imported.status()).toBe(201);
  const planId = ((await imported.json()) as { id: string }).id;
  const closed = await page.request.post(`/api/v1/plans/${planId}/stages`, {
    data: {
      retrospective: {
        summary: "説明会は好評で、主要10社のうち8社が予約を始めた。割当表は未着手。",
        objectives: [
          {
            key: "o1",
            direction: "closer",
            held: "説明会に8社が参加",
            changesNext: "残り2社を個別に訪問する",
          },
          { key: "o2", direction: "unchanged", didNotHold: "割当表の出力が未着手" },
          { key: "o3", direction: "further", didNotHold: "本部長への週次報告が2回飛んだ" },
        ],
      },
    },
  });
  expect(closed.status()).toBe(201);

  // The dialog: English, without the project team; the download is that deck.
  await page.goto(`/accounts/${accountId}/plans/${planId}`);
  await page.getByRole("button", { name: ja.plans.exportPptx }).click();
  const dialog = page.getByRole("dialog", { name: ja.plans.report.title });
  await dialog.getByText(ja.language.en, { exact: true }).click();
  await dialog.getByRole("checkbox", { name: ja.plans.report.section.team }).uncheck();
  await screenshot(page, "evaluator-report-dialog-ja");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("link", { name: ja.plans.report.downloadPptx }).click(),
  ]);
  const chosenPath = path.join(resultsDir, "evaluator-report-chosen-en.pptx");
  await download.saveAs(chosenPath);
  const chosen = await JSZip.loadAsync(
    await import("node:fs").then((fs) => fs.readFileSync(chosenPath)),
  );
  const slide1 = await chosen.file("ppt/slides/slide1.xml")!.async("string");
  expect(slide1).toContain("Report to the evaluators");
  expect(slide1).toContain('lang="en-US"');
  expect(slide1).not.toContain('lang="ja-JP"');
  expect(await chosen.file("ppt/slides/slide3.xml")!.async("string")).toContain(
    en.plans.report.section.pufu,
  );
  expect(
    Object.keys(chosen.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)),
  ).toHaveLength(2);

  // Every section, in both languages: rendered through LibreOffice when it is installed.
  const canRender = (await hasCommand("soffice")) && (await hasCommand("pdftoppm"));
  if (!canRender) {
    console.warn(
      "LibreOffice (soffice) or poppler (pdftoppm) is not installed: the deck's slides are not rendered to PNG. " +
        "apt-get install -y libreoffice-impress poppler-utils",
    );
  }
  for (const lang of ["ja", "en"] as const) {
    const res = await page.request.get(`/api/v1/plans/${planId}/export.pptx?lang=${lang}`);
    expect(res.status()).toBe(200);
    const bytes = new Uint8Array(await res.body());
    const file = path.join(resultsDir, `evaluator-report-${lang}.pptx`);
    writeFileSync(file, bytes);
    const slides = await slideCount(bytes);
    expect(slides).toBe(9);
    if (canRender) expect(await renderSlides(file, `evaluator-report-${lang}`)).toBe(slides);

    // The print view: the same slides as A4 sheets, in the same language.
    await page.goto(`/plans/${planId}/print?lang=${lang}`);
    const sheets = page.locator(`section[lang="${lang === "ja" ? "ja-JP" : "en-US"}"]`);
    await sheets.nth(slides - 1).waitFor();
    expect(await sheets.count()).toBe(slides);
    const labels = lang === "ja" ? ja : en;
    await page.getByRole("region", { name: labels.plans.report.section.kpis }).waitFor();
    await page
      .getByRole("img", { name: /事前予約率/ })
      .first()
      .waitFor();
    await screenshot(page, `evaluator-report-print-${lang}`);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", landscape: true, printBackground: true });
    writeFileSync(path.join(resultsDir, `evaluator-report-print-${lang}.pdf`), pdf);
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    await page.emulateMedia({ media: "screen" });
  }

  // Fewer sections in the print view: its chips choose them, as the dialog does.
  await page.goto(`/plans/${planId}/print?lang=ja&sections=cover,risks`);
  await page.getByRole("region", { name: ja.plans.report.section.risks }).waitFor();
  expect(await page.locator('section[lang="ja-JP"]').count()).toBe(2);
});
