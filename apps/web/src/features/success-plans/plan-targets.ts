import type { PlanDocument } from "@michi/core";
import type { PlanTab } from "./plan-tabs";
import { nodeIdOfTarget } from "./pufu/pufu-graph";

export type TargetPlace = {
  /** The element's name, or null for a fixed target (goal, team…) that the UI names itself. */
  name: string | null;
  kind:
    | "goal"
    | "winCondition"
    | "factors"
    | "team"
    | "roadmap"
    | "meetings"
    | "objective"
    | "measure"
    | "kpi"
    | "roadmapItem"
    | "milestone"
    | "task"
    | "teamMember"
    | "meetingCadence"
    | "failurePattern"
    | "exitCriterion"
    | "other";
  tab: PlanTab;
  /** The node to select on the map, when the element is on it. */
  nodeId: string | null;
};

/** Where a finding's target lives: its name, the tab that edits it, its node on the map. */
export const placeOfTarget = (doc: PlanDocument, target: string): TargetPlace => {
  const nodeId = nodeIdOfTarget(doc, target);
  const fixed: Record<string, TargetPlace["kind"]> = {
    goal: "goal",
    winCondition: "winCondition",
    factors: "factors",
    team: "team",
    roadmap: "roadmap",
    meetings: "meetings",
  };
  const fixedKind = fixed[target];
  if (fixedKind) {
    const tab: PlanTab =
      fixedKind === "team"
        ? "purpose"
        : fixedKind === "roadmap"
          ? "roadmap"
          : fixedKind === "meetings"
            ? "meetings"
            : "pufu";
    return { name: null, kind: fixedKind, tab, nodeId };
  }
  const find = <T extends { key: string }>(list: T[] | undefined) =>
    list?.find((e) => e.key === target);
  const objective = find(doc.pufu.objectives);
  if (objective) return { name: objective.title, kind: "objective", tab: "pufu", nodeId };
  const measure = find(doc.pufu.measures);
  if (measure) return { name: measure.title, kind: "measure", tab: "pufu", nodeId };
  const kpi = find(doc.kpis);
  if (kpi) return { name: kpi.name, kind: "kpi", tab: "kpis", nodeId: null };
  const item = find(doc.roadmap);
  if (item) return { name: item.process, kind: "roadmapItem", tab: "roadmap", nodeId: null };
  const milestone = find(doc.milestones);
  if (milestone)
    return { name: milestone.title, kind: "milestone", tab: "milestones", nodeId: null };
  const task = find(doc.tasks);
  if (task) return { name: task.title, kind: "task", tab: "milestones", nodeId: null };
  const member = find(doc.team);
  if (member) return { name: member.name, kind: "teamMember", tab: "purpose", nodeId: null };
  const cadence = find(doc.meetingCadences);
  if (cadence) return { name: cadence.name, kind: "meetingCadence", tab: "meetings", nodeId: null };
  const pattern = find(doc.failurePatterns);
  if (pattern) return { name: pattern.text, kind: "failurePattern", tab: "meetings", nodeId: null };
  return { name: target, kind: "other", tab: "checks", nodeId: null };
};

/**
 * Where a finding points. An exit criterion belongs to the workspace's
 * lifecycle phases, not to the plan: its target ("phase.criterion") is named
 * as such, and the message quotes the criterion.
 */
export const placeOfFinding = (
  doc: PlanDocument,
  finding: { code: string; target: string },
): TargetPlace =>
  finding.code === "exit-criterion-unrealistic"
    ? { name: null, kind: "exitCriterion", tab: "checks", nodeId: null }
    : placeOfTarget(doc, finding.target);
