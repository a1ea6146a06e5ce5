import type {
  ReportCoverSlide,
  ReportDeck,
  ReportPurposeSlide,
  ReportRetrospectiveSlide,
  ReportRisksSlide,
  ReportTeamSlide,
} from "@michi/core";
import type PptxGenJS from "pptxgenjs";
import {
  type Cell,
  COLORS,
  CONTENT,
  drawEmpty,
  drawTable,
  drawText,
  FONT,
  MARGIN,
  SLIDE,
} from "./report-pptx-kit";

/* The slides of the evaluator report that are text: cover, purpose, team, retrospective, risks. */

type Draw<T> = (slide: PptxGenJS.Slide, deck: ReportDeck, page: T) => void;

export const drawCover: Draw<ReportCoverSlide> = (slide, deck, page) => {
  slide.background = { color: COLORS.white };
  slide.addShape("rect", {
    x: 0,
    y: 0,
    w: 0.35,
    h: SLIDE.h,
    fill: { color: COLORS.accent },
    line: { color: COLORS.accent, width: 0 },
  });
  const left = 1.1;
  const w = SLIDE.w - left - 0.8;
  drawText(
    slide,
    deck,
    page.reportTitle,
    { x: left, y: 1.2, w, h: 0.6 },
    { max: 22, min: 14, bold: true, color: COLORS.accent, valign: "bottom" },
  );
  drawText(
    slide,
    deck,
    page.customer,
    { x: left, y: 1.9, w, h: 1.1 },
    { max: 40, min: 20, bold: true, valign: "middle" },
  );
  drawText(
    slide,
    deck,
    page.planTitle,
    { x: left, y: 3.0, w, h: 0.95 },
    { max: 24, min: 14, color: COLORS.muted, valign: "top" },
  );
  slide.addShape("line", {
    x: left,
    y: 4.2,
    w,
    h: 0,
    line: { color: COLORS.accent, width: 2 },
  });
  page.fields.forEach((field, i) => {
    const y = 4.5 + i * 0.62;
    drawText(
      slide,
      deck,
      field.label,
      { x: left, y, w: 2.0, h: 0.5 },
      { size: 14, color: COLORS.muted, valign: "middle" },
    );
    drawText(
      slide,
      deck,
      field.value,
      { x: left + 2.0, y, w: w - 2.0, h: 0.5 },
      { max: 18, min: 10, valign: "middle", ...(field.date ? { oneLine: true } : {}) },
    );
  });
};

/** Business issue → problem → solution → benefit, as four steps left to right. */
export const drawPurpose: Draw<ReportPurposeSlide> = (slide, deck, page) => {
  const gap = 0.12;
  const w = (CONTENT.w - 3 * gap) / 4;
  page.steps.forEach((step, i) => {
    const x = CONTENT.x + i * (w + gap);
    slide.addText(
      [{ text: step.label, options: { lang: deck.locale, bold: true, color: COLORS.white } }],
      {
        x,
        y: 1.35,
        w,
        h: 0.75,
        shape: (i === 0 ? "homePlate" : "chevron") as PptxGenJS.SHAPE_NAME,
        fill: { color: i === 3 ? COLORS.accentDark : COLORS.accent },
        line: { color: COLORS.white, width: 0 },
        fontFace: FONT,
        fontSize: 16,
        lang: deck.locale,
        align: "center",
        valign: "middle",
      },
    );
    drawText(
      slide,
      deck,
      step.hint,
      { x, y: 2.25, w, h: 0.45 },
      { max: 11, min: 8, color: COLORS.muted, valign: "middle" },
    );
    drawText(
      slide,
      deck,
      step.text,
      { x, y: 2.75, w, h: 2.75 },
      { fill: COLORS.accentLight, border: COLORS.accentLight, max: 20, min: 9 },
    );
  });
  // Where it leads: the goal and the win condition, below the four steps.
  const half = (CONTENT.w - gap) / 2;
  page.outcome.forEach((field, i) => {
    drawText(
      slide,
      deck,
      [{ text: field.label, bold: true, color: COLORS.accentDark }, { text: field.value }],
      { x: CONTENT.x + i * (half + gap), y: 5.7, w: half, h: 1.15 },
      { fill: i === 0 ? COLORS.goal : COLORS.winCondition, border: COLORS.border, max: 16, min: 8 },
    );
  });
};

/** Both sides of the project, role by role: the customer's evaluators first. */
export const drawTeam: Draw<ReportTeamSlide> = (slide, deck, page) => {
  const [customer, vendor] = page.sides;
  const columns = [
    { side: customer, x: CONTENT.x, widths: [3.3, 2.0, 2.0] },
    { side: vendor, x: CONTENT.x + 7.3 + 0.3, widths: [1.6, 1.8, 1.53] },
  ];
  const top = 1.25;
  for (const { side, x, widths } of columns) {
    if (!side) continue;
    const w = widths.reduce((a, b) => a + b, 0);
    drawText(
      slide,
      deck,
      side.label,
      { x, y: top, w, h: 0.42 },
      { size: 14, bold: true, fill: COLORS.accent, color: COLORS.white, valign: "middle" },
    );
    if (side.members.length === 0) {
      drawText(
        slide,
        deck,
        page.emptyText,
        { x, y: top + 0.6, w, h: 0.5 },
        { size: 12, color: COLORS.muted },
      );
      continue;
    }
    const bottom = page.cadences ? 5.3 : 6.85;
    const rowH = Math.min(0.8, (bottom - top - 0.5) / side.members.length);
    const rows: Cell[][] = side.members.map((m) => [
      m.duty
        ? [
            { text: m.roleLabel, bold: true },
            { text: m.duty, muted: true },
          ]
        : [{ text: m.roleLabel, bold: true }],
      m.name,
      m.title,
    ]);
    drawTable(slide, deck, {
      x,
      y: top + 0.5,
      widths,
      rows,
      rowH,
      max: 14,
    });
  }
  if (!page.cadences) return;
  drawText(
    slide,
    deck,
    page.cadences.heading,
    { x: CONTENT.x, y: 5.5, w: CONTENT.w, h: 0.36 },
    { size: 12, bold: true, color: COLORS.accentDark, valign: "middle" },
  );
  const items = page.cadences.items;
  const gap = 0.12;
  const w = (CONTENT.w - gap * (items.length - 1)) / items.length;
  items.forEach((item, i) => {
    drawText(
      slide,
      deck,
      [
        { text: item.label, bold: true },
        { text: item.value, muted: true },
      ],
      { x: CONTENT.x + i * (w + gap), y: 5.9, w, h: 0.9 },
      { fill: COLORS.accentLight, border: COLORS.accentLight, max: 14, min: 8, valign: "middle" },
    );
  });
};

export const drawRetrospective: Draw<ReportRetrospectiveSlide> = (slide, deck, page) => {
  const leftW = page.focus ? 8.45 : CONTENT.w;
  drawText(
    slide,
    deck,
    page.stageLabel,
    { x: CONTENT.x, y: 1.15, w: leftW, h: 0.4 },
    { max: 14, min: 9, bold: true, valign: "middle" },
  );
  let y = 1.6;
  if (page.summary) {
    drawText(
      slide,
      deck,
      [{ text: page.summary.label, bold: true }, { text: page.summary.value }],
      { x: CONTENT.x, y, w: leftW, h: 0.85 },
      { fill: COLORS.accentLight, border: COLORS.accentLight, max: 12, min: 8 },
    );
    y += 1.0;
  }
  if (page.reviews.length > 0) {
    const c = page.columns;
    const widths = [1.75, 1.2, 1.85, 1.85, 1.8].map((w) => (w * leftW) / 8.45);
    const rowH = Math.min(1.0, (6.85 - y - 0.36) / page.reviews.length);
    drawTable(slide, deck, {
      x: CONTENT.x,
      y,
      widths,
      header: [c.objective, c.direction, c.held, c.didNotHold, c.changesNext],
      rows: page.reviews.map((r) => [
        [{ text: r.objective, bold: true }],
        [
          {
            text: r.directionLabel,
            bold: true,
            color:
              r.direction === "closer"
                ? COLORS.state.done
                : r.direction === "further"
                  ? COLORS.state.overdue
                  : COLORS.muted,
          },
        ],
        r.held || "—",
        r.didNotHold || "—",
        r.changesNext || "—",
      ]),
      rowH,
      max: 11,
    });
  }
  if (!page.focus) return;
  const x = CONTENT.x + leftW + 0.3;
  const w = SLIDE.w - MARGIN - x;
  drawText(
    slide,
    deck,
    page.focus.heading,
    { x, y: 1.15, w, h: 0.42 },
    { max: 14, min: 9, bold: true, fill: COLORS.accent, color: COLORS.white, valign: "middle" },
  );
  const items = page.focus.items;
  if (items.length === 0) {
    drawText(
      slide,
      deck,
      page.focus.emptyText,
      { x, y: 1.7, w, h: 0.6 },
      { max: 12, color: COLORS.muted },
    );
    return;
  }
  const itemH = Math.min(0.9, (6.85 - 1.7) / items.length - 0.06);
  items.forEach((item, i) => {
    drawText(
      slide,
      deck,
      [
        { text: item.label, muted: true },
        { text: item.value, bold: true },
      ],
      { x, y: 1.7 + i * (itemH + 0.06), w, h: itemH },
      { fill: COLORS.accentLight, border: COLORS.accentLight, max: 12, min: 7 },
    );
  });
};

export const drawRisks: Draw<ReportRisksSlide> = (slide, deck, page) => {
  if (page.findings.length === 0) {
    drawEmpty(slide, deck, page.emptyText);
    return;
  }
  const c = page.columns;
  const rowH = Math.min(0.58, (6.85 - 1.25 - 0.36) / page.findings.length);
  drawTable(slide, deck, {
    x: CONTENT.x,
    y: 1.25,
    widths: [1.35, 2.8, CONTENT.w - 1.35 - 2.8],
    header: [c.severity, c.target, c.finding],
    rows: page.findings.map((f) => [
      [
        { text: "● ", color: COLORS.severity[f.severity], sameLine: true },
        { text: f.severityLabel, bold: true },
      ],
      f.target,
      f.message,
    ]),
    rowH,
    max: 12,
  });
};
