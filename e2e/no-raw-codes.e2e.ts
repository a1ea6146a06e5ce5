import {
  contractStatuses,
  defaultChurnReasons,
  defaultPhases,
  defaultScorecard,
  healthBands,
  kpiDirections,
  kpiKinds,
  measureStatuses,
  meetingAudiences,
  metricNames,
  type PlanDocument,
  phaseModes,
  planCheckCodes,
  planRoles,
  planSides,
  planStatuses,
  playbookRunStatuses,
  roadmapItemStatuses,
  taskResultCodes,
  taskStatuses,
  timelineKinds,
  touchModels,
  workspaceRoles,
} from "@michi/core";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { industries, segments } from "../apps/server/src/seed/demo-names";
import { demoUsageLabels } from "../apps/server/src/seed/demo-usage-labels";
import en from "../apps/web/src/locales/en.json" with { type: "json" };
import ja from "../apps/web/src/locales/ja.json" with { type: "json" };
import { ADMIN_EMAIL, ADMIN_PASSWORD, screenshot, useBrowser } from "./fixtures";

/*
 * The Japanese UI shows words, never a code: no enum value (inProgress,
 * enterprise, goal-missing), no element key (o1), no date in ISO or US form
 * (date inputs included: they used to follow the browser's locale). The test
 * opens the main pages of the demo in Japanese on an English browser and
 * reads what a person sees: the page's text and the text in its inputs.
 */

const browser = useBrowser();

/**
 * Codes the scan still lets through, each because someone is fixing it
 * elsewhere: an entry names the code, the pages it may appear on, and the
 * work that removes it; delete the entry when that work lands, and the scan
 * tightens. Empty now: what it held while this test was written (check codes
 * and ISO dates in plan findings; industry and segment codes on the account
 * screens and in the scorecard and touch-model editors) has been fixed.
 */
const allowlist: { code: string; page: RegExp; why: string }[] = [];

/** The values a person must never read as they are. */
const enumCodes = (): Map<string, string> => {
  const codes = new Map<string, string>();
  const add = (kind: string, values: readonly string[]) => {
    for (const value of values) codes.set(value, kind);
  };
  add("plan status", planStatuses);
  add("plan side", planSides);
  add("plan role", planRoles);
  add("measure status", measureStatuses);
  add("roadmap item status", roadmapItemStatuses);
  add("task status", taskStatuses);
  add("KPI kind", kpiKinds);
  add("KPI direction", kpiDirections);
  add("meeting audience", meetingAudiences);
  add("health band", healthBands);
  add("touch model", touchModels);
  add("contract status", contractStatuses);
  add("workspace role", workspaceRoles);
  add("phase mode", phaseModes);
  add("metric", metricNames);
  add("playbook run status", playbookRunStatuses);
  add("task result", taskResultCodes);
  add("timeline kind", timelineKinds);
  add(
    "check code",
    planCheckCodes.map((check) => check.code),
  );
  add(
    "phase key",
    defaultPhases.map((phase) => phase.key),
  );
  add(
    "exit criterion key",
    defaultPhases.flatMap((phase) => phase.exitCriteria.map((criterion) => criterion.key)),
  );
  add(
    "scorecard measure key",
    defaultScorecard.measures.map((measure) => measure.key),
  );
  add(
    "churn reason",
    defaultChurnReasons.map((reason) => reason.key),
  );
  add("industry", industries);
  add("segment", segments);
  // The demo's event names and product keys: rules show the workspace's names for them.
  add("usage event", Object.keys(demoUsageLabels.events));
  add("product key", Object.keys(demoUsageLabels.products));
  return codes;
};

/** Every element key of a plan (o1, m2, k1, ms3 …). */
const elementKeys = (doc: PlanDocument) =>
  [
    ...(doc.team ?? []),
    ...(doc.pufu.objectives ?? []),
    ...(doc.pufu.measures ?? []),
    ...(doc.roadmap ?? []),
    ...(doc.kpis ?? []),
    ...(doc.milestones ?? []),
    ...(doc.tasks ?? []),
    ...(doc.meetingCadences ?? []),
    ...(doc.failurePatterns ?? []),
  ].map((element) => element.key);

/** Text that is Latin on purpose, taken out before the scan. */
const legitimate: RegExp[] = [
  // Addresses people type and read as they are.
  /[\w.+-]+@[\w.-]+/g,
  /https?:\/\/\S+/g,
  // The plan file format's name.
  /michi\.plan\/v1/g,
  // A history entry's version number ("· v3").
  /· v\d+/g,
];

/**
 * What a person reads on the page: its visible text and what its visible
 * inputs hold, but for an input of a key (labelled キー, 製品キー) or of a
 * picklist option's value (値), where the admin writes the code itself, and a
 * text's English field, where "Moved to a competitor" is English on purpose.
 */
const visibleText = (page: Page) =>
  page.evaluate(
    ({ keyLabel, valueLabel, englishField }) => {
      const labelOf = (element: HTMLInputElement | HTMLTextAreaElement) =>
        (element.getAttribute("aria-label") ?? element.labels?.[0]?.textContent ?? "")
          .replace(/\s*\*\s*$/, "")
          .trim();
      const inputs = [...document.querySelectorAll("input, textarea")]
        .filter(
          (element): element is HTMLInputElement | HTMLTextAreaElement =>
            // A radio's or checkbox's value is not shown: its label is.
            (element instanceof HTMLInputElement &&
              !["hidden", "radio", "checkbox"].includes(element.type)) ||
            element instanceof HTMLTextAreaElement,
        )
        .filter(
          (element) =>
            element.offsetParent !== null &&
            !labelOf(element).endsWith(keyLabel) &&
            labelOf(element) !== valueLabel &&
            !labelOf(element).endsWith(`: ${valueLabel}`) &&
            !labelOf(element).endsWith(englishField),
        )
        .flatMap((element) => [element.value, element.placeholder]);
      return [document.body.innerText, ...inputs].join("\n");
    },
    {
      keyLabel: ja.csSettings.key,
      valueLabel: ja.csSettings.picklists.value,
      englishField: `(${ja.csSettings.lang.en})`,
    },
  );

type Finding = { page: string; token: string; kind: string; context: string };

const scan = (name: string, text: string, codes: Map<string, string>): Finding[] => {
  let cleaned = text;
  for (const pattern of legitimate) cleaned = cleaned.replace(pattern, " ");
  const findings: Finding[] = [];
  const context = (index: number, length: number) =>
    cleaned
      .slice(Math.max(0, index - 30), index + length + 30)
      .replace(/\s+/g, " ")
      .trim();
  // Latin words (with digits, -, _ and : inside): a code is one of them whole.
  for (const match of cleaned.matchAll(/[A-Za-z][\w:-]*[A-Za-z0-9]|[A-Za-z]/g)) {
    const kind = codes.get(match[0]);
    if (kind) {
      findings.push({
        page: name,
        token: match[0],
        kind,
        context: context(match.index, match[0].length),
      });
    }
  }
  // A calendar date as the API writes it, or as an English browser does, not as the UI does.
  const dates: [RegExp, string][] = [
    [/\b\d{4}-\d{2}-\d{2}\b/g, "ISO date"],
    [/\b\d{1,2}\/\d{1,2}\/\d{4}\b/g, "US date"],
  ];
  for (const [pattern, kind] of dates) {
    for (const match of cleaned.matchAll(pattern)) {
      findings.push({
        page: name,
        token: match[0],
        kind,
        context: context(match.index, match[0].length),
      });
    }
  }
  return findings.filter(
    (finding) => !allowlist.some((entry) => entry.code === finding.token && entry.page.test(name)),
  );
};

const logIn = async (page: Page, texts: typeof ja = ja) => {
  await page.goto("/");
  await page.getByLabel(texts.auth.email).fill(ADMIN_EMAIL);
  await page.getByLabel(new RegExp(`^${texts.auth.password}`)).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: texts.auth.submit }).click();
  await page.getByRole("heading", { name: texts.accounts.title, exact: true }).waitFor();
};

type PlanRow = { id: string; stage: number; active: boolean };

/** A demo account with an active plan several stages in: the plan's pages have the most to show. */
const findDemoPlan = async (page: Page) => {
  const res = await page.request.get("/api/v1/accounts?limit=100");
  expect(res.status()).toBe(200);
  const accounts = ((await res.json()) as { data: { id: string }[] }).data;
  for (const account of accounts) {
    const plans = await page.request.get(`/api/v1/accounts/${account.id}/plans`);
    if (plans.status() !== 200) continue;
    const rows = ((await plans.json()) as { data: PlanRow[] }).data;
    const plan = rows.find((row) => row.active && row.stage >= 3);
    if (plan) return { accountId: account.id, planId: plan.id };
  }
  throw new Error("the demo has no plan three stages in");
};

/**
 * Waits until the page has settled: the network quiet, no loader left, and
 * its text the same over a second (a panel that loads in steps is read whole).
 */
const settle = async (page: Page) => {
  await page.waitForLoadState("networkidle");
  let last = "";
  let same = 0;
  const started = Date.now();
  while (same < 3 && Date.now() - started < 30_000) {
    await page.waitForTimeout(400);
    const loaders = await page.locator(".mantine-Loader-root").count();
    const text = await page.evaluate(() => document.body.innerText);
    same = loaders === 0 && text === last ? same + 1 : 0;
    last = text;
  }
};

it("shows no code, key or foreign date on the main pages in Japanese, on an English browser", async () => {
  // The case: the UI in Japanese (chosen, so kept in storage), the browser in English.
  const page = await browser.newPage({ locale: "en-US" });
  await page.addInitScript(() => {
    if (!localStorage.getItem("michi.language")) localStorage.setItem("michi.language", "ja");
  });
  await logIn(page);
  const { accountId, planId } = await findDemoPlan(page);
  const doc = (await (await page.request.get(`/api/v1/plans/${planId}`)).json()) as {
    document: PlanDocument;
  };
  const codes = enumCodes();
  for (const key of elementKeys(doc.document)) codes.set(key, "plan element key");

  const pages: [string, string][] = [
    ["accounts", "/accounts"],
    ...(["overview", "contacts", "contracts", "successPlan", "health", "timeline"] as const).map(
      (tab): [string, string] => [`account ${tab}`, `/accounts/${accountId}?tab=${tab}`],
    ),
    ...(
      [
        "pufu",
        "purpose",
        "roadmap",
        "kpis",
        "milestones",
        "meetings",
        "checks",
        "stages",
        "history",
      ] as const
    ).map((tab): [string, string] => [
      `plan ${tab}`,
      `/accounts/${accountId}/plans/${planId}?tab=${tab}`,
    ]),
    ["portfolio", "/portfolio"],
    ["work queue", "/my-tasks"],
    ["playbooks", "/playbooks"],
    ...(
      [
        "users",
        "apiKeys",
        "scorecards",
        "phases",
        "maturity",
        "touchModel",
        "usage",
        "churnReasons",
        "picklists",
        "usageLabels",
        "webhooks",
        "mail",
      ] as const
    ).map((tab): [string, string] => [`settings ${tab}`, `/settings?tab=${tab}`]),
  ];

  const findings: Finding[] = [];
  for (const [name, url] of pages) {
    await page.goto(url);
    await settle(page);
    findings.push(...scan(name, await visibleText(page), codes));
    await screenshot(page, `no-raw-codes-${name.replaceAll(" ", "-")}`);
  }
  const report = findings.map(
    (finding) => `${finding.page}: "${finding.token}" (${finding.kind}) in "${finding.context}"`,
  );
  expect(report).toEqual([]);
});

it("keeps the list and the overview in English when the UI is English", async () => {
  const page = await browser.newPage({ locale: "ja-JP" });
  await page.addInitScript(() => localStorage.setItem("michi.language", "en"));
  await logIn(page, en);
  const { accountId } = await findDemoPlan(page);
  await page.goto("/accounts");
  await settle(page);
  for (const header of [
    en.accounts.name,
    en.accounts.mrr,
    en.accounts.renewalOn,
    en.accounts.planProgress,
  ]) {
    await expect(page.getByRole("columnheader", { name: header }).count()).resolves.toBe(1);
  }
  await screenshot(page, "en-accounts");
  await page.goto(`/accounts/${accountId}?tab=overview`);
  await settle(page);
  await expect(page.getByRole("tab", { name: en.account.overview }).count()).resolves.toBe(1);
  await screenshot(page, "en-account-overview");
  // The app's own words are English; Japanese left on screen is the demo's data (names, notes).
  const chrome = await page.evaluate(() =>
    [...document.querySelectorAll("[role=tab], th, label")].map(
      (element) => element.textContent ?? "",
    ),
  );
  expect(chrome.filter((text) => /[\u3040-\u30ff]/.test(text))).toEqual([]);
});
