import type { PlanFinding, PlanFindingSeverity } from "./plan-check-codes";
import type { KpiKind, MeasureStatus, PlanDocument, PlanRole, PlanSide } from "./plan-document";
import type { ReportLabels, ReportLanguage, ReportSection } from "./report-labels";
import type { RetrospectiveDirection, StageRetrospective } from "./stage-retrospective";

/*
 * The evaluator report's slides as data (evaluator-report.ts makes them):
 * every word, number and date already in the report's language, positions on
 * a timeline as 0..1. The PowerPoint and the print view draw these.
 */

/** A labelled value; `date` marks one that must stay on one line (a date never wraps). */
export type ReportField = { label: string; value: string; date?: true };

export type ReportInput = {
  document: PlanDocument;
  lang: ReportLanguage;
  /** The sections to show; all when left out. Shown in reportSections' order whatever the order given. */
  sections?: readonly ReportSection[];
  /** The report's date, YYYY-MM-DD. */
  today: string;
  /** The customer's name; the document's account name when left out. */
  accountName?: string;
  /** Who presents when the team names no CSM on our side (the person exporting). */
  presenter?: string;
  /** The open stage's number. */
  stage: number;
  /** The last closed stage, with the document as it was then (for the objectives' titles). */
  lastStage?: {
    number: number;
    closedOn: string;
    retrospective: StageRetrospective;
    document?: PlanDocument;
  } | null;
  /** The plan's open findings (checkPlan as of `today`). */
  findings: readonly PlanFinding[];
};

type Page = { heading: string };

export type ReportCoverSlide = Page & {
  section: "cover";
  reportTitle: string;
  customer: string;
  planTitle: string;
  fields: ReportField[];
};

export type ReportPurposeSlide = Page & {
  section: "purpose";
  steps: { key: string; label: string; hint: string; text: string }[];
  /** Where the purpose leads: the goal and the win condition of the プ譜. */
  outcome: ReportField[];
};

export type ReportTeamMember = {
  role: PlanRole;
  roleLabel: string;
  duty: string;
  name: string;
  title: string;
};

export type ReportTeamSlide = Page & {
  section: "team";
  sides: { side: PlanSide; label: string; members: ReportTeamMember[] }[];
  /** The meeting cadences (会議体), on the section's first slide: who meets how often. */
  cadences: { heading: string; items: ReportField[] } | null;
  emptyText: string;
};

export type ReportPufuSlide = Page & {
  section: "pufu";
  labels: ReportLabels["pufu"];
  goal: string;
  winCondition: string;
  objectives: { key: string; title: string; desiredState: string }[];
  measures: {
    key: string;
    title: string;
    status: MeasureStatus;
    statusLabel: string;
    objectiveKeys: string[];
  }[];
  /** "他 6 件" when the slide leaves some out (PUFU_LIMITS). */
  moreObjectives: string | null;
  moreMeasures: string | null;
  factors: ReportField[];
};

/** A KPI's chart: the dates it has a value on, the plan line's value and the actual on each (null: none). */
export type ReportKpiChart = {
  dates: string[];
  plan: (number | null)[];
  actual: (number | null)[];
  target: number | null;
  unit: string;
  labels: { plan: string; actual: string };
};

export type ReportKpiCard = {
  key: string;
  kind: KpiKind;
  kindLabel: string;
  name: string;
  chart: ReportKpiChart | null;
  noDataText: string;
  facts: ReportField[];
};

export type ReportKpiSlide = Page & { section: "kpis"; cards: ReportKpiCard[]; emptyText: string };

export type MilestoneState = "done" | "overdue" | "upcoming";

export type ReportMilestoneSlide = Page & {
  section: "milestones";
  columns: { title: string; dueDate: string; doneDate: string; state: string };
  /** Positions are 0..1 along the period. */
  timeline: {
    ticks: { at: number; label: string }[];
    today: { at: number; label: string } | null;
    items: { key: string; title: string; at: number; state: MilestoneState; date: string }[];
  } | null;
  rows: {
    key: string;
    title: string;
    dueDate: string;
    doneDate: string;
    state: MilestoneState;
    stateLabel: string;
  }[];
  emptyText: string;
};

export type ReportRoadmapSlide = Page & {
  section: "roadmap";
  columns: {
    rank: string;
    process: string;
    purpose: string;
    how: string;
    howMuch: string;
    status: string;
    startDate: string;
  };
  axes: { impact: string; difficulty: string };
  quadrants: { quickWins: string; majorProjects: string; fillIns: string; reconsider: string };
  unrankedNote: string | null;
  items: {
    key: string;
    rank: number;
    process: string;
    purpose: string;
    how: string;
    howMuch: string;
    status: MeasureStatus;
    statusLabel: string;
    startDate: string;
    impact: number | null;
    difficulty: number | null;
  }[];
  emptyText: string;
};

export type ReportRetrospectiveSlide = Page & {
  section: "retrospective";
  /** "Retrospective of stage 1 (closed …)", or that no stage is closed yet. */
  stageLabel: string;
  summary: ReportField | null;
  columns: {
    objective: string;
    direction: string;
    held: string;
    didNotHold: string;
    changesNext: string;
  };
  reviews: {
    key: string;
    objective: string;
    direction: RetrospectiveDirection;
    directionLabel: string;
    held: string;
    didNotHold: string;
    changesNext: string;
  }[];
  /** The next stage's focus; on the first of the section's slides only. */
  focus: { heading: string; items: ReportField[]; emptyText: string } | null;
};

export type ReportRisksSlide = Page & {
  section: "risks";
  columns: { severity: string; target: string; finding: string };
  findings: {
    severity: PlanFindingSeverity;
    severityLabel: string;
    target: string;
    message: string;
  }[];
  emptyText: string;
};

export type ReportSlide =
  | ReportCoverSlide
  | ReportPurposeSlide
  | ReportTeamSlide
  | ReportPufuSlide
  | ReportKpiSlide
  | ReportMilestoneSlide
  | ReportRoadmapSlide
  | ReportRetrospectiveSlide
  | ReportRisksSlide;

export type ReportDeck = {
  lang: ReportLanguage;
  /** BCP 47 tag of every text in the deck: ja-JP or en-US. */
  locale: string;
  /** The file's title: the report and the plan. */
  title: string;
  /** Under every slide but the cover: customer · plan · date. */
  footer: string;
  slides: ReportSlide[];
};
