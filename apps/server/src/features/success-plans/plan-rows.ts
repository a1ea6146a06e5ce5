import { PLAN_FORMAT, type PlanDocument, planProgress } from "@michi/core";
import type {
  planFailurePatterns,
  planKpiLinks,
  planKpiMeasurements,
  planKpis,
  planMeasureObjectives,
  planMeasures,
  planMeetingCadences,
  planMilestoneObjectives,
  planMilestones,
  planObjectives,
  planRoadmapItems,
  planTasks,
  planTeamMembers,
  successPlans,
} from "../../db/schema";
import { utcDay } from "../../lib/days";

/*
 * michi.plan/v1 document ↔ rows, both ways, pure. The document form is
 * canonical: an optional field is present exactly when its column is not
 * null, and an empty list or an object with no fields is left out. So a
 * document goes through the tables unchanged (keys and order included),
 * except that `team: []` or `purpose: {}` come back as absent.
 */

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];
type Select<T extends { $inferSelect: unknown }> = T["$inferSelect"];

/** The document-owned columns of success_plans. */
export type PlanColumns = Pick<
  Insert<typeof successPlans>,
  | "title"
  | "status"
  | "periodStart"
  | "periodEnd"
  | "purposeBusinessIssue"
  | "purposeProblem"
  | "purposeSolution"
  | "purposeBenefit"
  | "goal"
  | "winConditionText"
  | "factorPeople"
  | "factorMoney"
  | "factorTime"
  | "factorQuality"
  | "factorDealStructure"
  | "factorEnvironment"
  | "factorRivals"
  | "factorExternalThreats"
  | "headcount"
  | "hoursPerWeekPerPerson"
  | "progressPercent"
>;

export type PlanElementRows = {
  team: Insert<typeof planTeamMembers>[];
  objectives: Insert<typeof planObjectives>[];
  measures: Insert<typeof planMeasures>[];
  measureObjectives: Insert<typeof planMeasureObjectives>[];
  kpis: Insert<typeof planKpis>[];
  kpiLinks: Insert<typeof planKpiLinks>[];
  measurements: Insert<typeof planKpiMeasurements>[];
  roadmap: Insert<typeof planRoadmapItems>[];
  milestones: Insert<typeof planMilestones>[];
  milestoneObjectives: Insert<typeof planMilestoneObjectives>[];
  tasks: Insert<typeof planTasks>[];
  meetingCadences: Insert<typeof planMeetingCadences>[];
  failurePatterns: Insert<typeof planFailurePatterns>[];
};

export type StoredPlanElements = {
  team: Select<typeof planTeamMembers>[];
  objectives: Select<typeof planObjectives>[];
  measures: Select<typeof planMeasures>[];
  measureObjectives: Select<typeof planMeasureObjectives>[];
  kpis: Select<typeof planKpis>[];
  kpiLinks: Select<typeof planKpiLinks>[];
  measurements: Select<typeof planKpiMeasurements>[];
  roadmap: Select<typeof planRoadmapItems>[];
  milestones: Select<typeof planMilestones>[];
  milestoneObjectives: Select<typeof planMilestoneObjectives>[];
  tasks: Select<typeof planTasks>[];
  meetingCadences: Select<typeof planMeetingCadences>[];
  failurePatterns: Select<typeof planFailurePatterns>[];
};

/** The win condition's links have no source key; '' stands in for it. */
export const WIN_CONDITION_SOURCE_KEY = "";

/** The plan's own columns; its progress as of `asOf` (milestones done by then) is stored for the account list. */
export const documentToPlanColumns = (doc: PlanDocument, asOf = utcDay()): PlanColumns => ({
  title: doc.title,
  status: doc.status ?? null,
  periodStart: doc.period?.start ?? null,
  periodEnd: doc.period?.end ?? null,
  purposeBusinessIssue: doc.purpose?.businessIssue ?? null,
  purposeProblem: doc.purpose?.problem ?? null,
  purposeSolution: doc.purpose?.solution ?? null,
  purposeBenefit: doc.purpose?.benefit ?? null,
  goal: doc.pufu.goal,
  winConditionText: doc.pufu.winCondition.text,
  factorPeople: doc.pufu.factors?.people ?? null,
  factorMoney: doc.pufu.factors?.money ?? null,
  factorTime: doc.pufu.factors?.time ?? null,
  factorQuality: doc.pufu.factors?.quality ?? null,
  factorDealStructure: doc.pufu.factors?.dealStructure ?? null,
  factorEnvironment: doc.pufu.factors?.environment ?? null,
  factorRivals: doc.pufu.factors?.rivals ?? null,
  factorExternalThreats: doc.pufu.factors?.externalThreats ?? null,
  headcount: doc.pufu.factors?.headcount ?? null,
  hoursPerWeekPerPerson: doc.pufu.factors?.hoursPerWeekPerPerson ?? null,
  progressPercent: planProgress(doc, asOf).percent,
});

/** Every element of the document as rows of its plan, in document order. */
export const documentToElementRows = (
  doc: PlanDocument,
  ids: { workspaceId: string; planId: string },
): PlanElementRows => {
  const kpiLinks: PlanElementRows["kpiLinks"] = [];
  const linkKpis = (
    sourceKind: "winCondition" | "objective" | "roadmapItem",
    sourceKey: string,
    keys: readonly string[] = [],
  ) => {
    keys.forEach((kpiKey, position) => {
      kpiLinks.push({ ...ids, sourceKind, sourceKey, kpiKey, position });
    });
  };
  linkKpis("winCondition", WIN_CONDITION_SOURCE_KEY, doc.pufu.winCondition.kpiKeys);
  for (const o of doc.pufu.objectives ?? []) linkKpis("objective", o.key, o.kpiKeys);
  for (const r of doc.roadmap ?? []) linkKpis("roadmapItem", r.key, r.kpiKeys);

  const kpis = doc.kpis ?? [];
  return {
    team: (doc.team ?? []).map((m, position) => ({
      ...ids,
      key: m.key,
      position,
      name: m.name,
      email: m.email ?? null,
      title: m.title ?? null,
      side: m.side,
      role: m.role,
    })),
    objectives: (doc.pufu.objectives ?? []).map((o, position) => ({
      ...ids,
      key: o.key,
      position,
      title: o.title,
      desiredState: o.desiredState ?? null,
    })),
    measures: (doc.pufu.measures ?? []).map((m, position) => ({
      ...ids,
      key: m.key,
      position,
      title: m.title,
      description: m.description ?? null,
      ownerKey: m.ownerKey ?? null,
      effortHoursPerWeek: m.effortHoursPerWeek ?? null,
      status: m.status ?? null,
    })),
    measureObjectives: (doc.pufu.measures ?? []).flatMap((m) =>
      (m.objectiveKeys ?? []).map((objectiveKey, position) => ({
        ...ids,
        measureKey: m.key,
        objectiveKey,
        position,
      })),
    ),
    kpis: kpis.map((k, position) => ({
      ...ids,
      key: k.key,
      position,
      kind: k.kind,
      name: k.name,
      unit: k.unit ?? null,
      direction: k.direction ?? null,
      baseline: k.baseline ?? null,
      target: k.target ?? null,
      dueDate: k.dueDate ?? null,
      evaluationMethod: k.evaluationMethod ?? null,
      dataSource: k.dataSource ?? null,
      aggregation: k.aggregation ?? null,
    })),
    kpiLinks,
    measurements: kpis.flatMap((k) =>
      (k.measurements ?? []).map((m, position) => ({
        ...ids,
        kpiKey: k.key,
        position,
        date: m.date,
        value: m.value,
        note: m.note ?? null,
      })),
    ),
    roadmap: (doc.roadmap ?? []).map((r, position) => ({
      ...ids,
      key: r.key,
      position,
      process: r.process,
      purpose: r.purpose ?? null,
      how: r.how ?? null,
      howMuch: r.howMuch ?? null,
      impact: r.impact ?? null,
      difficulty: r.difficulty ?? null,
      status: r.status ?? null,
      startDate: r.startDate ?? null,
    })),
    milestones: (doc.milestones ?? []).map((m, position) => ({
      ...ids,
      key: m.key,
      position,
      title: m.title,
      dueDate: m.dueDate ?? null,
      doneDate: m.doneDate ?? null,
    })),
    milestoneObjectives: (doc.milestones ?? []).flatMap((m) =>
      (m.objectiveKeys ?? []).map((objectiveKey, position) => ({
        ...ids,
        milestoneKey: m.key,
        objectiveKey,
        position,
      })),
    ),
    tasks: (doc.tasks ?? []).map((t, position) => ({
      ...ids,
      key: t.key,
      position,
      title: t.title,
      ownerKey: t.ownerKey ?? null,
      dueDate: t.dueDate ?? null,
      status: t.status ?? null,
      measureKey: t.measureKey ?? null,
      milestoneKey: t.milestoneKey ?? null,
    })),
    meetingCadences: (doc.meetingCadences ?? []).map((c, position) => ({
      ...ids,
      key: c.key,
      position,
      name: c.name,
      audience: c.audience,
      everyDays: c.everyDays,
    })),
    failurePatterns: (doc.failurePatterns ?? []).map((f, position) => ({
      ...ids,
      key: f.key,
      position,
      text: f.text,
      discussed: f.discussed ?? null,
    })),
  };
};

// --- rows → document ---

/** `{ [name]: value }` when the value is there, else nothing: spread into a literal. */
const opt = <K extends string, V>(name: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [name]: value }) as Partial<Record<K, V>>;

/** A list when it has items, else nothing. */
const list = <K extends string, V>(name: K, items: V[]) =>
  (items.length > 0 ? { [name]: items } : {}) as Partial<Record<K, V[]>>;

/** An object when it has any field, else nothing. */
const section = <K extends string, V extends object>(name: K, value: V) =>
  (Object.keys(value).length > 0 ? { [name]: value } : {}) as Partial<Record<K, V>>;

const byPosition = <T extends { position: number }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.position - b.position);

/** Items grouped by a key, each group in position order. */
const groupBy = <T extends { position: number }>(rows: readonly T[], keyOf: (row: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const row of byPosition(rows)) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return (key: string) => groups.get(key) ?? [];
};

export type PlanHeader = Select<typeof successPlans>;
export type PlanAccount = { name: string; externalId: string | null };

/** Rebuilds the document from the plan's row, its element rows and its account. */
export const rowsToDocument = (
  plan: PlanHeader,
  elements: StoredPlanElements,
  account: PlanAccount,
): PlanDocument => {
  const linksOf = groupBy(elements.kpiLinks, (l) => `${l.sourceKind}:${l.sourceKey}`);
  const kpiKeysOf = (kind: string, key: string) =>
    list(
      "kpiKeys",
      linksOf(`${kind}:${key}`).map((l) => l.kpiKey),
    );
  const objectivesOfMeasure = groupBy(elements.measureObjectives, (l) => l.measureKey);
  const objectivesOfMilestone = groupBy(elements.milestoneObjectives, (l) => l.milestoneKey);
  const measurementsOf = groupBy(elements.measurements, (m) => m.kpiKey);

  return {
    format: PLAN_FORMAT,
    title: plan.title,
    account: { ...opt("externalId", account.externalId), name: account.name },
    ...opt("status", plan.status),
    ...section("period", { ...opt("start", plan.periodStart), ...opt("end", plan.periodEnd) }),
    ...section("purpose", {
      ...opt("businessIssue", plan.purposeBusinessIssue),
      ...opt("problem", plan.purposeProblem),
      ...opt("solution", plan.purposeSolution),
      ...opt("benefit", plan.purposeBenefit),
    }),
    ...list(
      "team",
      byPosition(elements.team).map((m) => ({
        key: m.key,
        name: m.name,
        ...opt("email", m.email),
        ...opt("title", m.title),
        side: m.side,
        role: m.role,
      })),
    ),
    pufu: {
      goal: plan.goal,
      winCondition: {
        text: plan.winConditionText,
        ...kpiKeysOf("winCondition", WIN_CONDITION_SOURCE_KEY),
      },
      ...list(
        "objectives",
        byPosition(elements.objectives).map((o) => ({
          key: o.key,
          title: o.title,
          ...opt("desiredState", o.desiredState),
          ...kpiKeysOf("objective", o.key),
        })),
      ),
      ...list(
        "measures",
        byPosition(elements.measures).map((m) => ({
          key: m.key,
          title: m.title,
          ...opt("description", m.description),
          ...list(
            "objectiveKeys",
            objectivesOfMeasure(m.key).map((l) => l.objectiveKey),
          ),
          ...opt("ownerKey", m.ownerKey),
          ...opt("effortHoursPerWeek", m.effortHoursPerWeek),
          ...opt("status", m.status),
        })),
      ),
      ...section("factors", {
        ...opt("people", plan.factorPeople),
        ...opt("money", plan.factorMoney),
        ...opt("time", plan.factorTime),
        ...opt("quality", plan.factorQuality),
        ...opt("dealStructure", plan.factorDealStructure),
        ...opt("environment", plan.factorEnvironment),
        ...opt("rivals", plan.factorRivals),
        ...opt("externalThreats", plan.factorExternalThreats),
        ...opt("headcount", plan.headcount),
        ...opt("hoursPerWeekPerPerson", plan.hoursPerWeekPerPerson),
      }),
    },
    ...list(
      "roadmap",
      byPosition(elements.roadmap).map((r) => ({
        key: r.key,
        process: r.process,
        ...opt("purpose", r.purpose),
        ...opt("how", r.how),
        ...opt("howMuch", r.howMuch),
        ...opt("impact", r.impact),
        ...opt("difficulty", r.difficulty),
        ...opt("status", r.status),
        ...opt("startDate", r.startDate),
        ...kpiKeysOf("roadmapItem", r.key),
      })),
    ),
    ...list(
      "kpis",
      byPosition(elements.kpis).map((k) => ({
        key: k.key,
        kind: k.kind,
        name: k.name,
        ...opt("unit", k.unit),
        ...opt("direction", k.direction),
        ...opt("baseline", k.baseline),
        ...opt("target", k.target),
        ...opt("dueDate", k.dueDate),
        ...opt("evaluationMethod", k.evaluationMethod),
        ...opt("dataSource", k.dataSource),
        ...opt("aggregation", k.aggregation),
        ...list(
          "measurements",
          measurementsOf(k.key).map((m) => ({
            date: m.date,
            value: m.value,
            ...opt("note", m.note),
          })),
        ),
      })),
    ),
    ...list(
      "milestones",
      byPosition(elements.milestones).map((m) => ({
        key: m.key,
        title: m.title,
        ...opt("dueDate", m.dueDate),
        ...opt("doneDate", m.doneDate),
        ...list(
          "objectiveKeys",
          objectivesOfMilestone(m.key).map((l) => l.objectiveKey),
        ),
      })),
    ),
    ...list(
      "tasks",
      byPosition(elements.tasks).map((t) => ({
        key: t.key,
        title: t.title,
        ...opt("ownerKey", t.ownerKey),
        ...opt("dueDate", t.dueDate),
        ...opt("status", t.status),
        ...opt("measureKey", t.measureKey),
        ...opt("milestoneKey", t.milestoneKey),
      })),
    ),
    ...list(
      "meetingCadences",
      byPosition(elements.meetingCadences).map((c) => ({
        key: c.key,
        name: c.name,
        audience: c.audience,
        everyDays: c.everyDays,
      })),
    ),
    ...list(
      "failurePatterns",
      byPosition(elements.failurePatterns).map((f) => ({
        key: f.key,
        text: f.text,
        ...opt("discussed", f.discussed),
      })),
    ),
  };
};
