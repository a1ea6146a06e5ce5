import type { ReportDeck, ReportPufuSlide } from "@michi/core";
import type PptxGenJS from "pptxgenjs";
import { type Box, COLORS, drawText, MARGIN, SLIDE } from "./report-pptx-kit";

/*
 * The プ譜 on one slide (seed 000's layout): measures on the left, objectives
 * in the middle, goal and win condition on the right, the eight factors in a
 * band below, arrows measure → objective → win condition.
 */

const TOP = 1.45;
const BOTTOM = 5.2;
const COLUMNS = {
  measures: { x: MARGIN, w: 3.7 },
  objectives: { x: 4.95, w: 3.7 },
  right: { x: 9.6, w: SLIDE.w - MARGIN - 9.6 },
};

/** n boxes stacked in a column between TOP and BOTTOM, centred, at most `maxH` high. */
const stack = (n: number, column: { x: number; w: number }, maxH = 0.95): Box[] => {
  if (n === 0) return [];
  const gap = n > 8 ? 0.05 : 0.12;
  const h = Math.min(maxH, (BOTTOM - TOP - gap * (n - 1)) / n);
  const total = n * h + (n - 1) * gap;
  const y0 = TOP + (BOTTOM - TOP - total) / 2;
  return Array.from({ length: n }, (_, i) => ({ ...column, y: y0 + i * (h + gap), h }));
};

/** An arrow from (x1, y1) to (x2, y2), x2 > x1: a line shape, flipped when it rises. */
const drawArrow = (slide: PptxGenJS.Slide, from: [number, number], to: [number, number]) => {
  const [x1, y1] = from;
  const [x2, y2] = to;
  slide.addShape("line", {
    x: x1,
    y: Math.min(y1, y2),
    w: Math.max(0.01, x2 - x1),
    h: Math.max(0, Math.abs(y2 - y1)),
    flipV: y2 < y1,
    line: { color: COLORS.line, width: 1, endArrowType: "triangle" },
  });
};

export const drawPufu = (slide: PptxGenJS.Slide, deck: ReportDeck, page: ReportPufuSlide) => {
  const l = page.labels;
  const columnHeading = (text: string, column: { x: number; w: number }) =>
    drawText(
      slide,
      deck,
      text,
      { ...column, y: 1.1, h: 0.3 },
      { size: 11, bold: true, color: COLORS.muted, align: "center", valign: "middle" },
    );
  const withMore = (label: string, more: string | null) => (more ? `${label}(${more})` : label);
  columnHeading(withMore(l.measures, page.moreMeasures), COLUMNS.measures);
  columnHeading(withMore(l.objectives, page.moreObjectives), COLUMNS.objectives);
  columnHeading(`${l.goal} / ${l.winCondition}`, COLUMNS.right);

  const right = COLUMNS.right;
  const goalBox = { ...right, y: TOP, h: 1.55 };
  const winBox = { ...right, y: TOP + 1.75, h: BOTTOM - TOP - 1.75 };
  const boxStyle = (fill: string, max = 12) => ({
    fill,
    border: COLORS.border,
    max,
    min: 6,
    valign: "middle" as const,
  });
  drawText(
    slide,
    deck,
    [{ text: l.goal, bold: true }, { text: page.goal }],
    goalBox,
    boxStyle(COLORS.goal, 14),
  );
  drawText(
    slide,
    deck,
    [{ text: l.winCondition, bold: true }, { text: page.winCondition }],
    winBox,
    boxStyle(COLORS.winCondition, 14),
  );

  const objectiveBoxes = new Map<string, Box>();
  stack(page.objectives.length, COLUMNS.objectives).forEach((box, i) => {
    const o = page.objectives[i]!;
    objectiveBoxes.set(o.key, box);
    drawText(
      slide,
      deck,
      [
        { text: o.title, bold: true },
        { text: o.desiredState, muted: true },
      ],
      box,
      boxStyle(COLORS.objective),
    );
    drawArrow(slide, [box.x + box.w, box.y + box.h / 2], [winBox.x, winBox.y + winBox.h / 2]);
  });

  // More than a dozen measures stand in two columns, so each keeps a readable height. Arrows
  // go first: those of the left column pass under the right column's boxes.
  const split = page.measures.length > 12 ? 2 : 1;
  const perColumn = Math.ceil(page.measures.length / split);
  const subW = (COLUMNS.measures.w - (split - 1) * 0.1) / split;
  const measureBoxes = page.measures.map((_, i) => {
    const column = Math.floor(i / perColumn);
    const x = COLUMNS.measures.x + column * (subW + 0.1);
    return stack(perColumn, { x, w: subW })[i % perColumn]!;
  });
  page.measures.forEach((m, i) => {
    const box = measureBoxes[i]!;
    for (const key of m.objectiveKeys) {
      const target = objectiveBoxes.get(key);
      if (!target) continue;
      drawArrow(slide, [box.x + box.w, box.y + box.h / 2], [target.x, target.y + target.h / 2]);
    }
  });
  page.measures.forEach((m, i) => {
    drawText(
      slide,
      deck,
      split === 1
        ? [
            { text: m.title, bold: true },
            { text: m.statusLabel, muted: true },
          ]
        : [{ text: m.title, bold: true }],
      measureBoxes[i]!,
      boxStyle(COLORS.measure[m.status]),
    );
  });

  // Below: the eight factors, four to a row.
  const bandTop = 5.6;
  const gap = 0.1;
  const w = (SLIDE.w - 2 * MARGIN - 3 * gap) / 4;
  const h = (6.95 - bandTop - gap) / 2;
  drawText(
    slide,
    deck,
    l.factors,
    { x: MARGIN, y: bandTop - 0.3, w: 4, h: 0.28 },
    { size: 9, bold: true, color: COLORS.muted, valign: "middle" },
  );
  page.factors.forEach((factor, i) => {
    drawText(
      slide,
      deck,
      [{ text: factor.label, bold: true }, { text: factor.value }],
      { x: MARGIN + (i % 4) * (w + gap), y: bandTop + Math.floor(i / 4) * (h + gap), w, h },
      boxStyle(COLORS.factor, 10),
    );
  });
};
