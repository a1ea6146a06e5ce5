import {
  formatReportDate,
  type ReportDeck,
  type ReportKpiCard,
  type ReportKpiSlide,
  type ReportMilestoneSlide,
  type ReportRoadmapSlide,
} from "@michi/core";
import type PptxGenJS from "pptxgenjs";
import {
  COLORS,
  CONTENT,
  drawEmpty,
  drawTable,
  drawText,
  FONT,
  type Run,
  widthFor,
} from "./report-pptx-kit";

/*
 * The slides of the evaluator report that draw data: a line chart per KPI
 * (PowerPoint's own chart, so the numbers stay editable), the milestones on a
 * timeline, the roadmap on impact × difficulty.
 */

/** Days since 1899-12-30: how a spreadsheet, and so a chart's date axis, counts a date. */
const sheetSerial = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000 + 25_569;

/** The widest date of the deck's language ("2026年12月31日", "Sep 30, 2026"). */
const widestDate = (deck: ReportDeck) =>
  formatReportDate(deck.lang === "ja" ? "2026-12-31" : "2026-09-30", deck.lang);

/** The width a date column needs at a font size, so a date never has to wrap or shrink. */
const dateColumn = (deck: ReportDeck, fontSize: number) => widthFor(widestDate(deck), fontSize);

const drawKpiCard = (
  slide: PptxGenJS.Slide,
  deck: ReportDeck,
  card: ReportKpiCard,
  x: number,
  w: number,
) => {
  drawText(
    slide,
    deck,
    [{ text: `${card.kindLabel}  `, color: COLORS.accent, sameLine: true }, { text: card.name }],
    { x, y: 1.15, w, h: 0.5 },
    { max: 16, min: 9, bold: true, valign: "middle" },
  );
  const chartBox = { x, y: 1.7, w, h: 3.05 };
  const chart = card.chart;
  if (!chart) {
    drawText(slide, deck, card.noDataText, chartBox, {
      fill: COLORS.factor,
      border: COLORS.factor,
      size: 12,
      color: COLORS.muted,
      align: "center",
      valign: "middle",
    });
  } else {
    const labels = chart.dates.map((date) => String(sheetSerial(date)));
    const series = [
      { name: chart.labels.plan, labels, values: chart.plan },
      { name: chart.labels.actual, labels, values: chart.actual },
    ];
    const format = `#,##0.##"${chart.unit.replace(/"/g, "")}"`;
    const line = (index: 0 | 1) => ({
      type: "line" as PptxGenJS.CHART_NAME,
      data: [series[index]!],
      options: {
        chartColors: [index === 0 ? COLORS.plan : COLORS.actual],
        lineSize: index === 0 ? 2 : 3,
        lineDataSymbol: index === 0 ? ("none" as const) : ("circle" as const),
        lineDataSymbolSize: 7,
        lineDash: index === 0 ? ("dash" as const) : ("solid" as const),
      },
    });
    // A combo chart, for a dashed plan and a marked actual: pptxgenjs reads its options from
    // `data || options`, so the data argument is left empty (its types do not say so).
    slide.addChart([line(0), line(1)] as unknown as PptxGenJS.IChartMulti[], null as never, {
      ...chartBox,
      lang: deck.locale,
      displayBlanksAs: "span",
      plotArea: { fill: { color: COLORS.white } },
      showLegend: true,
      legendPos: "t",
      legendFontFace: FONT,
      legendFontSize: 10,
      catLabelFormatCode: deck.lang === "ja" ? 'm"月"d"日"' : "mmm d",
      catAxisBaseTimeUnit: "days",
      catAxisMajorTimeUnit: "months",
      catAxisMajorUnit: 1,
      catAxisLabelFontFace: FONT,
      catAxisLabelFontSize: 9,
      catAxisLabelColor: COLORS.muted,
      valAxisLabelFontFace: FONT,
      valAxisLabelFontSize: 9,
      valAxisLabelColor: COLORS.muted,
      valAxisLabelFormatCode: format,
      valGridLine: { color: COLORS.rule, size: 0.5 },
      catGridLine: { style: "none" },
    });
  }
  // The facts in two columns of label / value.
  const labelW = 1.2;
  const valueW = (w - 2 * labelW) / 2;
  const rows: Run[][][] = [];
  for (let i = 0; i < card.facts.length; i += 2) {
    const pair = card.facts.slice(i, i + 2);
    const row = pair.flatMap((fact) => [
      [{ text: fact.label, muted: true }],
      [{ text: fact.value, ...(fact.date ? { oneLine: true } : {}) }],
    ]);
    while (row.length < 4) row.push([{ text: "" }]);
    rows.push(row);
  }
  drawTable(slide, deck, {
    x,
    y: 4.9,
    widths: [labelW, valueW, labelW, valueW],
    rows,
    rowH: Math.min(0.48, 1.95 / rows.length),
    max: 11,
  });
};

/** Two KPIs a slide, side by side: the chart of actual against plan, then the facts. */
export const drawKpis = (slide: PptxGenJS.Slide, deck: ReportDeck, page: ReportKpiSlide) => {
  if (page.cards.length === 0) {
    drawEmpty(slide, deck, page.emptyText);
    return;
  }
  const gap = 0.35;
  const w = (CONTENT.w - gap) / 2;
  page.cards.forEach((card, i) => {
    drawKpiCard(slide, deck, card, CONTENT.x + i * (w + gap), w);
  });
};

const TRACK = { x: 0.9, w: 11.53, y: 2.62 };
const LABEL_W = 2.0;
const LANES = [
  { y: 1.92, above: true },
  { y: 2.97, above: false },
  { y: 1.27, above: true },
  { y: 3.57, above: false },
] as const;

/**
 * Lays labels in lanes above and below the track so that no two overlap; a
 * label with no free lane is left out (null): its milestone keeps its mark
 * on the track and its row in the table below.
 */
const laneOf = (positions: number[]) => {
  const lastRight = LANES.map(() => Number.NEGATIVE_INFINITY);
  return positions.map((x) => {
    const left = x - LABEL_W / 2;
    const lane = lastRight.findIndex((right) => right + 0.05 <= left);
    if (lane === -1) return null;
    lastRight[lane] = left + LABEL_W;
    return lane;
  });
};

type TimelineItem = NonNullable<ReportMilestoneSlide["timeline"]>["items"][number];

/** A milestone's title and date in its lane, joined to its mark on the track by a thin line. */
const drawLabel = (
  slide: PptxGenJS.Slide,
  deck: ReportDeck,
  params: { item: TimelineItem; x: number; lane: number },
) => {
  const { item, x } = params;
  const { y, above } = LANES[params.lane]!;
  const labelH = 0.56;
  slide.addShape("line", {
    x,
    y: above ? y + labelH : TRACK.y,
    w: 0,
    h: above ? TRACK.y - y - labelH : y - TRACK.y,
    line: { color: COLORS.border, width: 0.75 },
  });
  const left = Math.min(Math.max(0.3, x - LABEL_W / 2), 13.033 - LABEL_W);
  drawText(
    slide,
    deck,
    [
      { text: item.title, bold: true },
      { text: item.date, color: COLORS.state[item.state], oneLine: true },
    ],
    { x: left, y, w: LABEL_W, h: labelH },
    { max: 11, min: 7, align: "center", valign: above ? "bottom" : "top" },
  );
};

export const drawMilestones = (
  slide: PptxGenJS.Slide,
  deck: ReportDeck,
  page: ReportMilestoneSlide,
) => {
  if (page.rows.length === 0) {
    drawEmpty(slide, deck, page.emptyText);
    return;
  }
  const timeline = page.timeline;
  if (timeline) {
    const xOf = (at: number) => TRACK.x + at * TRACK.w;
    slide.addShape("line", {
      x: TRACK.x,
      y: TRACK.y,
      w: TRACK.w,
      h: 0,
      line: { color: COLORS.line, width: 2 },
    });
    for (const tick of timeline.ticks) {
      const x = xOf(tick.at);
      slide.addShape("line", {
        x,
        y: TRACK.y - 0.06,
        w: 0,
        h: 0.12,
        line: { color: COLORS.line, width: 1 },
      });
      const tw = widthFor(tick.label, 9);
      drawText(
        slide,
        deck,
        tick.label,
        { x: x - tw / 2, y: TRACK.y + 0.06, w: tw, h: 0.26 },
        { size: 9, color: COLORS.muted, align: "center", valign: "top" },
      );
    }
    if (timeline.today) {
      const x = xOf(timeline.today.at);
      slide.addShape("line", {
        x,
        y: 1.2,
        w: 0,
        h: 3.0,
        line: { color: COLORS.state.overdue, width: 1, dashType: "dash" },
      });
      const tw = widthFor(timeline.today.label, 9);
      drawText(
        slide,
        deck,
        timeline.today.label,
        { x: x + 0.03, y: 1.15, w: tw, h: 0.26 },
        { size: 9, bold: true, color: COLORS.state.overdue, valign: "top" },
      );
    }
    const xs = timeline.items.map((item) => xOf(item.at));
    const lanes = laneOf(xs);
    lanes.forEach((lane, i) => {
      const item = timeline.items[i]!;
      const x = xs[i]!;
      if (lane !== null) drawLabel(slide, deck, { item, x, lane });
      slide.addShape("diamond", {
        x: x - 0.11,
        y: TRACK.y - 0.11,
        w: 0.22,
        h: 0.22,
        fill: { color: COLORS.state[item.state] },
        line: { color: COLORS.white, width: 1 },
      });
    });
  }
  const c = page.columns;
  const dateW = Math.max(1.7, dateColumn(deck, 11));
  const top = timeline ? 4.25 : 1.25;
  drawTable(slide, deck, {
    x: CONTENT.x,
    y: top,
    widths: [CONTENT.w - 2 * dateW - 1.3, dateW, dateW, 1.3],
    header: [c.title, c.dueDate, c.doneDate, c.state],
    rows: page.rows.map((row) => [
      row.title,
      row.dueDate,
      row.doneDate,
      [{ text: row.stateLabel, bold: true, color: COLORS.state[row.state] }],
    ]),
    rowH: Math.min(0.55, (6.9 - top - 0.36) / page.rows.length),
    max: 12,
    oneLine: [false, true, true, false],
  });
};

const statusColor = {
  planned: COLORS.accent,
  inProgress: COLORS.target,
  done: COLORS.state.done,
  dropped: COLORS.plan,
} as const;

/** Impact (up) × difficulty (right), 1–5, quadrants split at 3; each item a numbered dot. */
const drawMatrix = (slide: PptxGenJS.Slide, deck: ReportDeck, page: ReportRoadmapSlide) => {
  const area = { x: 0.95, y: 1.3, w: 3.9, h: 4.6 };
  const xOf = (difficulty: number) => area.x + ((difficulty - 0.5) / 5) * area.w;
  const yOf = (impact: number) => area.y + ((5.5 - impact) / 5) * area.h;
  // Each quadrant's name in its outer corner, away from the points near the middle lines.
  const quadrant = (name: string, d: [number, number], i: [number, number], fill: string) => {
    drawText(
      slide,
      deck,
      name,
      { x: xOf(d[0]), y: yOf(i[1]), w: xOf(d[1]) - xOf(d[0]), h: yOf(i[0]) - yOf(i[1]) },
      {
        fill,
        border: COLORS.white,
        size: 10,
        bold: true,
        color: COLORS.muted,
        align: d[0] === 0.5 ? "left" : "right",
        valign: i[0] === 3 ? "top" : "bottom",
      },
    );
  };
  quadrant(page.quadrants.quickWins, [0.5, 3], [3, 5.5], "E6FCF5");
  quadrant(page.quadrants.majorProjects, [3, 5.5], [3, 5.5], "EDF2FF");
  quadrant(page.quadrants.fillIns, [0.5, 3], [0.5, 3], "F8F9FA");
  quadrant(page.quadrants.reconsider, [3, 5.5], [0.5, 3], "FFF5F5");
  for (let n = 1; n <= 5; n++) {
    drawText(
      slide,
      deck,
      String(n),
      { x: xOf(n) - 0.15, y: area.y + area.h + 0.02, w: 0.3, h: 0.25 },
      {
        size: 9,
        color: COLORS.muted,
        align: "center",
      },
    );
    drawText(
      slide,
      deck,
      String(n),
      { x: area.x - 0.32, y: yOf(n) - 0.12, w: 0.3, h: 0.25 },
      {
        size: 9,
        color: COLORS.muted,
        align: "right",
      },
    );
  }
  drawText(
    slide,
    deck,
    `${page.axes.difficulty} →`,
    { x: area.x, y: area.y + area.h + 0.28, w: area.w, h: 0.3 },
    { size: 10, bold: true, color: COLORS.muted, align: "center" },
  );
  drawText(
    slide,
    deck,
    `${page.axes.impact} →`,
    { x: 0.25, y: area.y, w: 0.35, h: area.h },
    {
      size: 10,
      bold: true,
      color: COLORS.muted,
      align: "center",
      valign: "middle",
      vertical: true,
    },
  );
  const seen = new Map<string, number>();
  for (const item of page.items) {
    if (item.impact === null || item.difficulty === null) continue;
    const cell = `${item.difficulty}-${item.impact}`;
    const index = seen.get(cell) ?? 0;
    seen.set(cell, index + 1);
    const angle = index * 2.1;
    const radius = index === 0 ? 0 : 0.3;
    const d = 0.34;
    drawText(
      slide,
      deck,
      String(item.rank),
      {
        x: xOf(item.difficulty) + radius * Math.cos(angle) - d / 2,
        y: yOf(item.impact) + radius * Math.sin(angle) - d / 2,
        w: d,
        h: d,
      },
      {
        size: 10,
        bold: true,
        color: COLORS.white,
        align: "center",
        valign: "middle",
        shape: "ellipse",
        fill: statusColor[item.status],
        border: COLORS.white,
      },
    );
  }
};

export const drawRoadmap = (slide: PptxGenJS.Slide, deck: ReportDeck, page: ReportRoadmapSlide) => {
  if (page.items.length === 0) {
    drawEmpty(slide, deck, page.emptyText);
    return;
  }
  drawMatrix(slide, deck, page);
  const c = page.columns;
  const x = 5.2;
  const dateW = Math.max(1.2, dateColumn(deck, 10));
  const fixed = 0.5 + 1.1 + dateW;
  const rest = CONTENT.x + CONTENT.w - x - fixed;
  const widths = [0.5, rest * 0.24, rest * 0.22, rest * 0.3, rest * 0.24, 1.1, dateW];
  const rowH = Math.min(0.95, (6.5 - 1.25 - 0.36) / page.items.length);
  drawTable(slide, deck, {
    x,
    y: 1.25,
    widths,
    header: [c.rank, c.process, c.purpose, c.how, c.howMuch, c.status, c.startDate],
    rows: page.items.map((item) => [
      [{ text: String(item.rank), bold: true }],
      [{ text: item.process, bold: true }],
      item.purpose || "—",
      item.how || "—",
      item.howMuch || "—",
      [{ text: item.statusLabel, color: statusColor[item.status], bold: true }],
      item.startDate,
    ]),
    rowH,
    max: 12,
    oneLine: [true, false, false, false, false, true, true],
  });
  if (page.unrankedNote) {
    drawText(
      slide,
      deck,
      page.unrankedNote,
      { x, y: 6.55, w: CONTENT.x + CONTENT.w - x, h: 0.3 },
      { size: 9, color: COLORS.muted },
    );
  }
};
