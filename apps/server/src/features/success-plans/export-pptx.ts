import { kpiProgress, type PlanDocument, type PlanKpi } from "@michi/core";
import PptxGenJS from "pptxgenjs";

/*
 * A one-page PowerPoint of the プ譜 (seed 000's layout: measures on the left,
 * objectives in the middle, goal and win condition on the right, the eight
 * factors in a band below, arrows measure → objective → win condition) and a
 * slide with the KPI sheet. 16:9 wide layout, sizes in inches.
 */

export type PptxLanguage = "ja" | "en";

/** Japanese glyphs need a Japanese font; Office ships Yu Gothic, others substitute a CJK font. */
const FONT = "Yu Gothic";
const COLORS = {
  text: "1F2937",
  muted: "6B7280",
  border: "9CA3AF",
  goal: "FEF3C7",
  winCondition: "FDE68A",
  objective: "DBEAFE",
  line: "4B5563",
  factor: "F3F4F6",
  header: "E5E7EB",
  measure: { planned: "FFFFFF", inProgress: "E0F2FE", done: "DCFCE7", dropped: "E5E7EB" },
} as const;

const labels = {
  ja: {
    measures: "施策",
    objectives: "中間目的",
    goal: "獲得目標",
    winCondition: "勝利条件",
    factors: "廟算八要素",
    kpiSheet: "KGI / KPI",
    status: { planned: "未着手", inProgress: "進行中", done: "完了", dropped: "中止" },
    factorNames: {
      people: "ひと",
      money: "お金",
      time: "時間",
      quality: "クオリティ",
      dealStructure: "商流・座組",
      environment: "環境",
      rivals: "ライバル",
      externalThreats: "外敵",
    },
    kpiColumns: [
      "名前",
      "種別",
      "基準値",
      "目標値",
      "最新値",
      "進捗",
      "期限",
      "評価方法",
      "データソース",
    ],
    noKpis: "KPI はまだありません",
    people: (headcount: number, hours: number) => `${headcount}人 × 週${hours}時間`,
  },
  en: {
    measures: "Measures",
    objectives: "Objectives",
    goal: "Goal",
    winCondition: "Win condition",
    factors: "Eight factors",
    kpiSheet: "KGI / KPI",
    status: { planned: "Planned", inProgress: "In progress", done: "Done", dropped: "Dropped" },
    factorNames: {
      people: "People",
      money: "Money",
      time: "Time",
      quality: "Quality",
      dealStructure: "Deal structure",
      environment: "Environment",
      rivals: "Rivals",
      externalThreats: "External threats",
    },
    kpiColumns: [
      "Name",
      "Kind",
      "Baseline",
      "Target",
      "Latest",
      "Progress",
      "Due",
      "Evaluation method",
      "Data source",
    ],
    noKpis: "No KPIs yet",
    people: (headcount: number, hours: number) => `${headcount} × ${hours} h/week`,
  },
} as const;

const SLIDE = { w: 13.333, h: 7.5 };
const MARGIN = 0.3;
const TOP = 1.0;
const BOTTOM = 5.35;
const COLUMNS = {
  measures: { x: 0.3, w: 3.7 },
  objectives: { x: 4.9, w: 3.7 },
  right: { x: 9.6, w: 3.43 },
};
const INSET = 0.05;

/**
 * The largest font size (points) at which `text` fits a box, estimated: a
 * CJK character is about 1 em wide, others about 0.55 em, lines 1.2 em high.
 * PowerPoint does not shrink text by itself until the box is edited, so the
 * size is worked out here; `fit: "shrink"` is set too for later edits.
 */
export const fitFontSize = (
  text: string,
  box: { w: number; h: number },
  range: { max: number; min: number } = { max: 14, min: 6 },
) => {
  const widthIn = Math.max(0.1, box.w - 2 * (INSET + 0.05));
  const heightIn = Math.max(0.1, box.h - 2 * (INSET + 0.03));
  const ems = (line: string) => {
    let width = 0;
    for (const ch of line) width += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.55;
    return width;
  };
  for (let size = range.max; size > range.min; size -= 0.5) {
    const perLine = (widthIn * 72) / size;
    const lines = text
      .split("\n")
      .reduce((sum, line) => sum + Math.max(1, Math.ceil(ems(line) / perLine)), 0);
    if ((lines * size * 1.2) / 72 <= heightIn) return size;
  }
  return range.min;
};

type Box = { x: number; y: number; w: number; h: number };

/** n boxes stacked in a column between TOP and BOTTOM, centred, at most `maxH` high. */
const stack = (n: number, column: { x: number; w: number }, maxH = 1.0): Box[] => {
  if (n === 0) return [];
  const gap = n > 8 ? 0.06 : 0.12;
  const h = Math.min(maxH, (BOTTOM - TOP - gap * (n - 1)) / n);
  const total = n * h + (n - 1) * gap;
  const y0 = TOP + (BOTTOM - TOP - total) / 2;
  return Array.from({ length: n }, (_, i) => ({ ...column, y: y0 + i * (h + gap), h }));
};

const addBox = (
  slide: PptxGenJS.Slide,
  box: Box,
  parts: { text: string; bold?: boolean; muted?: boolean }[],
  fill: string,
  maxFont = 12,
) => {
  const visible = parts.filter((p) => p.text.trim() !== "");
  const size = fitFontSize(visible.map((p) => p.text).join("\n"), box, { max: maxFont, min: 6 });
  slide.addText(
    visible.map((p, i) => ({
      text: p.text,
      options: {
        bold: p.bold ?? false,
        color: p.muted ? COLORS.muted : COLORS.text,
        breakLine: i < visible.length - 1,
      },
    })),
    {
      ...box,
      shape: "rect",
      fill: { color: fill },
      line: { color: COLORS.border, width: 0.75 },
      fontFace: FONT,
      fontSize: size,
      valign: "middle",
      margin: 4,
      fit: "shrink",
    },
  );
};

/** An arrow from (x1, y1) to (x2, y2), x2 > x1: a line shape, flipped when it rises. */
const addArrow = (slide: PptxGenJS.Slide, from: [number, number], to: [number, number]) => {
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

const addPufuSlide = (pptx: PptxGenJS, doc: PlanDocument, lang: PptxLanguage) => {
  const l = labels[lang];
  const slide = pptx.addSlide();
  slide.addText(doc.title, {
    x: MARGIN,
    y: 0.15,
    w: SLIDE.w - 2 * MARGIN,
    h: 0.45,
    fontFace: FONT,
    fontSize: fitFontSize(doc.title, { w: SLIDE.w - 2 * MARGIN, h: 0.45 }, { max: 18, min: 10 }),
    bold: true,
    color: COLORS.text,
  });
  const heading = (text: string, column: { x: number; w: number }) =>
    slide.addText(text, {
      ...column,
      y: 0.62,
      h: 0.3,
      fontFace: FONT,
      fontSize: 11,
      bold: true,
      color: COLORS.muted,
      align: "center",
    });
  heading(l.measures, COLUMNS.measures);
  heading(l.objectives, COLUMNS.objectives);
  heading(`${l.goal} / ${l.winCondition}`, COLUMNS.right);

  // Right: the goal above the win condition.
  const right = COLUMNS.right;
  const goalBox = { ...right, y: TOP, h: 1.7 };
  const winBox = { ...right, y: TOP + 1.95, h: BOTTOM - TOP - 1.95 };
  addBox(slide, goalBox, [{ text: l.goal, bold: true }, { text: doc.pufu.goal }], COLORS.goal, 14);
  addBox(
    slide,
    winBox,
    [{ text: l.winCondition, bold: true }, { text: doc.pufu.winCondition.text }],
    COLORS.winCondition,
    14,
  );

  const objectives = doc.pufu.objectives ?? [];
  const objectiveBoxes = new Map<string, Box>();
  stack(objectives.length, COLUMNS.objectives).forEach((box, i) => {
    const o = objectives[i]!;
    objectiveBoxes.set(o.key, box);
    addBox(
      slide,
      box,
      [
        { text: o.title, bold: true },
        { text: o.desiredState ?? "", muted: true },
      ],
      COLORS.objective,
    );
    addArrow(slide, [box.x + box.w, box.y + box.h / 2], [winBox.x, winBox.y + winBox.h / 2]);
  });

  const measures = doc.pufu.measures ?? [];
  stack(measures.length, COLUMNS.measures).forEach((box, i) => {
    const m = measures[i]!;
    const status = m.status ?? "planned";
    addBox(
      slide,
      box,
      [
        { text: m.title, bold: true },
        { text: l.status[status], muted: true },
      ],
      COLORS.measure[status],
    );
    for (const key of m.objectiveKeys ?? []) {
      const target = objectiveBoxes.get(key);
      if (!target) continue;
      addArrow(slide, [box.x + box.w, box.y + box.h / 2], [target.x, target.y + target.h / 2]);
    }
  });

  // Below: the eight factors, four to a row.
  const f = doc.pufu.factors ?? {};
  const names = Object.keys(l.factorNames) as (keyof typeof l.factorNames)[];
  const bandTop = 5.62;
  const gap = 0.1;
  const w = (SLIDE.w - 2 * MARGIN - 3 * gap) / 4;
  const h = (SLIDE.h - 0.15 - bandTop - gap) / 2;
  names.forEach((name, i) => {
    let text = f[name] ?? "";
    if (name === "people" && f.headcount !== undefined && f.hoursPerWeekPerPerson !== undefined) {
      text = `${text}${text ? "\n" : ""}${l.people(f.headcount, f.hoursPerWeekPerPerson)}`;
    }
    const box = {
      x: MARGIN + (i % 4) * (w + gap),
      y: bandTop + Math.floor(i / 4) * (h + gap),
      w,
      h,
    };
    addBox(slide, box, [{ text: l.factorNames[name], bold: true }, { text }], COLORS.factor, 10);
  });
  slide.addText(l.factors, {
    x: MARGIN,
    y: bandTop - 0.27,
    w: 3,
    h: 0.25,
    fontFace: FONT,
    fontSize: 9,
    bold: true,
    color: COLORS.muted,
  });
};

const formatNumber = (value: number | undefined, unit: string | undefined) =>
  value === undefined ? "" : `${value.toLocaleString("ja-JP")}${unit ? ` ${unit}` : ""}`;

const kpiRow = (kpi: PlanKpi) => {
  const progress = kpiProgress(kpi);
  return [
    kpi.name,
    kpi.kind.toUpperCase(),
    formatNumber(kpi.baseline, kpi.unit),
    formatNumber(kpi.target, kpi.unit),
    progress.latest
      ? `${formatNumber(progress.latest.value, kpi.unit)} (${progress.latest.date})`
      : "",
    progress.percent === null ? "" : `${Math.round(progress.percent)}%`,
    kpi.dueDate ?? "",
    kpi.evaluationMethod ?? "",
    kpi.dataSource ?? "",
  ];
};

const addKpiSlide = (pptx: PptxGenJS, doc: PlanDocument, lang: PptxLanguage) => {
  const l = labels[lang];
  const slide = pptx.addSlide();
  slide.addText(`${l.kpiSheet} — ${doc.title}`, {
    x: MARGIN,
    y: 0.15,
    w: SLIDE.w - 2 * MARGIN,
    h: 0.45,
    fontFace: FONT,
    fontSize: 16,
    bold: true,
    color: COLORS.text,
  });
  const cell = (text: string, header = false) => ({
    text,
    options: header ? { bold: true, fill: { color: COLORS.header } } : {},
  });
  const kpis = doc.kpis ?? [];
  const rows = [
    l.kpiColumns.map((c) => cell(c, true)),
    ...(kpis.length > 0
      ? kpis.map((k) => kpiRow(k).map((text) => cell(text)))
      : // (a colspan row is dropped by autoPage: one text cell and empty ones)
        [l.kpiColumns.map((_, i) => cell(i === 0 ? l.noKpis : ""))]),
  ];
  slide.addTable(rows, {
    x: MARGIN,
    y: 0.75,
    w: SLIDE.w - 2 * MARGIN,
    colW: [2.2, 0.6, 1.0, 1.0, 1.5, 0.7, 1.0, 2.4, 2.33],
    fontFace: FONT,
    fontSize: 9,
    color: COLORS.text,
    border: { type: "solid", pt: 0.5, color: COLORS.border },
    valign: "middle",
    autoPage: true,
    autoPageRepeatHeader: true,
    autoPageHeaderRows: 1,
  });
};

/** The plan as a .pptx file: the プ譜 on slide 1, the KPI sheet from slide 2. */
export const buildPlanPptx = async (doc: PlanDocument, lang: PptxLanguage = "ja") => {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = doc.title;
  pptx.company = "Michi";
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  addPufuSlide(pptx, doc, lang);
  addKpiSlide(pptx, doc, lang);
  const data = await pptx.write({ outputType: "nodebuffer" });
  return data as Buffer;
};
