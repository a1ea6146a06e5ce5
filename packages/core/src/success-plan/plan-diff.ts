import { latestKpiMeasurement } from "./kpi-progress";
import type {
  PlanDocument,
  PlanFailurePattern,
  PlanKpi,
  PlanKpiMeasurement,
  PlanMeasure,
  PlanMeetingCadence,
  PlanMilestone,
  PlanObjective,
  PlanRoadmapItem,
  PlanTask,
  PlanTeamMember,
} from "./plan-document";

/** One field that differs; nested fields are named by path, e.g. "factors.headcount". */
export type FieldChange = { field: string; before: unknown; after: unknown };

export type ElementChange<T> = { key: string; before: T; after: T; changes: FieldChange[] };

/** Elements matched by key: added, removed, and changed with the fields that changed. */
export type ElementsDiff<T> = { added: T[]; removed: T[]; changed: ElementChange<T>[] };

/** A KPI's latest measurement in each stage, and how far it moved. */
export type KpiValueChange = {
  key: string;
  name: string;
  /** The KPI's unit (the later stage's), to show the values with. */
  unit?: string;
  before: PlanKpiMeasurement | null;
  after: PlanKpiMeasurement | null;
  /** after − before, when both stages have a measurement. */
  delta: number | null;
};

export type PlanDiff = {
  /** Title, status, period, purpose. */
  plan: FieldChange[];
  /** Goal, win condition and the eight factors. */
  pufu: FieldChange[];
  objectives: ElementsDiff<PlanObjective>;
  measures: ElementsDiff<PlanMeasure>;
  kpis: ElementsDiff<PlanKpi>;
  roadmap: ElementsDiff<PlanRoadmapItem>;
  milestones: ElementsDiff<PlanMilestone>;
  tasks: ElementsDiff<PlanTask>;
  team: ElementsDiff<PlanTeamMember>;
  meetingCadences: ElementsDiff<PlanMeetingCadence>;
  failurePatterns: ElementsDiff<PlanFailurePattern>;
  /** Every KPI in either stage, in the later stage's order, then removed ones. */
  kpiValues: KpiValueChange[];
  /**
   * Every element's title (name, process or text) by key, from either stage,
   * the later one's when both have it: a change to `objectiveKeys` or
   * `ownerKey` can then name the elements rather than show their keys.
   * Keys are unique across a document's collections.
   */
  names: Record<string, string>;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Leaf values by dotted path; arrays are leaves. */
const flatten = (value: Record<string, unknown>, prefix = ""): Map<string, unknown> => {
  const leaves = new Map<string, unknown>();
  for (const [name, item] of Object.entries(value)) {
    const path = `${prefix}${name}`;
    if (isPlainObject(item)) {
      for (const [inner, leaf] of flatten(item, `${path}.`)) leaves.set(inner, leaf);
    } else if (item !== undefined) {
      leaves.set(path, item);
    }
  }
  return leaves;
};

/** Key lists (objectiveKeys, kpiKeys) are sets: the same keys in another order is no change. */
const sameValue = (field: string, before: unknown, after: unknown) => {
  if (Array.isArray(before) && Array.isArray(after) && field.endsWith("Keys")) {
    return JSON.stringify(before.toSorted()) === JSON.stringify(after.toSorted());
  }
  return JSON.stringify(before) === JSON.stringify(after);
};

const diffFields = (
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignore: readonly string[] = [],
): FieldChange[] => {
  const beforeLeaves = flatten(before);
  const afterLeaves = flatten(after);
  const fields = [...new Set([...beforeLeaves.keys(), ...afterLeaves.keys()])];
  return fields
    .filter((field) => !ignore.some((name) => field === name || field.startsWith(`${name}.`)))
    .filter((field) => !sameValue(field, beforeLeaves.get(field), afterLeaves.get(field)))
    .map((field) => ({ field, before: beforeLeaves.get(field), after: afterLeaves.get(field) }));
};

const diffElements = <T extends { key: string }>(
  before: readonly T[] | undefined,
  after: readonly T[] | undefined,
  ignore: readonly string[] = [],
): ElementsDiff<T> => {
  const beforeByKey = new Map((before ?? []).map((element) => [element.key, element]));
  const afterKeys = new Set((after ?? []).map((element) => element.key));
  const diff: ElementsDiff<T> = { added: [], removed: [], changed: [] };
  for (const element of after ?? []) {
    const old = beforeByKey.get(element.key);
    if (old === undefined) {
      diff.added.push(element);
      continue;
    }
    const changes = diffFields(old, element, ["key", ...ignore]);
    if (changes.length > 0)
      diff.changed.push({ key: element.key, before: old, after: element, changes });
  }
  diff.removed = (before ?? []).filter((element) => !afterKeys.has(element.key));
  return diff;
};

const kpiValueChanges = (
  before: readonly PlanKpi[],
  after: readonly PlanKpi[],
): KpiValueChange[] => {
  const beforeByKey = new Map(before.map((kpi) => [kpi.key, kpi]));
  const afterKeys = new Set(after.map((kpi) => kpi.key));
  const pairs = [
    ...after.map((kpi) => ({ later: kpi, earlier: beforeByKey.get(kpi.key) })),
    ...before
      .filter((kpi) => !afterKeys.has(kpi.key))
      .map((kpi) => ({ later: undefined, earlier: kpi })),
  ];
  return pairs.map(({ earlier, later }) => {
    const latestThen = earlier ? latestKpiMeasurement(earlier) : null;
    const latestNow = later ? latestKpiMeasurement(later) : null;
    const kpi = (later ?? earlier)!;
    return {
      key: kpi.key,
      name: kpi.name,
      ...(kpi.unit ? { unit: kpi.unit } : {}),
      before: latestThen,
      after: latestNow,
      delta: latestThen && latestNow ? latestNow.value - latestThen.value : null,
    };
  });
};

/** Each keyed element's words, by key: a title, a person's or KPI's name, a process, a text. */
const elementNames = (document: PlanDocument): [string, string][] => [
  ...(document.team ?? []).map((m): [string, string] => [m.key, m.name]),
  ...[
    ...(document.pufu.objectives ?? []),
    ...(document.pufu.measures ?? []),
    ...(document.milestones ?? []),
    ...(document.tasks ?? []),
  ].map((e): [string, string] => [e.key, e.title]),
  ...(document.roadmap ?? []).map((r): [string, string] => [r.key, r.process]),
  ...[...(document.kpis ?? []), ...(document.meetingCadences ?? [])].map((e): [string, string] => [
    e.key,
    e.name,
  ]),
  ...(document.failurePatterns ?? []).map((f): [string, string] => [f.key, f.text]),
];

const namesByKey = (before: PlanDocument, after: PlanDocument): Record<string, string> =>
  Object.fromEntries([...elementNames(before), ...elementNames(after)]);

const collections = [
  "team",
  "roadmap",
  "kpis",
  "milestones",
  "tasks",
  "meetingCadences",
  "failurePatterns",
] as const;

/**
 * What changed from one stage (局面) of a plan to the next. Elements are
 * matched by key; a changed element lists each field old → new. KPI
 * measurements are not field changes: kpiValues gives each KPI's latest
 * measurement then and now instead.
 *
 * The document's `account` is not compared: it names the account the plan
 * belongs to (as that account is called when the document is written), and
 * no edit of the plan changes it. A stage written without it, or an account
 * renamed since, is not a change of the plan.
 */
export const diffPlans = (before: PlanDocument, after: PlanDocument): PlanDiff => {
  const { pufu: pufuBefore, format: _f1, account: _a1, ...planBefore } = before;
  const { pufu: pufuAfter, format: _f2, account: _a2, ...planAfter } = after;
  return {
    plan: diffFields(planBefore, planAfter, collections),
    pufu: diffFields(pufuBefore, pufuAfter, ["objectives", "measures"]),
    objectives: diffElements(pufuBefore.objectives, pufuAfter.objectives),
    measures: diffElements(pufuBefore.measures, pufuAfter.measures),
    kpis: diffElements(before.kpis, after.kpis, ["measurements"]),
    roadmap: diffElements(before.roadmap, after.roadmap),
    milestones: diffElements(before.milestones, after.milestones),
    tasks: diffElements(before.tasks, after.tasks),
    team: diffElements(before.team, after.team),
    meetingCadences: diffElements(before.meetingCadences, after.meetingCadences),
    failurePatterns: diffElements(before.failurePatterns, after.failurePatterns),
    kpiValues: kpiValueChanges(before.kpis ?? [], after.kpis ?? []),
    names: namesByKey(before, after),
  };
};
