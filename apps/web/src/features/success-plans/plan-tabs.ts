/** The plan page's sections, in order; also the route's `tab` search parameter. */
export const planTabs = [
  "pufu",
  "purpose",
  "roadmap",
  "kpis",
  "milestones",
  "meetings",
  "checks",
  "stages",
  "history",
] as const;
export type PlanTab = (typeof planTabs)[number];
