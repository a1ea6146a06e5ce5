/**
 * Runs in a worker thread (plan-pptx.ts): draws an evaluator report as a
 * PowerPoint file, so the main thread, which on PGlite also runs every SQL
 * statement, keeps answering.
 */
import type { ReportDeck } from "@michi/core";
import { buildReportPptx } from "./report-pptx";

export default async ({ deck }: { deck: ReportDeck }) =>
  new Uint8Array(await buildReportPptx(deck));
