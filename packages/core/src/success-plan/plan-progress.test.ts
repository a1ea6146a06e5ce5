import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { PlanDocument } from "./plan-document";
import { openPlanTasks, planProgress, summarizeFindings } from "./plan-progress";

const example: PlanDocument = JSON.parse(
  readFileSync(new URL("./fixtures/plan-example.json", import.meta.url), "utf8"),
);

const empty: PlanDocument = {
  format: "michi.plan/v1",
  title: "Empty",
  pufu: { goal: "", winCondition: { text: "" } },
};

describe("planProgress", () => {
  it("counts the example's work and its win condition's KGI", () => {
    const progress = planProgress(example, "2026-12-01");
    expect(progress.tasks).toEqual({ done: 1, total: 2 });
    expect(progress.milestones).toEqual({ done: 1, total: 3 });
    expect(progress.measures).toEqual({ done: 1, total: 4 });
    expect(progress.percent).toBeCloseTo((3 / 9) * 100);
    // k1: 90 → 45 minutes, measured 71: (71 − 90) / (45 − 90).
    expect(progress.winConditionPercent).toBeCloseTo((19 / 45) * 100);
  });

  it("reads milestones and KPIs as of the day", () => {
    const progress = planProgress(example, "2026-10-27");
    expect(progress.milestones.done).toBe(0);
    expect(progress.winConditionPercent).toBeNull();
  });

  it("leaves dropped measures out and answers null for an empty plan", () => {
    const dropped: PlanDocument = {
      ...empty,
      pufu: {
        ...empty.pufu,
        measures: [
          { key: "m1", title: "A", status: "dropped" },
          { key: "m2", title: "B", status: "done" },
        ],
      },
    };
    expect(planProgress(dropped, "2026-12-01").measures).toEqual({ done: 1, total: 1 });
    expect(planProgress(dropped, "2026-12-01").percent).toBe(100);
    expect(planProgress(empty, "2026-12-01")).toEqual({
      tasks: { done: 0, total: 0 },
      milestones: { done: 0, total: 0 },
      measures: { done: 0, total: 0 },
      winConditionPercent: null,
      percent: null,
    });
  });

  it("averages only the win condition's KPIs whose progress can be told", () => {
    const plan: PlanDocument = {
      ...empty,
      pufu: { goal: "g", winCondition: { text: "w", kpiKeys: ["a", "b", "missing"] } },
      kpis: [
        {
          key: "a",
          kind: "kgi",
          name: "A",
          baseline: 0,
          target: 10,
          measurements: [{ date: "2026-11-01", value: 5 }],
        },
        { key: "b", kind: "kpi", name: "B", target: 10 },
      ],
    };
    expect(planProgress(plan, "2026-12-01").winConditionPercent).toBe(50);
  });
});

describe("openPlanTasks", () => {
  it("keeps tasks not done, by due date with none last, and flags the overdue", () => {
    const plan: PlanDocument = {
      ...empty,
      tasks: [
        { key: "a", title: "A" },
        { key: "b", title: "B", dueDate: "2026-12-10", status: "doing" },
        { key: "c", title: "C", dueDate: "2026-11-01", status: "done" },
        { key: "d", title: "D", dueDate: "2026-11-20" },
        { key: "e", title: "E" },
      ],
    };
    const { tasks, overdue } = openPlanTasks(plan, "2026-12-01");
    expect(tasks.map((t) => [t.key, t.status, t.overdue])).toEqual([
      ["d", "todo", true],
      ["b", "doing", false],
      ["a", "todo", false],
      ["e", "todo", false],
    ]);
    expect(overdue).toBe(1);
    // Due today is not overdue.
    expect(openPlanTasks(plan, "2026-11-20").overdue).toBe(0);
  });
});

describe("summarizeFindings", () => {
  it("counts by severity and keeps the first few, errors first", () => {
    const findings = [
      { code: "w1", severity: "warning" as const },
      { code: "i1", severity: "info" as const },
      { code: "e1", severity: "error" as const },
      { code: "w2", severity: "warning" as const },
    ];
    const summary = summarizeFindings(findings, 3);
    expect(summary).toMatchObject({ errors: 1, warnings: 2, infos: 1 });
    expect(summary.top.map((f) => f.code)).toEqual(["e1", "w1", "w2"]);
  });
});
