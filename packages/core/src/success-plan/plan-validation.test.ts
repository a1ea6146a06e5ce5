import { describe, expect, it } from "vitest";
import example from "./fixtures/plan-example.json" with { type: "json" };
import { toJsonPointer, validatePlanDocument } from "./plan-validation";

const clone = (): any => structuredClone(example);

describe("toJsonPointer", () => {
  it("escapes ~ and / as RFC 6901 says", () => {
    expect(toJsonPointer(["pufu", "measures", 2, "objectiveKeys", 0])).toBe(
      "/pufu/measures/2/objectiveKeys/0",
    );
    expect(toJsonPointer(["a/b", "m~n"])).toBe("/a~1b/m~0n");
    expect(toJsonPointer([])).toBe("");
  });
});

describe("validatePlanDocument", () => {
  it("accepts the example and returns it typed", () => {
    const result = validatePlanDocument(example);
    expect(result).toEqual({ ok: true, plan: example });
  });

  it("reports schema problems at their pointers, an unknown property at its own", () => {
    const doc = clone();
    doc.period.start = "2026-02-30";
    doc.pufu.measures[1].objectiveKeys = ["o1", "o1"];
    doc.roadmap[0].impact = 9;
    doc.tasks[0].assignee = "v1";
    const result = validatePlanDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        pointer: "/period/start",
        message: "must be a date as YYYY-MM-DD",
        code: "invalid_format",
        params: { format: "date" },
      },
      {
        pointer: "/pufu/measures/1/objectiveKeys/1",
        message: 'repeats the key "o1"',
        code: "repeated-key",
        params: { key: "o1" },
      },
      {
        pointer: "/roadmap/0/impact",
        message: expect.stringContaining("<=5"),
        code: "too_big",
        params: { maximum: 5, origin: "number" },
      },
      {
        pointer: "/tasks/0/assignee",
        message: '"assignee" is not a property of michi.plan/v1 here',
        code: "plan-unknown-property",
        params: { name: "assignee" },
      },
    ]);
  });

  it("reports a key used twice anywhere in the document, at the second use", () => {
    const doc = clone();
    doc.kpis[1].key = "o2"; // an objective's key
    doc.roadmap[0].kpiKeys = ["k1"];
    doc.pufu.objectives[0].kpiKeys = ["k1"];
    doc.milestones[2].key = "ms1";
    const result = validatePlanDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        pointer: "/kpis/1/key",
        message:
          'key "o2" is already used by the objective at /pufu/objectives/1; keys must be unique in the whole document',
        code: "plan-duplicate-key",
        params: { key: "o2", kind: "objective", firstPointer: "/pufu/objectives/1" },
      },
      {
        pointer: "/milestones/2/key",
        message:
          'key "ms1" is already used by the milestone at /milestones/0; keys must be unique in the whole document',
        code: "plan-duplicate-key",
        params: expect.objectContaining({ key: "ms1" }),
      },
    ]);
  });

  it("reports every reference to a missing key or to the wrong kind of element", () => {
    const doc = clone();
    doc.pufu.winCondition.kpiKeys = ["k1", "k9"];
    doc.pufu.objectives[0].kpiKeys = ["o2"];
    doc.pufu.measures[2].objectiveKeys = ["o2", "m1"];
    doc.pufu.measures[3].ownerKey = "nobody";
    doc.roadmap[1].kpiKeys = ["k3"];
    doc.milestones[0].objectiveKeys = ["o4"];
    doc.tasks[0].ownerKey = "t2";
    doc.tasks[0].measureKey = "m9";
    doc.tasks[1].milestoneKey = "ms9";
    const result = validatePlanDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        pointer: "/pufu/winCondition/kpiKeys/1",
        message: 'refers to "k9", but there is no KPI with that key',
        code: "plan-reference-missing",
        params: { key: "k9", expected: "KPI" },
      },
      {
        pointer: "/pufu/objectives/0/kpiKeys/0",
        message: 'refers to "o2", which is an objective, not a KPI',
        code: "plan-reference-wrong-kind",
        params: { key: "o2", kind: "objective", expected: "KPI" },
      },
      {
        pointer: "/pufu/measures/2/objectiveKeys/1",
        message: 'refers to "m1", which is a measure, not an objective',
        code: "plan-reference-wrong-kind",
        params: { key: "m1", kind: "measure", expected: "objective" },
      },
      {
        pointer: "/pufu/measures/3/ownerKey",
        message: 'refers to "nobody", but there is no team member with that key',
        code: "plan-reference-missing",
        params: { key: "nobody", expected: "team member" },
      },
      {
        pointer: "/roadmap/1/kpiKeys/0",
        message: 'refers to "k3", but there is no KPI with that key',
        code: "plan-reference-missing",
        params: { key: "k3", expected: "KPI" },
      },
      {
        pointer: "/milestones/0/objectiveKeys/0",
        message: 'refers to "o4", but there is no objective with that key',
        code: "plan-reference-missing",
        params: { key: "o4", expected: "objective" },
      },
      {
        pointer: "/tasks/0/ownerKey",
        message: 'refers to "t2", which is a task, not a team member',
        code: "plan-reference-wrong-kind",
        params: { key: "t2", kind: "task", expected: "team member" },
      },
      {
        pointer: "/tasks/0/measureKey",
        message: 'refers to "m9", but there is no measure with that key',
        code: "plan-reference-missing",
        params: { key: "m9", expected: "measure" },
      },
      {
        pointer: "/tasks/1/milestoneKey",
        message: 'refers to "ms9", but there is no milestone with that key',
        code: "plan-reference-missing",
        params: { key: "ms9", expected: "milestone" },
      },
    ]);
  });

  it("collects schema and reference problems together", () => {
    const doc = clone();
    doc.format = "michi.plan/v0";
    doc.tasks[1].measureKey = "m7";
    const result = validatePlanDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.pointer)).toEqual([
      "/format",
      "/tasks/1/measureKey",
    ]);
  });

  it("does not report a malformed key twice, nor trip over a malformed document", () => {
    const doc = clone();
    doc.tasks[0].ownerKey = "v 1";
    doc.kpis = "none";
    const result = validatePlanDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.pointer)).toEqual([
      "/kpis",
      "/tasks/0/ownerKey",
      // The KPIs are gone, so the references to them dangle.
      "/pufu/winCondition/kpiKeys/0",
      "/pufu/objectives/0/kpiKeys/0",
      "/roadmap/0/kpiKeys/0",
    ]);
    expect(validatePlanDocument(null)).toEqual({
      ok: false,
      problems: [
        {
          pointer: "",
          message: expect.stringContaining("expected object"),
          code: "invalid_type",
          params: { expected: "object" },
        },
      ],
    });
  });
});
