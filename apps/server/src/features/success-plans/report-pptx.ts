import type { ReportDeck, ReportSlide } from "@michi/core";
import JSZip from "jszip";
import PptxGenJS from "pptxgenjs";
import { drawKpis, drawMilestones, drawRoadmap } from "./report-pptx-charts";
import { drawFrame, EAST_ASIAN_FONT, FONT } from "./report-pptx-kit";
import { drawPufu } from "./report-pptx-pufu";
import {
  drawCover,
  drawPurpose,
  drawRetrospective,
  drawRisks,
  drawTeam,
} from "./report-pptx-slides";

/*
 * The evaluator report as a PowerPoint file: core's buildEvaluatorReport
 * decides the slides and their words; this draws them with pptxgenjs, one
 * function per section. It runs in the export's worker thread (pptx-thread.ts).
 */

const drawSlide = (slide: PptxGenJS.Slide, deck: ReportDeck, page: ReportSlide) => {
  switch (page.section) {
    case "cover":
      return drawCover(slide, deck, page);
    case "purpose":
      return drawPurpose(slide, deck, page);
    case "team":
      return drawTeam(slide, deck, page);
    case "pufu":
      return drawPufu(slide, deck, page);
    case "kpis":
      return drawKpis(slide, deck, page);
    case "milestones":
      return drawMilestones(slide, deck, page);
    case "roadmap":
      return drawRoadmap(slide, deck, page);
    case "retrospective":
      return drawRetrospective(slide, deck, page);
    case "risks":
      return drawRisks(slide, deck, page);
    default:
      return page satisfies never;
  }
};

/** The East Asian font slot pptxgenjs writes, on text runs (with a pitch family) and in tables. */
const EAST_ASIAN_SLOT = new RegExp(`<a:ea typeface="${FONT}"[^>]*/>`, "g");

/**
 * What pptxgenjs has no option for, fixed in the packed XML:
 * - the East Asian font slot of each run names Yu Gothic with the Japanese
 *   character set (pptxgenjs writes the Latin font there, with the GB2312 set,
 *   which makes PowerPoint reach for a Chinese font when the font is missing);
 * - the language of the masters, layouts, notes and chart defaults, which
 *   pptxgenjs always writes as en-US: a Japanese deck is ja-JP throughout, so
 *   PowerPoint checks its spelling as Japanese and picks Japanese glyph forms.
 */
const finishPackage = async (file: Buffer, deck: ReportDeck) => {
  const zip = await JSZip.loadAsync(file);
  const parts = Object.keys(zip.files).filter((name) => /^ppt\/.*\.xml$/.test(name));
  for (const name of parts) {
    const part = zip.file(name);
    if (!part) continue;
    const xml = await part.async("string");
    let fixed = xml.replace(
      EAST_ASIAN_SLOT,
      `<a:ea typeface="${EAST_ASIAN_FONT}" pitchFamily="34" charset="-128"/>`,
    );
    if (deck.locale !== "en-US") fixed = fixed.replace(/\blang="en-US"/g, `lang="${deck.locale}"`);
    if (fixed !== xml) zip.file(name, fixed);
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
};

/** The deck as a .pptx file, 16:9. */
export const buildReportPptx = async (deck: ReportDeck): Promise<Uint8Array> => {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = deck.title;
  pptx.company = "Michi";
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  deck.slides.forEach((page, i) => {
    const slide = pptx.addSlide();
    if (page.section !== "cover") {
      drawFrame(slide, deck, { heading: page.heading, number: i + 1, count: deck.slides.length });
    }
    drawSlide(slide, deck, page);
  });
  const file = (await pptx.write({ outputType: "nodebuffer" })) as Buffer;
  return finishPackage(file, deck);
};
