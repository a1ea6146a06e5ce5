import type { FieldChange, PlanDiff } from "@michi/core";

/*
 * A history entry keeps a short summary of core's diffPlans, not the whole
 * diff: the diff carries every changed element before and after, which would
 * copy most of the plan into every entry. Field values are kept for the
 * plan's own fields (title, goal, …), only field names for elements.
 */

export type HistoryElementChange = {
  collection: string;
  key: string;
  /** The element's title, name or text, as it is after the change (or was, if removed). */
  label: string;
  change: "added" | "removed" | "changed" | "measured";
  fields: string[];
  /** For "measured": the KPI's latest value before and after. */
  before?: number | null;
  after?: number | null;
};

export type HistorySummary = { fields: FieldChange[]; elements: HistoryElementChange[] };

const labelOf = (element: object) => {
  const e = element as Record<string, unknown>;
  return String(e.title ?? e.name ?? e.process ?? e.text ?? "");
};

const elementCollections = [
  "objectives",
  "measures",
  "kpis",
  "roadmap",
  "milestones",
  "tasks",
  "team",
  "meetingCadences",
  "failurePatterns",
] as const;

export const summarizePlanDiff = (diff: PlanDiff): HistorySummary => {
  const elements: HistoryElementChange[] = [];
  for (const collection of elementCollections) {
    const { added, removed, changed } = diff[collection];
    for (const e of added) {
      elements.push({ collection, key: e.key, label: labelOf(e), change: "added", fields: [] });
    }
    for (const e of removed) {
      elements.push({ collection, key: e.key, label: labelOf(e), change: "removed", fields: [] });
    }
    for (const c of changed) {
      elements.push({
        collection,
        key: c.key,
        label: labelOf(c.after),
        change: "changed",
        fields: c.changes.map((f) => f.field),
      });
    }
  }
  for (const v of diff.kpiValues) {
    if (JSON.stringify(v.before) === JSON.stringify(v.after)) continue;
    elements.push({
      collection: "kpis",
      key: v.key,
      label: v.name,
      change: "measured",
      fields: ["measurements"],
      before: v.before?.value ?? null,
      after: v.after?.value ?? null,
    });
  }
  return { fields: [...diff.plan, ...diff.pufu], elements };
};
