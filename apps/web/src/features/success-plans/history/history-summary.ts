/*
 * The server keeps a short summary per history entry (its history-summary.ts);
 * the OpenAPI schema leaves it open, so the UI reads it defensively here.
 */

export type HistoryElementChange = {
  collection: string;
  key: string;
  label: string;
  change: "added" | "removed" | "changed" | "measured";
  fields: string[];
  before?: number | null;
  after?: number | null;
};

export type ReadSummary =
  | {
      kind: "changes";
      fields: { field: string; before: unknown; after: unknown }[];
      elements: HistoryElementChange[];
    }
  | { kind: "stage"; stage: number }
  | { kind: "none" };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

export const readHistorySummary = (summary: unknown): ReadSummary => {
  if (!isObject(summary)) return { kind: "none" };
  if (typeof summary.stage === "number") return { kind: "stage", stage: summary.stage };
  const fields = Array.isArray(summary.fields)
    ? summary.fields.filter(
        (f): f is { field: string; before: unknown; after: unknown } =>
          isObject(f) && typeof f.field === "string",
      )
    : [];
  const elements = Array.isArray(summary.elements)
    ? summary.elements.filter(
        (e): e is HistoryElementChange =>
          isObject(e) &&
          typeof e.collection === "string" &&
          typeof e.key === "string" &&
          typeof e.label === "string" &&
          (e.change === "added" ||
            e.change === "removed" ||
            e.change === "changed" ||
            e.change === "measured"),
      )
    : [];
  return {
    kind: "changes",
    fields,
    elements: elements.map((e) => ({ ...e, fields: Array.isArray(e.fields) ? e.fields : [] })),
  };
};
