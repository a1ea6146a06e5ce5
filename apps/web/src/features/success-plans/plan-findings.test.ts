import {
  checkPlan,
  PLAN_FORMAT,
  type PlanDocument,
  type PlanFinding,
  planCheckCodes,
} from "@michi/core";
import i18n from "i18next";
import { afterEach, describe, expect, it } from "vitest";
import en from "../../locales/en.json";
import ja from "../../locales/ja.json";
import { checkLabel, findingMessage, findingMessageKey } from "./plan-findings";

type Tree = { [key: string]: string | Tree };

/** The string at a dotted path of a locale file, read from the file (no fallback language). */
const lookUp = (tree: Tree, key: string): string | undefined => {
  const value = key
    .split(".")
    .reduce<string | Tree | undefined>(
      (node, part) => (typeof node === "object" ? node[part] : undefined),
      tree,
    );
  return typeof value === "string" ? value : undefined;
};

const reasonsOf = (check: (typeof planCheckCodes)[number]): readonly (string | undefined)[] =>
  "reasons" in check ? check.reasons : [undefined];

/** Plans that between them reach every wording of every check. */
const brokenPlan = (noEvaluator: boolean): PlanDocument => ({
  format: PLAN_FORMAT,
  title: "壊れた計画",
  period: { start: "2026-01-01" },
  team: [
    { key: "u1", name: "利用者", side: "customer", role: "user" },
    ...(noEvaluator
      ? []
      : [{ key: "e1", name: "部長", side: "customer" as const, role: "evaluator" as const }]),
  ],
  pufu: {
    goal: "",
    winCondition: { text: "", kpiKeys: ["k1", "k9"] },
    objectives: [{ key: "o1", title: "予約が定着する" }],
    measures: [{ key: "m1", title: "説明会を開く", effortHoursPerWeek: 10 }],
    factors: { headcount: 1, hoursPerWeekPerPerson: 2 },
  },
  kpis: [
    { key: "k1", kind: "kgi", name: "平均待機時間" },
    { key: "k2", kind: "kpi", name: "事前予約率", target: 80 },
  ],
  roadmap: [1, 2, 3, 4].map((n) => ({ key: `r${n}`, process: "業務", status: "inProgress" })),
  milestones: [{ key: "ms1", title: "全拠点で予約開始", dueDate: "2026-02-10" }],
  tasks: [
    { key: "t1", title: "議事録の共有" },
    { key: "t2", title: "予約枠を設定", ownerKey: "u1", dueDate: "2026-01-31" },
  ],
});

const exitCriteria = [
  { key: "onboarding.all-seats", text: { ja: "利用席の割合 ≥ 100%", en: "seat use ≥ 100%" } },
  { key: "operation.settled", text: "現場に定着している" },
];

const allFindings = (): PlanFinding[] => {
  const noWinKpi = brokenPlan(false);
  noWinKpi.pufu.winCondition = { text: "待機を減らす" };
  return [
    ...checkPlan(brokenPlan(false), {
      today: "2026-03-01",
      meetings: [{ date: "2026-01-20", audience: "evaluators" }],
      exitCriteria,
    }),
    ...checkPlan(brokenPlan(true), { today: "2026-03-01", meetings: [], exitCriteria: [] }),
    ...checkPlan(noWinKpi, { today: "2026-03-01", meetings: [], exitCriteria: [] }),
  ];
};

afterEach(async () => {
  await i18n.changeLanguage("en");
});

describe("plan check wording in the locales", () => {
  it("has, for every code of core's planCheckCodes, a label and every message in ja and en", () => {
    const missing: string[] = [];
    for (const check of planCheckCodes) {
      const keys = [
        `plans.checkCodes.${check.code}.label`,
        ...reasonsOf(check).map((reason) => findingMessageKey(check.code, reason)),
      ];
      for (const [language, tree] of [
        ["ja", ja],
        ["en", en],
      ] as const) {
        for (const key of keys) {
          if (!lookUp(tree as Tree, key)?.trim()) missing.push(`${language}: ${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("findingMessage", () => {
  const findings = allFindings();
  const codeNames = planCheckCodes.map(({ code }) => code);

  it("is given findings of every wording of every check", () => {
    const reached = new Set(
      findings.map((finding) => findingMessageKey(finding.code, finding.params?.reason as string)),
    );
    const declared = planCheckCodes.flatMap((check) =>
      reasonsOf(check).map((reason) => findingMessageKey(check.code, reason)),
    );
    expect([...reached].sort()).toEqual([...declared].sort());
  });

  for (const language of ["ja", "en"] as const) {
    it(`words every finding in ${language} with no code name, ISO date or placeholder`, async () => {
      await i18n.changeLanguage(language);
      for (const finding of findings) {
        const text = findingMessage(i18n, finding);
        expect(text, finding.code).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(text, finding.code).not.toMatch(/{{|}}|plans\.checkCodes|undefined|\[object/);
        for (const code of codeNames) expect(text, finding.code).not.toContain(code);
        // The wording is the language's (user-written titles are Japanese in both).
        const englishWords = /\b(the|no|lacks|more)\b/i;
        if (language === "ja") expect(text, finding.code).not.toMatch(englishWords);
        else expect(text, finding.code).toMatch(englishWords);
      }
    });
  }

  it("formats dates, day counts and missing fields in the UI language", async () => {
    const overdueTask = findings.find((f) => f.code === "overdue" && f.target === "t2")!;
    const unmet = findings.find((f) => f.code === "evaluator-not-met")!;
    const kpi = findings.find((f) => f.code === "kpi-incomplete" && f.target === "k1")!;
    const exit = findings.find((f) => f.target === "onboarding.all-seats")!;
    await i18n.changeLanguage("ja");
    expect(findingMessage(i18n, overdueTask)).toBe(
      "タスク「予約枠を設定」が期限(2026/01/31)を29日過ぎても完了していません。",
    );
    expect(findingMessage(i18n, unmet)).toBe(
      "評価者との会議が40日開かれていません(前回 2026/01/20、会議体は30日ごと)。効果を評価者に伝えてください。",
    );
    expect(findingMessage(i18n, kpi)).toBe(
      "KPI「平均待機時間」に目標値、評価方法、データソースがありません。",
    );
    expect(findingMessage(i18n, exit)).toBe(
      "フェーズのゴール「利用席の割合 ≥ 100%」が100%を求めています。現実的な水準にしてください。",
    );
    expect(checkLabel(i18n, "overdue")).toBe("期限切れ");
    await i18n.changeLanguage("en");
    expect(findingMessage(i18n, overdueTask)).toBe(
      'The task "予約枠を設定" is 29 days past its due date (Jan 31, 2026) and not done.',
    );
    expect(findingMessage(i18n, exit)).toBe(
      'The exit criterion "seat use ≥ 100%" asks for 100%; set a realistic level.',
    );
    expect(checkLabel(i18n, "overdue")).toBe("Overdue");
  });

  it("shows the API's own message for a code this UI does not know", async () => {
    await i18n.changeLanguage("ja");
    const newer = {
      code: "something-new",
      severity: "info" as const,
      target: "x",
      message: { ja: "新しい指摘", en: "A new finding" },
    };
    expect(findingMessage(i18n, newer)).toBe("新しい指摘");
  });
});
