import type {
  PlanDocument,
  PlanKpi,
  PlanMeasure,
  PlanMilestone,
  PlanObjective,
  PlanRoadmapItem,
  PlanTask,
  PlanTeamMember,
} from "@michi/core";

/*
 * Pure edits of a plan document, used by every form and by the canvas. Each
 * returns a new document; removing an element also removes the references to
 * it, so the document stays valid (validatePlanDocument refuses dangling keys).
 */

export type PlanUpdate = (document: PlanDocument) => PlanDocument;

/** Every key in the document: keys are unique across all collections. */
const allKeys = (doc: PlanDocument): string[] =>
  [
    ...(doc.team ?? []),
    ...(doc.pufu.objectives ?? []),
    ...(doc.pufu.measures ?? []),
    ...(doc.roadmap ?? []),
    ...(doc.kpis ?? []),
    ...(doc.milestones ?? []),
    ...(doc.tasks ?? []),
    ...(doc.meetingCadences ?? []),
    ...(doc.failurePatterns ?? []),
  ].map((element) => element.key);

/** The next free key with a prefix: o1, o2… (after the highest number in use). */
export const nextKey = (doc: PlanDocument, prefix: string): string => {
  const used = new Set(allKeys(doc));
  let highest = 0;
  for (const key of used) {
    const match = key.startsWith(prefix) ? /^(\d+)$/.exec(key.slice(prefix.length)) : null;
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  let number = highest + 1;
  while (used.has(`${prefix}${number}`)) number += 1;
  return `${prefix}${number}`;
};

/** Drops undefined, blank strings and empty arrays from an element's optional fields. */
export const compact = <T extends object>(element: T): T =>
  Object.fromEntries(
    Object.entries(element).filter(
      ([, value]) =>
        value !== undefined &&
        value !== null &&
        !(typeof value === "string" && value.trim() === "") &&
        !(Array.isArray(value) && value.length === 0),
    ),
  ) as T;

const without = (keys: string[] | undefined, key: string) => {
  const rest = (keys ?? []).filter((candidate) => candidate !== key);
  return rest.length > 0 ? rest : undefined;
};

type Keyed = { key: string };
const replaceIn = <T extends Keyed>(list: T[] | undefined, element: T): T[] => {
  const items = list ?? [];
  return items.some((item) => item.key === element.key)
    ? items.map((item) => (item.key === element.key ? element : item))
    : [...items, element];
};

/* The プ譜 */

export const setGoal =
  (goal: string, winCondition: { text: string; kpiKeys: string[] }): PlanUpdate =>
  (doc) => ({
    ...doc,
    pufu: {
      ...doc.pufu,
      goal,
      winCondition: compact(winCondition) as PlanDocument["pufu"]["winCondition"],
    },
  });

export const putObjective =
  (objective: PlanObjective): PlanUpdate =>
  (doc) => ({
    ...doc,
    pufu: { ...doc.pufu, objectives: replaceIn(doc.pufu.objectives, compact(objective)) },
  });

export const removeObjective =
  (key: string): PlanUpdate =>
  (doc) => ({
    ...doc,
    pufu: {
      ...doc.pufu,
      objectives: (doc.pufu.objectives ?? []).filter((o) => o.key !== key),
      measures: doc.pufu.measures?.map((m) =>
        compact({ ...m, objectiveKeys: without(m.objectiveKeys, key) }),
      ),
    },
    milestones: doc.milestones?.map((ms) =>
      compact({ ...ms, objectiveKeys: without(ms.objectiveKeys, key) }),
    ),
  });

export const putMeasure =
  (measure: PlanMeasure): PlanUpdate =>
  (doc) => ({
    ...doc,
    pufu: { ...doc.pufu, measures: replaceIn(doc.pufu.measures, compact(measure)) },
  });

export const removeMeasure =
  (key: string): PlanUpdate =>
  (doc) => ({
    ...doc,
    pufu: { ...doc.pufu, measures: (doc.pufu.measures ?? []).filter((m) => m.key !== key) },
    tasks: doc.tasks?.map((task) =>
      task.measureKey === key ? compact({ ...task, measureKey: undefined }) : task,
    ),
  });

/** Draws the arrow measure → objective (a no-op when it is there). */
export const linkMeasure =
  (measureKey: string, objectiveKey: string): PlanUpdate =>
  (doc) => ({
    ...doc,
    pufu: {
      ...doc.pufu,
      measures: doc.pufu.measures?.map((m) =>
        m.key === measureKey && !(m.objectiveKeys ?? []).includes(objectiveKey)
          ? { ...m, objectiveKeys: [...(m.objectiveKeys ?? []), objectiveKey] }
          : m,
      ),
    },
  });

export const unlinkMeasure =
  (measureKey: string, objectiveKey: string): PlanUpdate =>
  (doc) => ({
    ...doc,
    pufu: {
      ...doc.pufu,
      measures: doc.pufu.measures?.map((m) =>
        m.key === measureKey
          ? compact({ ...m, objectiveKeys: without(m.objectiveKeys, objectiveKey) })
          : m,
      ),
    },
  });

export const setFactors =
  (factors: NonNullable<PlanDocument["pufu"]["factors"]>): PlanUpdate =>
  (doc) => ({ ...doc, pufu: { ...doc.pufu, factors: compact(factors) } });

/* KPIs */

export const putKpi =
  (kpi: PlanKpi): PlanUpdate =>
  (doc) => ({ ...doc, kpis: replaceIn(doc.kpis, compact(kpi)) });

export const removeKpi =
  (key: string): PlanUpdate =>
  (doc) => ({
    ...doc,
    pufu: {
      ...doc.pufu,
      winCondition: compact({
        ...doc.pufu.winCondition,
        kpiKeys: without(doc.pufu.winCondition.kpiKeys, key),
      }),
      objectives: doc.pufu.objectives?.map((o) =>
        compact({ ...o, kpiKeys: without(o.kpiKeys, key) }),
      ),
    },
    kpis: (doc.kpis ?? []).filter((k) => k.key !== key),
    roadmap: doc.roadmap?.map((r) => compact({ ...r, kpiKeys: without(r.kpiKeys, key) })),
  });

/* Roadmap, milestones, tasks, team */

export const putRoadmapItem =
  (item: PlanRoadmapItem): PlanUpdate =>
  (doc) => ({ ...doc, roadmap: replaceIn(doc.roadmap, compact(item)) });

export const removeRoadmapItem =
  (key: string): PlanUpdate =>
  (doc) => ({ ...doc, roadmap: (doc.roadmap ?? []).filter((r) => r.key !== key) });

/** Moves a roadmap item one place up (-1) or down (+1): the list's order is the priority. */
export const moveRoadmapItem =
  (key: string, by: -1 | 1): PlanUpdate =>
  (doc) => {
    const items = [...(doc.roadmap ?? [])];
    const from = items.findIndex((item) => item.key === key);
    const to = from + by;
    if (from === -1 || to < 0 || to >= items.length) return doc;
    const [item] = items.splice(from, 1);
    if (item) items.splice(to, 0, item);
    return { ...doc, roadmap: items };
  };

export const putMilestone =
  (milestone: PlanMilestone): PlanUpdate =>
  (doc) => ({ ...doc, milestones: replaceIn(doc.milestones, compact(milestone)) });

export const removeMilestone =
  (key: string): PlanUpdate =>
  (doc) => ({
    ...doc,
    milestones: (doc.milestones ?? []).filter((ms) => ms.key !== key),
    tasks: doc.tasks?.map((task) =>
      task.milestoneKey === key ? compact({ ...task, milestoneKey: undefined }) : task,
    ),
  });

export const putTask =
  (task: PlanTask): PlanUpdate =>
  (doc) => ({ ...doc, tasks: replaceIn(doc.tasks, compact(task)) });

/**
 * Puts a task whose owner may be a workspace user not yet in the team: the
 * user joins the team first (owners are team members, by key), with the next
 * free "v" key at the time the edit applies.
 */
export const putTaskOwnedBy =
  (task: PlanTask, newOwner?: Omit<PlanTeamMember, "key">): PlanUpdate =>
  (doc) => {
    if (!newOwner) return putTask(task)(doc);
    const key = nextKey(doc, "v");
    return putTask({ ...task, ownerKey: key })(putTeamMember({ ...newOwner, key })(doc));
  };

export const removeTask =
  (key: string): PlanUpdate =>
  (doc) => ({ ...doc, tasks: (doc.tasks ?? []).filter((task) => task.key !== key) });

export const putTeamMember =
  (member: PlanTeamMember): PlanUpdate =>
  (doc) => ({ ...doc, team: replaceIn(doc.team, compact(member)) });

export const removeTeamMember =
  (key: string): PlanUpdate =>
  (doc) => ({
    ...doc,
    team: (doc.team ?? []).filter((member) => member.key !== key),
    pufu: {
      ...doc.pufu,
      measures: doc.pufu.measures?.map((m) =>
        m.ownerKey === key ? compact({ ...m, ownerKey: undefined }) : m,
      ),
    },
    tasks: doc.tasks?.map((task) =>
      task.ownerKey === key ? compact({ ...task, ownerKey: undefined }) : task,
    ),
  });

/* Meetings */

export const putMeetingCadence =
  (cadence: NonNullable<PlanDocument["meetingCadences"]>[number]): PlanUpdate =>
  (doc) => ({ ...doc, meetingCadences: replaceIn(doc.meetingCadences, cadence) });

export const removeMeetingCadence =
  (key: string): PlanUpdate =>
  (doc) => ({ ...doc, meetingCadences: (doc.meetingCadences ?? []).filter((c) => c.key !== key) });

export const putFailurePattern =
  (pattern: NonNullable<PlanDocument["failurePatterns"]>[number]): PlanUpdate =>
  (doc) => ({ ...doc, failurePatterns: replaceIn(doc.failurePatterns, pattern) });

export const removeFailurePattern =
  (key: string): PlanUpdate =>
  (doc) => ({ ...doc, failurePatterns: (doc.failurePatterns ?? []).filter((f) => f.key !== key) });

/* The plan itself */

export const setPlanDetails =
  (details: Pick<PlanDocument, "title" | "status" | "period" | "purpose">): PlanUpdate =>
  (doc) => ({
    ...doc,
    title: details.title,
    status: details.status,
    period: details.period ? compact(details.period) : undefined,
    purpose: details.purpose ? compact(details.purpose) : undefined,
  });
