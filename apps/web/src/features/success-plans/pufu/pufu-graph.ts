import {
  kpiProgress,
  type MeasureStatus,
  type PlanDocument,
  type PlanFactors,
  type PlanFinding,
} from "@michi/core";

/*
 * The プ譜 as a graph: the document → nodes and edges, before any drawing.
 * Node ids are the keys the server keeps positions under: element keys, and
 * _goal, _winCondition, _factors for the parts that have none.
 */

export const GOAL_ID = "_goal";
export const WIN_CONDITION_ID = "_winCondition";
export const FACTORS_ID = "_factors";

export type PufuNodeKind = "goal" | "winCondition" | "objective" | "measure" | "factors";

/** Fixed sizes: the layout needs them before anything is drawn, and print must not cut text. */
export const NODE_SIZE: Record<PufuNodeKind, { width: number; height: number }> = {
  measure: { width: 220, height: 124 },
  objective: { width: 240, height: 160 },
  winCondition: { width: 260, height: 168 },
  goal: { width: 260, height: 120 },
  // As wide as the three columns (pufu-layout's COLUMN_X), so the band lines up with them.
  factors: { width: 864, height: 220 },
};

export type KpiChip = {
  key: string;
  name: string;
  percent: number | null;
  reached: boolean | null;
};

export type PufuNode =
  | { id: string; kind: "goal"; text: string; findings: PlanFinding[] }
  | { id: string; kind: "winCondition"; text: string; kpis: KpiChip[]; findings: PlanFinding[] }
  | {
      id: string;
      kind: "objective";
      title: string;
      desiredState: string;
      measuresDone: number;
      measuresTotal: number;
      kpis: KpiChip[];
      findings: PlanFinding[];
    }
  | {
      id: string;
      kind: "measure";
      title: string;
      status: MeasureStatus;
      owner: string | null;
      effortHoursPerWeek: number | null;
      findings: PlanFinding[];
    }
  | { id: string; kind: "factors"; factors: PlanFactors; findings: PlanFinding[] };

export type PufuEdge = {
  id: string;
  source: string;
  target: string;
  /** measure → objective (drawn and deleted by hand), or objective → win condition (always there). */
  kind: "serves" | "wins";
};

export type PufuGraph = { nodes: PufuNode[]; edges: PufuEdge[] };

export const linkEdgeId = (measureKey: string, objectiveKey: string) =>
  `${measureKey}->${objectiveKey}`;

/** The element a finding's target points at, as a node id (null: not on the map). */
export const nodeIdOfTarget = (document: PlanDocument, target: string): string | null => {
  if (target === "goal") return GOAL_ID;
  if (target === "winCondition") return WIN_CONDITION_ID;
  if (target === "factors") return FACTORS_ID;
  const { objectives = [], measures = [] } = document.pufu;
  if (objectives.some((o) => o.key === target) || measures.some((m) => m.key === target)) {
    return target;
  }
  // A KPI the win condition names (e.g. it has no target) shows on the win condition.
  if (document.pufu.winCondition.kpiKeys?.includes(target)) return WIN_CONDITION_ID;
  return null;
};

export const buildPufuGraph = (
  document: PlanDocument,
  findings: readonly PlanFinding[],
  options: { asOf?: string } = {},
): PufuGraph => {
  const byNode = new Map<string, PlanFinding[]>();
  for (const finding of findings) {
    const id = nodeIdOfTarget(document, finding.target);
    if (id) byNode.set(id, [...(byNode.get(id) ?? []), finding]);
  }
  const findingsOf = (id: string) => byNode.get(id) ?? [];
  const kpis = document.kpis ?? [];
  const chips = (keys: readonly string[] | undefined): KpiChip[] =>
    (keys ?? []).flatMap((key) => {
      const kpi = kpis.find((candidate) => candidate.key === key);
      if (!kpi) return [];
      const progress = kpiProgress(kpi, options.asOf);
      return [{ key, name: kpi.name, percent: progress.percent, reached: progress.reached }];
    });
  const team = new Map((document.team ?? []).map((member) => [member.key, member.name]));
  const objectives = document.pufu.objectives ?? [];
  const measures = document.pufu.measures ?? [];

  const nodes: PufuNode[] = [
    { id: GOAL_ID, kind: "goal", text: document.pufu.goal, findings: findingsOf(GOAL_ID) },
    {
      id: WIN_CONDITION_ID,
      kind: "winCondition",
      text: document.pufu.winCondition.text,
      kpis: chips(document.pufu.winCondition.kpiKeys),
      findings: findingsOf(WIN_CONDITION_ID),
    },
    ...objectives.map((objective): PufuNode => {
      const serving = measures.filter((m) => m.objectiveKeys?.includes(objective.key));
      return {
        id: objective.key,
        kind: "objective",
        title: objective.title,
        desiredState: objective.desiredState ?? "",
        measuresDone: serving.filter((m) => m.status === "done").length,
        measuresTotal: serving.filter((m) => m.status !== "dropped").length,
        kpis: chips(objective.kpiKeys),
        findings: findingsOf(objective.key),
      };
    }),
    ...measures.map(
      (measure): PufuNode => ({
        id: measure.key,
        kind: "measure",
        title: measure.title,
        status: measure.status ?? "planned",
        owner: measure.ownerKey ? (team.get(measure.ownerKey) ?? null) : null,
        effortHoursPerWeek: measure.effortHoursPerWeek ?? null,
        findings: findingsOf(measure.key),
      }),
    ),
    {
      id: FACTORS_ID,
      kind: "factors",
      factors: document.pufu.factors ?? {},
      findings: findingsOf(FACTORS_ID),
    },
  ];

  const objectiveKeys = new Set(objectives.map((o) => o.key));
  const edges: PufuEdge[] = [
    ...measures.flatMap((measure) =>
      (measure.objectiveKeys ?? [])
        .filter((key) => objectiveKeys.has(key))
        .map(
          (key): PufuEdge => ({
            id: linkEdgeId(measure.key, key),
            source: measure.key,
            target: key,
            kind: "serves",
          }),
        ),
    ),
    ...objectives.map(
      (objective): PufuEdge => ({
        id: `${objective.key}->${WIN_CONDITION_ID}`,
        source: objective.key,
        target: WIN_CONDITION_ID,
        kind: "wins",
      }),
    ),
  ];
  return { nodes, edges };
};
