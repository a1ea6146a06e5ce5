import type { ReportDeck } from "@michi/core";
import type PptxGenJS from "pptxgenjs";

/*
 * What every slide of the evaluator report is drawn with: the 16:9 page, the
 * colours, the font, and text boxes whose font size is worked out to fit.
 * Sizes are inches.
 */

export const SLIDE = { w: 13.333, h: 7.5 } as const;
export const MARGIN = 0.4;
/** Where a slide's content goes, under the heading and above the footer. */
export const CONTENT = { x: MARGIN, y: 1.15, w: SLIDE.w - 2 * MARGIN, h: 5.7 } as const;

/**
 * The font named on every run. LibreOffice (and the print view) draw Noto
 * Sans CJK JP; the East Asian slot of each run is rewritten to Yu Gothic when
 * the file is packed (report-pptx.ts), which Office ships, so PowerPoint
 * draws the Japanese in Yu Gothic where Noto is not installed.
 */
export const FONT = "Noto Sans CJK JP";
export const EAST_ASIAN_FONT = "Yu Gothic";

export const COLORS = {
  text: "1F2937",
  muted: "6B7280",
  accent: "3B5BDB",
  accentDark: "364FC7",
  accentLight: "EDF2FF",
  border: "CED4DA",
  rule: "DEE2E6",
  header: "E7ECFB",
  white: "FFFFFF",
  goal: "FEF3C7",
  winCondition: "FDE68A",
  objective: "DBEAFE",
  factor: "F3F4F6",
  line: "4B5563",
  plan: "868E96",
  actual: "3B5BDB",
  target: "F08C00",
  state: { done: "2F9E44", overdue: "E03131", upcoming: "3B5BDB" },
  severity: { error: "E03131", warning: "F08C00", info: "868E96" },
  measure: { planned: "FFFFFF", inProgress: "E0F2FE", done: "DCFCE7", dropped: "E5E7EB" },
} as const;

export type Box = { x: number; y: number; w: number; h: number };

/** Wide characters (CJK, kana, full-width forms) are about 1 em; others about 0.55 em. */
const isWide = (ch: string) => /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch);

/**
 * The width of a line of text in ems of the deck's font, estimated. Between
 * Japanese and Latin text LibreOffice adds a quarter em (its Asian/non-Asian
 * spacing), counted too, so a box sized by this is wide enough in both.
 */
export const textEms = (line: string) => {
  let width = 0;
  let previous: boolean | null = null;
  for (const ch of line) {
    const wide = isWide(ch);
    width += wide ? 1 : 0.55;
    if (previous !== null && previous !== wide && ch.trim() !== "") width += 0.25;
    previous = wide;
  }
  return width;
};

/** The inner margin of text boxes, in points. */
export const TEXT_MARGIN_PT = 4;
const INSET = (2 * TEXT_MARGIN_PT) / 72;

/**
 * The largest font size (points) at which `text` fits a box, estimated: lines
 * wrap at the box's width and stand 1.2 em high. PowerPoint does not shrink
 * text by itself until the box is edited, so the size is worked out here
 * (`fit: "shrink"` is set too, for later edits). With `oneLine`, no line may
 * wrap: each must fit the width whole (dates).
 */
export const fitFontSize = (
  text: string | Line[],
  box: { w: number; h: number },
  range: { max: number; min: number; oneLine?: boolean } = { max: 14, min: 6 },
) => {
  const widthIn = Math.max(0.1, box.w - INSET - 0.08);
  const heightIn = Math.max(0.1, box.h - INSET - 0.02);
  const given: Line[] =
    typeof text === "string" ? text.split("\n").map((t) => ({ text: t })) : text;
  const lines = given.map((line) => ({
    ems: textEms(line.text),
    whole: range.oneLine || line.oneLine,
  }));
  for (let size = range.max; size > range.min; size -= 0.5) {
    const perLine = (widthIn * 72) / size;
    if (lines.some((line) => line.whole && line.ems > perLine)) continue;
    const count = lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(line.ems / perLine)), 0);
    if ((count * size * 1.2) / 72 <= heightIn) return size;
  }
  return range.min;
};

/** The width (inches) a one-line text needs at a font size, margins included. */
export const widthFor = (text: string, fontSize: number) =>
  (textEms(text) * fontSize) / 72 + INSET + 0.1;

/** A run of text; each ends its line unless `sameLine` keeps the next run beside it. */
export type Run = {
  text: string;
  bold?: boolean;
  muted?: boolean;
  color?: string;
  size?: number;
  sameLine?: boolean;
  /** Never wrapped (a date): the cell's font shrinks instead. */
  oneLine?: boolean;
};

/** The runs' text as lines, for fitting. */
/** A line of text; `oneLine` when it must not wrap. */
export type Line = { text: string; oneLine?: boolean };

/** The runs as lines (a run ends its line unless `sameLine`), for fitting. */
const linesOf = (runs: Run[]): Line[] => {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const run of runs) {
    current ??= { text: "" };
    current.text += run.text;
    if (run.oneLine) current.oneLine = true;
    if (!run.sameLine) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines;
};

const runOptions = (runs: Run[], i: number, locale: string) => {
  const r = runs[i]!;
  return {
    bold: r.bold ?? false,
    breakLine: i < runs.length - 1 && !r.sameLine,
    lang: locale,
    ...(r.color ? { color: r.color } : r.muted ? { color: COLORS.muted } : {}),
    ...(r.size ? { fontSize: r.size } : {}),
  };
};

export type TextStyle = {
  fill?: string;
  border?: string;
  max?: number;
  min?: number;
  align?: "left" | "center" | "right";
  valign?: "top" | "middle" | "bottom";
  bold?: boolean;
  color?: string;
  /** A fixed size: no fitting. */
  size?: number;
  /** The box's shape when it has a fill or border: a rectangle unless told. */
  shape?: "rect" | "ellipse";
  /** Text turned to read bottom to top (an axis name). */
  vertical?: boolean;
  /** No line may wrap (a date): the font shrinks instead. */
  oneLine?: boolean;
};

/** Draws text in a box, every run tagged with the deck's language, at the size that fits. */
export const drawText = (
  slide: PptxGenJS.Slide,
  deck: Pick<ReportDeck, "locale">,
  runs: Run[] | string,
  box: Box,
  style: TextStyle = {},
) => {
  const parts = (typeof runs === "string" ? [{ text: runs }] : runs).filter((r) => r.text !== "");
  if (parts.length === 0 && !style.fill && !style.border) return;
  const size =
    style.size ??
    fitFontSize(linesOf(parts), box, {
      max: style.max ?? 14,
      min: style.min ?? 7,
      ...(style.oneLine ? { oneLine: true } : {}),
    });
  slide.addText(
    parts.map((p, i) => ({
      text: p.text,
      options: {
        color: style.color ?? COLORS.text,
        ...runOptions(parts, i, deck.locale),
        bold: p.bold ?? style.bold ?? false,
      },
    })),
    {
      ...box,
      fontFace: FONT,
      fontSize: size,
      lang: deck.locale,
      align: style.align ?? "left",
      valign: style.valign ?? "top",
      margin: TEXT_MARGIN_PT,
      fit: "shrink",
      ...(style.vertical ? { vert: "vert270" as const } : {}),
      ...(style.fill || style.border
        ? {
            shape: (style.shape ?? "rect") as PptxGenJS.SHAPE_NAME,
            fill: { color: style.fill ?? COLORS.white },
            line: { color: style.border ?? style.fill ?? COLORS.white, width: 0.75 },
          }
        : {}),
    },
  );
};

/** A section with nothing to show says so, in the middle of the slide. */
export const drawEmpty = (slide: PptxGenJS.Slide, deck: Pick<ReportDeck, "locale">, text: string) =>
  drawText(
    slide,
    deck,
    text,
    { x: CONTENT.x, y: 3.4, w: CONTENT.w, h: 0.6 },
    { size: 16, color: COLORS.muted, align: "center", valign: "middle" },
  );

/** The heading of a content slide, its rule, and the footer with the page number. */
export const drawFrame = (
  slide: PptxGenJS.Slide,
  deck: ReportDeck,
  params: { heading: string; number: number; count: number },
) => {
  slide.addShape("rect", {
    x: 0,
    y: 0.32,
    w: 0.14,
    h: 0.6,
    fill: { color: COLORS.accent },
    line: { color: COLORS.accent, width: 0 },
  });
  drawText(
    slide,
    deck,
    params.heading,
    { x: MARGIN, y: 0.3, w: SLIDE.w - 2 * MARGIN, h: 0.64 },
    {
      max: 24,
      min: 14,
      bold: true,
      color: COLORS.accentDark,
      valign: "middle",
    },
  );
  slide.addShape("line", {
    x: MARGIN,
    y: 1.0,
    w: SLIDE.w - 2 * MARGIN,
    h: 0,
    line: { color: COLORS.rule, width: 1 },
  });
  const pageText = `${params.number} / ${params.count}`;
  const pageW = widthFor(pageText, 9);
  drawText(
    slide,
    deck,
    deck.footer,
    { x: MARGIN, y: 7.05, w: SLIDE.w - 2 * MARGIN - pageW - 0.2, h: 0.3 },
    { max: 9, min: 6, color: COLORS.muted, valign: "middle" },
  );
  drawText(
    slide,
    deck,
    pageText,
    { x: SLIDE.w - MARGIN - pageW, y: 7.05, w: pageW, h: 0.3 },
    { size: 9, color: COLORS.muted, align: "right", valign: "middle" },
  );
};

export type Cell = string | Run[];

const runsOf = (cell: Cell): Run[] => (typeof cell === "string" ? [{ text: cell }] : cell);

/**
 * A table with fixed row heights: each cell's font size is worked out to fit
 * its cell (a table row in PowerPoint grows with its text instead, past the
 * slide's edge). Column widths are inches; the header row is shaded.
 */
export const drawTable = (
  slide: PptxGenJS.Slide,
  deck: Pick<ReportDeck, "locale">,
  params: {
    x: number;
    y: number;
    widths: number[];
    /** No header row when left out. */
    header?: string[];
    rows: Cell[][];
    rowH: number;
    headerH?: number;
    max?: number;
    /** Columns whose cells never wrap (dates): their font shrinks instead. */
    oneLine?: boolean[];
  },
) => {
  const { widths, rowH } = params;
  const headerH = params.header ? (params.headerH ?? 0.36) : 0;
  const cell = (content: Cell, column: number, h: number, header: boolean): PptxGenJS.TableCell => {
    const runs = runsOf(content).filter((r) => r.text !== "");
    const oneLine = !header && params.oneLine?.[column];
    const size = fitFontSize(
      linesOf(runs),
      { w: widths[column]!, h },
      { max: header ? 11 : (params.max ?? 11), min: 6.5, ...(oneLine ? { oneLine } : {}) },
    );
    return {
      text: runs.map((r, i) => ({
        text: r.text,
        options: {
          color: COLORS.text,
          fontSize: size,
          ...runOptions(runs, i, deck.locale),
          ...(header ? { bold: true } : {}),
        },
      })),
      options: {
        fontSize: size,
        lang: deck.locale,
        valign: "middle",
        ...(header ? { fill: { color: COLORS.header } } : {}),
      },
    };
  };
  slide.addTable(
    [
      ...(params.header ? [params.header.map((text, i) => cell(text, i, headerH, true))] : []),
      ...params.rows.map((row) => row.map((c, i) => cell(c, i, rowH, false))),
    ],
    {
      x: params.x,
      y: params.y,
      w: widths.reduce((a, b) => a + b, 0),
      colW: widths,
      rowH: [...(params.header ? [headerH] : []), ...params.rows.map(() => rowH)],
      fontFace: FONT,
      color: COLORS.text,
      margin: TEXT_MARGIN_PT,
      border: { type: "solid", pt: 0.75, color: COLORS.border },
      valign: "middle",
    },
  );
};
