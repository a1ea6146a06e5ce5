import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildEvaluatorReport, reportPresenter } from "./evaluator-report";
import { kpiChartSeries } from "./evaluator-report-sections";
import type { ReportInput, ReportSlide } from "./evaluator-report-types";
import example from "./fixtures/plan-example.json" with { type: "json" };
import { checkPlan } from "./plan-checks";
import type { PlanDocument } from "./plan-document";
import { clipText, formatReportDate, formatReportPeriod } from "./report-format";
import { reportSections } from "./report-labels";
import { REPORT_PAGE_SIZES } from "./report-pages";

const doc = example as PlanDocument;
const today = "2026-11-20";

const input = (overrides: Partial<ReportInput> = {}): ReportInput => ({
  document: doc,
  lang: "ja",
  today,
  stage: 2,
  findings: checkPlan(doc, { today, exitCriteria: [] }),
  lastStage: {
    number: 1,
    closedOn: "2026-11-01",
    retrospective: {
      summary: "説明会は好評。割当表は未着手。",
      objectives: [
        { key: "o1", direction: "closer", held: "説明会に8社参加", changesNext: "残り2社を訪問" },
        { key: "o2", direction: "unchanged", didNotHold: "割当表が未着手" },
      ],
    },
  },
  ...overrides,
});

const of = <S extends ReportSlide["section"]>(slides: ReportSlide[], section: S) =>
  slides.filter((s): s is Extract<ReportSlide, { section: S }> => s.section === section);

/** Every string a slide shows (not the chart's data). */
const textsOf = (value: unknown): string[] => {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, v]) => (key === "chart" ? [] : textsOf(v)));
  }
  return [];
};

describe("report dates and texts", () => {
  it("writes dates in the report's language, the English ones unbreakable", () => {
    expect(formatReportDate("2026-10-01", "ja")).toBe("2026年10月1日");
    expect(formatReportDate("2026-10-01", "en")).toBe("Oct\u00a01,\u00a02026");
    expect(formatReportDate(undefined, "ja")).toBe("");
    expect(formatReportDate("soon", "en")).toBe("soon");
    expect(formatReportPeriod({ start: "2026-10-01", end: "2027-03-31" }, "ja")).toBe(
      "2026年10月1日 – 2027年3月31日",
    );
    expect(formatReportPeriod({ end: "2027-03-31" }, "en")).toBe("– Mar\u00a031,\u00a02027");
  });

  it("clips long texts by code points, with an ellipsis", () => {
    expect(clipText("  短い  ", 10)).toBe("短い");
    expect(clipText("あいうえお", 3)).toBe("あい…");
    expect([...clipText("😀".repeat(20), 5)]).toHaveLength(5);
  });
});

describe("the evaluator report", () => {
  it("has the sections of seed 001 in order, with no ISO date on any slide", () => {
    const deck = buildEvaluatorReport(input());
    expect(deck.locale).toBe("ja-JP");
    expect(deck.slides.map((s) => s.section)).toEqual([...reportSections]);
    const texts = textsOf(deck.slides);
    expect(texts.filter((t) => /\d{4}-\d{2}-\d{2}/.test(t))).toEqual([]);
    expect(texts).toContain("2026年11月20日");
    expect(deck.footer).toBe(
      "東和精機株式会社 · 東和精機 物流予約オンボーディング計画 · 2026年11月20日",
    );

    const [cover] = of(deck.slides, "cover");
    expect(cover?.customer).toBe("東和精機株式会社");
    expect(cover?.fields).toEqual([
      { label: "期間", value: "2026年10月1日 – 2027年3月31日" },
      { label: "報告日", value: "2026年11月20日", date: true },
      { label: "報告者", value: "山本 彩" },
    ]);
    const [purpose] = of(deck.slides, "purpose");
    expect(purpose?.steps.map((s) => s.label)).toEqual(["経営課題", "問題", "解決策", "効果"]);
    expect(purpose?.outcome[1]?.value).toBe("平均待機時間が90分から45分以下になる");
  });

  it("shows only the sections asked for, in the deck's order", () => {
    const deck = buildEvaluatorReport(input({ sections: ["risks", "cover", "kpis"], lang: "en" }));
    expect(deck.slides.map((s) => s.section)).toEqual(["cover", "kpis", "risks"]);
    expect(deck.locale).toBe("en-US");
    expect(of(deck.slides, "cover")[0]?.fields[1]?.value).toBe("Nov\u00a020,\u00a02026");
  });

  it("puts both sides of the team by role, with the customer's duties and the meeting cadence", () => {
    const [team] = of(buildEvaluatorReport(input()).slides, "team");
    const [customer, vendor] = team?.sides ?? [];
    expect(customer?.members.map((m) => m.roleLabel)).toEqual(["最終評価者", "推進者", "実利用者"]);
    expect(customer?.members[0]?.duty).toContain("契約更新");
    expect(vendor?.members).toEqual([
      { role: "csm", roleLabel: "CSM", duty: "", name: "山本 彩", title: "" },
    ]);
    expect(team?.cadences?.items).toEqual([
      { label: "週次定例(実利用者)", value: "実利用者 · 毎週" },
      { label: "月次報告(評価者)", value: "評価者 · 毎月" },
    ]);
  });

  it("charts each KPI's actuals against its plan line, and lists its facts", () => {
    const [slide] = of(buildEvaluatorReport(input()).slides, "kpis");
    const [k1, k2] = slide?.cards ?? [];
    expect(k1?.chart).toMatchObject({
      dates: ["2026-10-01", "2026-10-31", "2026-11-30", "2027-03-31"],
      plan: [90, 82.54, 75.08, 45],
      actual: [null, 84, 71, null],
      target: 45,
      unit: "分",
    });
    // As of 2026-11-20, the measurement of 11-30 is not yet: 84 of 90 → 45 is 13%.
    expect(k1?.facts).toContainEqual({ label: "最新値", value: "84分" });
    expect(k1?.facts).toContainEqual({ label: "計測日", value: "2026年10月31日", date: true });
    expect(k1?.facts).toContainEqual({ label: "進捗", value: "13%" });
    expect(k1?.facts).toContainEqual({ label: "目標値", value: "45分(低いほど良い)" });
    expect(k2?.kindLabel).toBe("KPI");
  });

  it("has no chart for a KPI with neither measurements nor a plan line", () => {
    const kpi = { key: "k9", kind: "kpi" as const, name: "NPS" };
    expect(kpiChartSeries(kpi, "2026-10-01")).toEqual({ dates: [], plan: [], actual: [] });
    const deck = buildEvaluatorReport(input({ document: { ...doc, kpis: [kpi] } }));
    expect(of(deck.slides, "kpis")[0]?.cards[0]?.chart).toBeNull();
  });

  it("keeps the last of two measurements on one date", () => {
    const series = kpiChartSeries(
      {
        key: "k",
        kind: "kpi",
        name: "x",
        measurements: [
          { date: "2026-11-02", value: 5 },
          { date: "2026-11-01", value: 1 },
          { date: "2026-11-02", value: 7 },
        ],
      },
      undefined,
    );
    expect(series).toEqual({
      dates: ["2026-11-01", "2026-11-02"],
      plan: [null, null],
      actual: [1, 7],
    });
  });

  it("places milestones on the period, with their state as of the report's date", () => {
    const [slide] = of(buildEvaluatorReport(input()).slides, "milestones");
    expect(slide?.rows.map((r) => [r.title, r.dueDate, r.stateLabel])).toEqual([
      ["第一倉庫で予約開始", "2026年10月31日", "完了"],
      ["全拠点で予約開始", "2027年1月15日", "予定"],
      ["本部長への効果報告", "2027年3月25日", "予定"],
    ]);
    const timeline = slide?.timeline;
    expect(timeline?.ticks.map((t) => t.label)).toEqual([
      "2026年10月",
      "11月",
      "12月",
      "2027年1月",
      "2月",
      "3月",
    ]);
    expect(timeline?.today?.at).toBeCloseTo(50 / 181, 5);
    expect(timeline?.items.map((i) => i.state)).toEqual(["done", "upcoming", "upcoming"]);
    const late = buildEvaluatorReport(input({ today: "2027-02-01" }));
    expect(of(late.slides, "milestones")[0]?.rows[1]?.state).toBe("overdue");
  });

  it("ranks the roadmap in its own order, plotting only the items with impact and difficulty", () => {
    const roadmap = [
      ...(doc.roadmap ?? []),
      { key: "r4", process: "請求", status: "dropped" as const },
    ];
    const [slide] = of(
      buildEvaluatorReport(input({ document: { ...doc, roadmap } })).slides,
      "roadmap",
    );
    expect(slide?.items.map((i) => [i.rank, i.process, i.impact, i.statusLabel])).toEqual([
      [1, "入場受付", 5, "進行中"],
      [2, "荷役計画", 4, "予定"],
      [3, "本部報告", 3, "予定"],
      [4, "請求", null, "中止"],
    ]);
    expect(slide?.unrankedNote).not.toBeNull();
    expect(slide?.items[0]?.startDate).toBe("2026年10月15日");
  });

  it("reviews the last stage with its own titles and sets the next stage's focus", () => {
    const renamed: PlanDocument = {
      ...doc,
      pufu: {
        ...doc.pufu,
        objectives: doc.pufu.objectives?.map((o) =>
          o.key === "o1" ? { ...o, title: "今の名前" } : o,
        ),
      },
    };
    const [slide] = of(
      buildEvaluatorReport(
        input({ lastStage: { ...input().lastStage!, document: doc }, document: renamed }),
      ).slides,
      "retrospective",
    );
    expect(slide?.stageLabel).toBe("第1局面のふりかえり(2026年11月1日 終了)");
    expect(slide?.summary?.value).toBe("説明会は好評。割当表は未着手。");
    expect(slide?.reviews.map((r) => [r.objective, r.directionLabel])).toEqual([
      ["運送会社が予約する", "近づいた"],
      ["荷役が予約に沿って動く", "変わらない"],
    ]);
    expect(slide?.focus?.heading).toBe("第2局面の重点");
    expect(slide?.focus?.items).toEqual([
      { label: "運送会社が予約する", value: "残り2社を訪問" },
      { label: "進行中の施策", value: "予約枠テンプレートの設定" },
      { label: "次のマイルストーン", value: "全拠点で予約開始(2027年1月15日)" },
      { label: "次のマイルストーン", value: "本部長への効果報告(2027年3月25日)" },
    ]);
  });

  it("says when no stage is closed yet", () => {
    const [slide] = of(
      buildEvaluatorReport(input({ lastStage: null, stage: 1, lang: "en" })).slides,
      "retrospective",
    );
    expect(slide?.stageLabel).toMatch(/No stage has been closed yet/);
    expect(slide?.reviews).toEqual([]);
    expect(slide?.focus?.heading).toBe("Focus of stage 1");
  });

  it("lists the open risks, errors first, naming the element they are about", () => {
    const noEvaluator: PlanDocument = {
      ...doc,
      team: doc.team?.filter((m) => m.role !== "finalEvaluator"),
      tasks: [{ key: "t9", title: "割当表の試行", dueDate: "2026-11-01" }],
    };
    const findings = checkPlan(noEvaluator, { today, exitCriteria: [] });
    const [slide] = of(
      buildEvaluatorReport(input({ document: noEvaluator, findings })).slides,
      "risks",
    );
    expect(slide?.findings[0]).toMatchObject({ severity: "error", target: "プロジェクト体制" });
    const aboutTask = slide?.findings.filter((f) => f.target === "割当表の試行");
    expect(aboutTask?.map((f) => f.message)).toContainEqual(
      expect.stringContaining("期限(2026年11月1日)"),
    );
    expect(slide?.findings.map((f) => f.severity)).toEqual(
      [...(slide?.findings.map((f) => f.severity) ?? [])].sort(),
    );
  });

  it("keeps the プ譜 on one slide, saying how many measures it leaves out", () => {
    const measures = Array.from({ length: 30 }, (_, i) => ({
      key: `m${i}`,
      title: `施策 ${i}`,
      objectiveKeys: ["o1"],
    }));
    const [slide] = of(
      buildEvaluatorReport(input({ document: { ...doc, pufu: { ...doc.pufu, measures } } })).slides,
      "pufu",
    );
    expect(slide?.measures).toHaveLength(24);
    expect(slide?.moreMeasures).toBe("他 6 件");
    expect(slide?.moreObjectives).toBeNull();
  });

  it("presents by our CSMs, else by whoever exports", () => {
    expect(reportPresenter(doc, "ja", "誰か")).toBe("山本 彩");
    const noCsm = { ...doc, team: doc.team?.filter((m) => m.side === "customer") };
    expect(reportPresenter(noCsm, "en", "Jane")).toBe("Jane");
    expect(reportPresenter(noCsm, "en")).toBe("");
  });

  it("splits long lists over slides, every item once, with (n/m) in the heading", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 30 }),
        fc.nat({ max: 40 }),
        fc.nat({ max: 25 }),
        (kpiCount, milestoneCount, findingCount) => {
          const document: PlanDocument = {
            ...doc,
            kpis: Array.from({ length: kpiCount }, (_, i) => ({
              key: `k${i}`,
              kind: "kpi" as const,
              name: `KPI ${i}`,
            })),
            milestones: Array.from({ length: milestoneCount }, (_, i) => ({
              key: `ms${i}`,
              title: `MS ${i}`,
              dueDate: `2026-1${i % 3}-0${(i % 9) + 1}`,
            })),
          };
          const findings = Array.from({ length: findingCount }, (_, i) => ({
            code: "overdue" as const,
            severity: "warning" as const,
            target: `t${i}`,
            message: { ja: `遅れ ${i}`, en: `late ${i}` },
          }));
          const deck = buildEvaluatorReport(input({ document, findings }));
          const check = (slides: { heading: string }[], size: number, count: number) => {
            expect(slides).toHaveLength(Math.max(1, Math.ceil(count / size)));
            if (slides.length > 1) {
              expect(slides.at(-1)?.heading).toContain(`(${slides.length}/${slides.length})`);
            }
          };
          const kpiSlides = of(deck.slides, "kpis");
          check(kpiSlides, REPORT_PAGE_SIZES.kpis, kpiCount);
          expect(kpiSlides.flatMap((s) => s.cards.map((c) => c.key))).toEqual(
            document.kpis?.map((k) => k.key),
          );
          const milestoneSlides = of(deck.slides, "milestones");
          check(milestoneSlides, REPORT_PAGE_SIZES.milestones, milestoneCount);
          expect(milestoneSlides.flatMap((s) => s.rows).length).toBe(milestoneCount);
          const riskSlides = of(deck.slides, "risks");
          check(riskSlides, REPORT_PAGE_SIZES.risks, findingCount);
          expect(riskSlides.flatMap((s) => s.findings).length).toBe(findingCount);
        },
      ),
      { numRuns: 60 },
    );
  });
});
