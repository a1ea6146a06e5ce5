import type { PlanDocument } from "@michi/core";

/** Select/MultiSelect choices from a plan's elements: value is the key, label the name. */
export const objectiveOptions = (doc: PlanDocument) =>
  (doc.pufu.objectives ?? []).map((o) => ({ value: o.key, label: o.title }));

export const measureOptions = (doc: PlanDocument) =>
  (doc.pufu.measures ?? []).map((m) => ({ value: m.key, label: m.title }));

export const kpiOptions = (doc: PlanDocument) =>
  (doc.kpis ?? []).map((k) => ({ value: k.key, label: `${k.kind.toUpperCase()} · ${k.name}` }));

export const teamOptions = (doc: PlanDocument) =>
  (doc.team ?? []).map((m) => ({ value: m.key, label: m.name }));

export const milestoneOptions = (doc: PlanDocument) =>
  (doc.milestones ?? []).map((ms) => ({ value: ms.key, label: ms.title }));

/** A number input's value as a number, or undefined when blank. */
export const numberOrUndefined = (value: string | number | undefined | null) =>
  value === "" || value === undefined || value === null || Number.isNaN(Number(value))
    ? undefined
    : Number(value);
