/**
 * Runs in a worker thread (plan-pptx.ts): builds a plan's PowerPoint, so the
 * main thread, which on PGlite also runs every SQL statement, keeps answering.
 */
import type { PlanDocument } from "@michi/core";
import { buildPlanPptx, type PptxLanguage } from "./export-pptx";

export default async ({ document, lang }: { document: PlanDocument; lang: PptxLanguage }) =>
  new Uint8Array(await buildPlanPptx(document, lang));
