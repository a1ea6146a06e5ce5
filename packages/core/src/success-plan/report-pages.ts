import { type ReportLanguage, reportLabels } from "./report-labels";

/** How many of a list one slide shows; more go on further slides of the same section. */
export const REPORT_PAGE_SIZES = {
  team: 8,
  kpis: 2,
  milestones: 8,
  roadmap: 7,
  retrospective: 4,
  risks: 9,
} as const;

/**
 * The プ譜 is one slide: beyond these, its columns say how many more there
 * are (the web app shows them all).
 */
export const PUFU_LIMITS = { objectives: 10, measures: 24 } as const;

export const chunk = <T>(items: readonly T[], size: number): T[][] => {
  if (items.length === 0) return [[]];
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages;
};

/** The section's heading, with "(2/3)" when it takes more than one slide. */
export const paged = <T>(heading: string, pages: T[][], lang: ReportLanguage) =>
  pages.map((items, i) => ({
    heading:
      pages.length > 1 ? `${heading} ${reportLabels[lang].page(i + 1, pages.length)}` : heading,
    items,
    first: i === 0,
  }));
