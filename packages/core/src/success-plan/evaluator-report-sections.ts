import type {
  MilestoneState,
  ReportField,
  ReportInput,
  ReportKpiCard,
  ReportKpiSlide,
  ReportMilestoneSlide,
  ReportRetrospectiveSlide,
  ReportRisksSlide,
  ReportRoadmapSlide,
} from "./evaluator-report-types";
import { kpiPlanLine, kpiProgress, plannedKpiValueAt } from "./kpi-progress";
import type { PlanFindingSeverity } from "./plan-check-codes";
import type { PlanKpi } from "./plan-document";
import { monthStarts, positionOnPeriod, timelinePeriod } from "./plan-timeline";
import { clipText, formatReportDate, formatReportMonth, formatReportValue } from "./report-format";
import { type ReportLanguage, reportLabels } from "./report-labels";
import { chunk, paged, REPORT_PAGE_SIZES } from "./report-pages";

/*
 * The evaluator report's sections about progress: KGI/KPI, milestones, the
 * improvement roadmap, the last retrospective with the next stage's focus,
 * and the open risks (evaluator-report.ts puts them together).
 */

const round = (value: number) => Math.round(value * 100) / 100;

/** The KPI's dates in order, with the plan line's value and the latest measurement of each. */
export const kpiChartSeries = (kpi: PlanKpi, planStart: string | undefined) => {
  const line = kpiPlanLine(kpi, planStart);
  const actualByDate = new Map<string, number>();
  // In date order, later entries of one date win (as in kpiProgress).
  for (const m of [...(kpi.measurements ?? [])].sort((a, b) => a.date.localeCompare(b.date))) {
    actualByDate.set(m.date, m.value);
  }
  const dates = [
    ...new Set([...actualByDate.keys(), ...(line ? [line.from.date, line.to.date] : [])]),
  ].sort();
  return {
    dates,
    plan: dates.map((date) => (line ? round(plannedKpiValueAt(line, date)) : null)),
    actual: dates.map((date) => actualByDate.get(date) ?? null),
  };
};

const kpiCard = (kpi: PlanKpi, input: ReportInput): ReportKpiCard => {
  const { document: doc, lang, today } = input;
  const l = reportLabels[lang];
  const progress = kpiProgress(kpi, today);
  const series = kpiChartSeries(kpi, doc.period?.start);
  const value = (n: number | undefined | null) => formatReportValue(n, kpi.unit, lang);
  return {
    key: kpi.key,
    kind: kpi.kind,
    kindLabel: l.kpi.kind[kpi.kind],
    name: clipText(kpi.name, 80),
    chart:
      series.dates.length > 0
        ? {
            ...series,
            target: kpi.target ?? null,
            unit: kpi.unit ?? "",
            labels: { plan: l.kpi.plan, actual: l.kpi.actual },
          }
        : null,
    noDataText: l.kpi.noData,
    facts: [
      { label: l.kpi.baseline, value: value(kpi.baseline) },
      {
        label: l.kpi.target,
        value:
          kpi.target === undefined
            ? "—"
            : `${value(kpi.target)}${l.paren(l.kpi.direction[progress.direction])}`,
      },
      { label: l.kpi.latest, value: value(progress.latest?.value) },
      {
        label: l.kpi.measuredOn,
        value: formatReportDate(progress.latest?.date, lang) || "—",
        date: true,
      },
      {
        label: l.kpi.progress,
        value: progress.percent === null ? "—" : `${Math.round(progress.percent)}%`,
      },
      { label: l.kpi.dueDate, value: formatReportDate(kpi.dueDate, lang) || "—", date: true },
      { label: l.kpi.evaluationMethod, value: clipText(kpi.evaluationMethod, 80) || "—" },
      { label: l.kpi.dataSource, value: clipText(kpi.dataSource, 80) || "—" },
    ],
  };
};

export const kpiSlides = (input: ReportInput): ReportKpiSlide[] => {
  const l = reportLabels[input.lang];
  const cards = (input.document.kpis ?? []).map((kpi) => kpiCard(kpi, input));
  return paged(l.sections.kpis, chunk(cards, REPORT_PAGE_SIZES.kpis), input.lang).map(
    ({ heading, items }) => ({ section: "kpis", heading, cards: items, emptyText: l.nothingYet }),
  );
};

const milestoneState = (
  ms: { dueDate?: string; doneDate?: string },
  today: string,
): MilestoneState =>
  ms.doneDate ? "done" : ms.dueDate && ms.dueDate < today ? "overdue" : "upcoming";

/** At most a dozen month ticks: every n-th month on a long period. */
const ticksOf = (period: { start: string; end: string }, lang: ReportLanguage) => {
  const months = monthStarts(period.start, period.end);
  const every = Math.max(1, Math.ceil(months.length / 12));
  return months
    .filter((_, i) => i % every === 0)
    .map((month, i) => ({
      at: positionOnPeriod(month, period.start, period.end) / 100,
      label: formatReportMonth(month, lang, i === 0 || month.endsWith("-01-01")),
    }));
};

export const milestoneSlides = (input: ReportInput): ReportMilestoneSlide[] => {
  const { document: doc, lang, today } = input;
  const l = reportLabels[lang];
  const sorted = [...(doc.milestones ?? [])].sort((a, b) =>
    (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"),
  );
  const period = timelinePeriod(
    doc.period,
    sorted.flatMap((ms) => (ms.dueDate ? [ms.dueDate] : [])),
  );
  return paged(l.sections.milestones, chunk(sorted, REPORT_PAGE_SIZES.milestones), lang).map(
    ({ heading, items }) => ({
      section: "milestones",
      heading,
      columns: {
        title: l.milestones.title,
        dueDate: l.milestones.dueDate,
        doneDate: l.milestones.doneDate,
        state: l.milestones.state,
      },
      timeline:
        period && items.some((ms) => ms.dueDate)
          ? {
              ticks: ticksOf(period, lang),
              today:
                today >= period.start && today <= period.end
                  ? {
                      at: positionOnPeriod(today, period.start, period.end) / 100,
                      label: l.milestones.today,
                    }
                  : null,
              items: items.flatMap((ms) =>
                ms.dueDate
                  ? [
                      {
                        key: ms.key,
                        title: clipText(ms.title, 40),
                        at: positionOnPeriod(ms.dueDate, period.start, period.end) / 100,
                        state: milestoneState(ms, today),
                        date: formatReportDate(ms.dueDate, lang),
                      },
                    ]
                  : [],
              ),
            }
          : null,
      rows: items.map((ms) => {
        const state = milestoneState(ms, today);
        return {
          key: ms.key,
          title: clipText(ms.title, 100),
          dueDate: formatReportDate(ms.dueDate, lang) || "—",
          doneDate: formatReportDate(ms.doneDate, lang) || "—",
          state,
          stateLabel: l.milestones.states[state],
        };
      }),
      emptyText: l.nothingYet,
    }),
  );
};

export const roadmapSlides = ({ document: doc, lang }: ReportInput): ReportRoadmapSlide[] => {
  const l = reportLabels[lang];
  const r = l.roadmap;
  // The roadmap's order is its priority (the web app ranks by moving items up and down).
  const items = (doc.roadmap ?? []).map((item, i) => {
    const status = item.status ?? "planned";
    return {
      key: item.key,
      rank: i + 1,
      process: clipText(item.process, 60),
      purpose: clipText(item.purpose, 80),
      how: clipText(item.how, 80),
      howMuch: clipText(item.howMuch, 60),
      status,
      statusLabel: l.measureStatus[status],
      startDate: formatReportDate(item.startDate, lang) || "—",
      impact: item.impact ?? null,
      difficulty: item.difficulty ?? null,
    };
  });
  const unranked = items.some((item) => item.impact === null || item.difficulty === null);
  return paged(l.sections.roadmap, chunk(items, REPORT_PAGE_SIZES.roadmap), lang).map(
    ({ heading, items: page }) => ({
      section: "roadmap",
      heading,
      columns: {
        rank: r.rank,
        process: r.process,
        purpose: r.purpose,
        how: r.how,
        howMuch: r.howMuch,
        status: r.status,
        startDate: r.startDate,
      },
      axes: { impact: r.impact, difficulty: r.difficulty },
      quadrants: {
        quickWins: r.quickWins,
        majorProjects: r.majorProjects,
        fillIns: r.fillIns,
        reconsider: r.reconsider,
      },
      unrankedNote: unranked ? r.unranked : null,
      items: page,
      emptyText: l.nothingYet,
    }),
  );
};

/** The next stage's focus: what the retrospective changes, the measures under way, the next milestones. */
const nextFocus = (input: ReportInput, titleOf: (key: string) => string): ReportField[] => {
  const { document: doc, lang, today } = input;
  const l = reportLabels[lang].retrospective;
  const changes = (input.lastStage?.retrospective.objectives ?? []).flatMap((review) =>
    review.changesNext?.trim()
      ? [{ label: l.changeOf(titleOf(review.key)), value: clipText(review.changesNext, 120) }]
      : [],
  );
  const measures = (doc.pufu.measures ?? [])
    .filter((m) => m.status === "inProgress")
    .map((m) => ({ label: l.inProgress, value: clipText(m.title, 80) }));
  const upcoming = [...(doc.milestones ?? [])]
    .filter((ms) => !ms.doneDate && ms.dueDate && ms.dueDate >= today)
    .sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? ""))
    .slice(0, 2)
    .map((ms) => ({
      label: l.nextMilestone,
      value: `${clipText(ms.title, 60)}${reportLabels[lang].paren(formatReportDate(ms.dueDate, lang))}`,
    }));
  return [...changes.slice(0, 4), ...measures.slice(0, 2), ...upcoming].slice(0, 7);
};

export const retrospectiveSlides = (input: ReportInput): ReportRetrospectiveSlide[] => {
  const { document: doc, lang, lastStage } = input;
  const l = reportLabels[lang];
  const r = l.retrospective;
  // The objectives' titles as the stage knew them, else as they are now.
  const titles = new Map(
    [...(doc.pufu.objectives ?? []), ...(lastStage?.document?.pufu.objectives ?? [])].map((o) => [
      o.key,
      o.title,
    ]),
  );
  const titleOf = (key: string) => clipText(titles.get(key) ?? key, 60);
  const reviews = (lastStage?.retrospective.objectives ?? []).map((review) => ({
    key: review.key,
    objective: titleOf(review.key),
    direction: review.direction,
    directionLabel: r.directions[review.direction],
    held: clipText(review.held, 90),
    didNotHold: clipText(review.didNotHold, 90),
    changesNext: clipText(review.changesNext, 90),
  }));
  const summary = lastStage?.retrospective.summary?.trim();
  const focus = {
    heading: r.next(input.stage),
    items: nextFocus(input, titleOf),
    emptyText: r.nothingNext,
  };
  return paged(l.sections.retrospective, chunk(reviews, REPORT_PAGE_SIZES.retrospective), lang).map(
    ({ heading, items, first }) => ({
      section: "retrospective",
      heading,
      stageLabel: lastStage
        ? r.stage(lastStage.number, formatReportDate(lastStage.closedOn, lang))
        : r.none,
      summary: first && summary ? { label: r.summary, value: clipText(summary, 240) } : null,
      columns: {
        objective: r.objective,
        direction: r.direction,
        held: r.held,
        didNotHold: r.didNotHold,
        changesNext: r.changesNext,
      },
      reviews: items,
      focus: first ? focus : null,
    }),
  );
};

const severityOrder: Record<PlanFindingSeverity, number> = { error: 0, warning: 1, info: 2 };

export const riskSlides = ({ document: doc, lang, findings }: ReportInput): ReportRisksSlide[] => {
  const l = reportLabels[lang];
  const names = new Map<string, string>([
    ...Object.entries(l.risks.fixedTargets),
    ...(doc.pufu.objectives ?? []).map((o) => [o.key, o.title] as const),
    ...(doc.pufu.measures ?? []).map((m) => [m.key, m.title] as const),
    ...(doc.kpis ?? []).map((k) => [k.key, k.name] as const),
    ...(doc.roadmap ?? []).map((r) => [r.key, r.process] as const),
    ...(doc.milestones ?? []).map((ms) => [ms.key, ms.title] as const),
    ...(doc.tasks ?? []).map((t) => [t.key, t.title] as const),
    ...(doc.team ?? []).map((m) => [m.key, m.name] as const),
    ...(doc.meetingCadences ?? []).map((c) => [c.key, c.name] as const),
    ...(doc.failurePatterns ?? []).map((f) => [f.key, f.text] as const),
  ]);
  const rows = [...findings]
    .sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity])
    .map((f) => ({
      severity: f.severity,
      severityLabel: l.risks.severities[f.severity],
      target: clipText(names.get(f.target) ?? f.target, 40),
      // The checks write dates as YYYY-MM-DD; the report writes them in its language.
      message: clipText(
        f.message[lang].replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => formatReportDate(date, lang)),
        200,
      ),
    }));
  return paged(l.sections.risks, chunk(rows, REPORT_PAGE_SIZES.risks), lang).map(
    ({ heading, items }) => ({
      section: "risks",
      heading,
      columns: { severity: l.risks.severity, target: l.risks.target, finding: l.risks.finding },
      findings: items,
      emptyText: l.risks.none,
    }),
  );
};
