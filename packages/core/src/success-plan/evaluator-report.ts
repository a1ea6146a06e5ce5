import {
  kpiSlides,
  milestoneSlides,
  retrospectiveSlides,
  riskSlides,
  roadmapSlides,
} from "./evaluator-report-sections";
import type {
  ReportCoverSlide,
  ReportDeck,
  ReportInput,
  ReportPufuSlide,
  ReportPurposeSlide,
  ReportSlide,
  ReportTeamSlide,
} from "./evaluator-report-types";
import type { PlanDocument, PlanSide } from "./plan-document";
import { planRoles } from "./plan-document";
import { clipText, formatReportDate, formatReportPeriod } from "./report-format";
import {
  type ReportLanguage,
  type ReportSection,
  reportLabels,
  reportLocales,
  reportSections,
} from "./report-labels";
import { chunk, PUFU_LIMITS, paged, REPORT_PAGE_SIZES } from "./report-pages";

/*
 * The evaluator report (評価者への報告, seed 001): which slides a plan makes,
 * and every word, number and date on them, in one language. Both the
 * PowerPoint (server, pptxgenjs) and the print view (web, A4 pages) draw
 * this; neither decides what is said. Long lists are split over slides here
 * too, so the two show the same pages.
 */

/** Our CSMs on the team present the report; else whoever exports it. */
export const reportPresenter = (
  document: PlanDocument,
  lang: ReportLanguage,
  fallback?: string,
) => {
  const csms = (document.team ?? []).filter((m) => m.side === "vendor" && m.role === "csm");
  if (csms.length === 0) return fallback ?? "";
  return csms.map((m) => m.name).join(lang === "ja" ? "、" : ", ");
};

const cover = (input: ReportInput, customer: string): ReportCoverSlide => {
  const { document: doc, lang } = input;
  const l = reportLabels[lang];
  return {
    section: "cover",
    heading: l.sections.cover,
    reportTitle: l.reportTitle,
    customer,
    planTitle: doc.title,
    fields: [
      { label: l.cover.period, value: formatReportPeriod(doc.period, lang) || l.empty },
      { label: l.cover.date, value: formatReportDate(input.today, lang), date: true },
      { label: l.cover.presenter, value: reportPresenter(doc, lang, input.presenter) || l.empty },
    ],
  };
};

const purposeKeys = ["businessIssue", "problem", "solution", "benefit"] as const;

const purpose = ({ document: doc, lang }: ReportInput): ReportPurposeSlide => {
  const l = reportLabels[lang];
  return {
    section: "purpose",
    heading: l.sections.purpose,
    steps: purposeKeys.map((key) => ({
      key,
      label: l.purpose[key],
      hint: l.purposeHints[key],
      text: clipText(doc.purpose?.[key], 300) || l.empty,
    })),
    outcome: [
      { label: l.pufu.goal, value: clipText(doc.pufu.goal, 200) || l.empty },
      { label: l.pufu.winCondition, value: clipText(doc.pufu.winCondition.text, 200) || l.empty },
    ],
  };
};

const team = ({ document: doc, lang }: ReportInput): ReportTeamSlide[] => {
  const l = reportLabels[lang];
  const members = (side: PlanSide) =>
    (doc.team ?? [])
      .filter((m) => m.side === side)
      .sort((a, b) => planRoles.indexOf(a.role) - planRoles.indexOf(b.role))
      .map((m) => ({
        role: m.role,
        roleLabel: l.roles[m.role],
        duty: side === "customer" ? (l.roleDuties[m.role] ?? "") : "",
        name: clipText(m.name, 60),
        title: clipText(m.title, 60),
      }));
  const customer = chunk(members("customer"), REPORT_PAGE_SIZES.team);
  const vendor = chunk(members("vendor"), REPORT_PAGE_SIZES.team);
  const pages = Array.from({ length: Math.max(customer.length, vendor.length) }, (_, i) => [i]);
  const cadences = (doc.meetingCadences ?? []).slice(0, 6).map((c) => ({
    label: clipText(c.name, 40),
    value: `${l.audiences[c.audience]} · ${l.every(c.everyDays)}`,
  }));
  return paged(l.sections.team, pages, lang).map(({ heading, items: [i = 0], first }) => ({
    section: "team",
    heading,
    sides: [
      { side: "customer", label: l.sides.customer, members: customer[i] ?? [] },
      { side: "vendor", label: l.sides.vendor, members: vendor[i] ?? [] },
    ],
    cadences: first && cadences.length > 0 ? { heading: l.cadences, items: cadences } : null,
    emptyText: l.nothingYet,
  }));
};

const factorKeys = [
  "people",
  "money",
  "time",
  "quality",
  "dealStructure",
  "environment",
  "rivals",
  "externalThreats",
] as const;

const pufu = ({ document: doc, lang }: ReportInput): ReportPufuSlide => {
  const l = reportLabels[lang];
  const f = doc.pufu.factors ?? {};
  const objectives = doc.pufu.objectives ?? [];
  const shownObjectives = new Set(objectives.slice(0, PUFU_LIMITS.objectives).map((o) => o.key));
  const measures = doc.pufu.measures ?? [];
  const more = (count: number, limit: number) => (count > limit ? l.more(count - limit) : null);
  return {
    section: "pufu",
    heading: l.sections.pufu,
    labels: l.pufu,
    goal: clipText(doc.pufu.goal, 300),
    winCondition: clipText(doc.pufu.winCondition.text, 300),
    objectives: objectives.slice(0, PUFU_LIMITS.objectives).map((o) => ({
      key: o.key,
      title: clipText(o.title, 120),
      desiredState: clipText(o.desiredState, 160),
    })),
    measures: measures.slice(0, PUFU_LIMITS.measures).map((m) => {
      const status = m.status ?? "planned";
      return {
        key: m.key,
        title: clipText(m.title, 120),
        status,
        statusLabel: l.measureStatus[status],
        objectiveKeys: (m.objectiveKeys ?? []).filter((key) => shownObjectives.has(key)),
      };
    }),
    moreObjectives: more(objectives.length, PUFU_LIMITS.objectives),
    moreMeasures: more(measures.length, PUFU_LIMITS.measures),
    factors: factorKeys.map((key) => {
      let value = clipText(f[key], 160);
      if (key === "people" && f.headcount !== undefined && f.hoursPerWeekPerPerson !== undefined) {
        value = `${value}${value ? "\n" : ""}${l.people(f.headcount, f.hoursPerWeekPerPerson)}`;
      }
      return { label: l.factors[key], value };
    }),
  };
};

/** The report's slides, section by section. */
export const buildEvaluatorReport = (input: ReportInput): ReportDeck => {
  const { document: doc, lang } = input;
  const l = reportLabels[lang];
  const wanted = new Set(input.sections ?? reportSections);
  const customer = input.accountName ?? doc.account?.name ?? "";
  const build: Record<ReportSection, () => ReportSlide[]> = {
    cover: () => [cover(input, customer)],
    purpose: () => [purpose(input)],
    team: () => team(input),
    pufu: () => [pufu(input)],
    kpis: () => kpiSlides(input),
    milestones: () => milestoneSlides(input),
    roadmap: () => roadmapSlides(input),
    retrospective: () => retrospectiveSlides(input),
    risks: () => riskSlides(input),
  };
  return {
    lang,
    locale: reportLocales[lang],
    title: `${l.reportTitle} — ${doc.title}`,
    footer: [clipText(customer, 40), clipText(doc.title, 60), formatReportDate(input.today, lang)]
      .filter(Boolean)
      .join(" · "),
    slides: reportSections.filter((s) => wanted.has(s)).flatMap((s) => build[s]()),
  };
};
