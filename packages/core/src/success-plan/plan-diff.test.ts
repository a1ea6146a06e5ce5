import { describe, expect, it } from "vitest";
import example from "./fixtures/plan-example.json" with { type: "json" };
import { diffPlans } from "./plan-diff";
import { type PlanDocument, planDocumentSchema } from "./plan-document";

const stage1 = planDocumentSchema.parse(example);
const copy = (): PlanDocument => structuredClone(stage1);

describe("diffPlans", () => {
  it("finds nothing between a stage and itself, but still gives each KPI's latest value", () => {
    const diff = diffPlans(stage1, copy());
    const none = { added: [], removed: [], changed: [] };
    expect(diff).toEqual({
      plan: [],
      pufu: [],
      objectives: none,
      measures: none,
      kpis: none,
      roadmap: none,
      milestones: none,
      tasks: none,
      team: none,
      meetingCadences: none,
      failurePatterns: none,
      kpiValues: [
        {
          key: "k1",
          name: "平均待機時間",
          unit: "分",
          before: { date: "2026-11-30", value: 71 },
          after: { date: "2026-11-30", value: 71 },
          delta: 0,
        },
        {
          key: "k2",
          name: "事前予約率",
          unit: "%",
          before: { date: "2026-11-14", value: 35 },
          after: { date: "2026-11-14", value: 35 },
          delta: 0,
        },
      ],
      names: expect.any(Object),
    });
  });

  it("reports objectives, measures and KPIs added, removed and changed, field by field", () => {
    const stage2 = copy();
    const { pufu } = stage2;
    pufu.objectives![1]!.desiredState = "全拠点が前日までに荷役班を確定している";
    pufu.objectives = pufu.objectives!.filter((objective) => objective.key !== "o3");
    pufu.objectives.push({ key: "o4", title: "運送会社が予約を続ける" });
    pufu.measures![1]!.status = "done";
    delete pufu.measures![1]!.effortHoursPerWeek;
    pufu.measures![2]!.objectiveKeys = ["o2", "o4"];
    pufu.measures = pufu.measures!.filter((measure) => measure.key !== "m4");
    stage2.kpis![1]!.target = 70;
    stage2.kpis!.push({ key: "k3", kind: "kpi", name: "前日確定率", baseline: 20, target: 70 });

    const diff = diffPlans(stage1, stage2);
    expect(diff.objectives).toEqual({
      added: [{ key: "o4", title: "運送会社が予約を続ける" }],
      removed: [stage1.pufu.objectives![2]],
      changed: [
        {
          key: "o2",
          before: stage1.pufu.objectives![1],
          after: pufu.objectives[1],
          changes: [
            {
              field: "desiredState",
              before: "各拠点が予約枠に合わせて荷役班を割り当てている",
              after: "全拠点が前日までに荷役班を確定している",
            },
          ],
        },
      ],
    });
    expect(diff.measures.removed.map((measure) => measure.key)).toEqual(["m4"]);
    expect(diff.measures.added).toEqual([]);
    expect(diff.measures.changed.map(({ key, changes }) => ({ key, changes }))).toEqual([
      {
        key: "m2",
        changes: [
          { field: "effortHoursPerWeek", before: 2, after: undefined },
          { field: "status", before: "inProgress", after: "done" },
        ],
      },
      { key: "m3", changes: [{ field: "objectiveKeys", before: ["o2"], after: ["o2", "o4"] }] },
    ]);
    expect(diff.kpis.added.map((kpi) => kpi.key)).toEqual(["k3"]);
    expect(diff.kpis.changed.map(({ key, changes }) => ({ key, changes }))).toEqual([
      { key: "k2", changes: [{ field: "target", before: 80, after: 70 }] },
    ]);
    expect(diff.kpiValues.at(-1)).toEqual({
      key: "k3",
      name: "前日確定率",
      before: null,
      after: null,
      delta: null,
    });
  });

  it("gives the latest measurement then and now, not the measurements as a field change", () => {
    const stage2 = copy();
    stage2.kpis![0]!.measurements!.push({ date: "2026-12-31", value: 62 });
    stage2.kpis![1]!.measurements = [];
    const diff = diffPlans(stage1, stage2);
    expect(diff.kpis.changed).toEqual([]);
    expect(diff.kpiValues).toEqual([
      {
        key: "k1",
        name: "平均待機時間",
        unit: "分",
        before: { date: "2026-11-30", value: 71 },
        after: { date: "2026-12-31", value: 62 },
        delta: -9,
      },
      {
        key: "k2",
        name: "事前予約率",
        unit: "%",
        before: { date: "2026-11-14", value: 35 },
        after: null,
        delta: null,
      },
    ]);
  });

  it("lists a removed KPI's value after the others", () => {
    const stage2 = copy();
    stage2.kpis = stage2.kpis!.slice(1);
    const diff = diffPlans(stage1, stage2);
    expect(diff.kpis.removed.map((kpi) => kpi.key)).toEqual(["k1"]);
    expect(diff.kpiValues.map(({ key, after }) => ({ key, after }))).toEqual([
      { key: "k2", after: { date: "2026-11-14", value: 35 } },
      { key: "k1", after: null },
    ]);
  });

  it("reads key lists as sets: the same keys in another order is no change", () => {
    const stage2 = copy();
    stage2.pufu.measures![1]!.objectiveKeys = ["o2", "o1"];
    stage2.milestones![1]!.objectiveKeys = ["o2", "o1"];
    const diff = diffPlans(stage1, stage2);
    expect(diff.measures.changed).toEqual([]);
    expect(diff.milestones.changed).toEqual([]);
  });

  it("reports the goal, win condition, factors and plan fields by path", () => {
    const stage2 = copy();
    stage2.status = "active";
    stage2.period = { start: "2026-10-01", end: "2027-04-30" };
    stage2.pufu.goal = "全3拠点でトラック待機時間を半減する";
    stage2.pufu.winCondition.kpiKeys = ["k1", "k2"];
    stage2.pufu.factors!.headcount = 5;
    delete stage2.pufu.factors!.rivals;
    const diff = diffPlans(stage1, stage2);
    expect(diff.plan).toEqual([
      { field: "status", before: "agreed", after: "active" },
      { field: "period.end", before: "2027-03-31", after: "2027-04-30" },
    ]);
    expect(diff.pufu).toEqual([
      {
        field: "goal",
        before: "全3拠点でトラック待機時間を半減し、来期の運賃改定を据え置く",
        after: "全3拠点でトラック待機時間を半減する",
      },
      { field: "winCondition.kpiKeys", before: ["k1"], after: ["k1", "k2"] },
      {
        field: "factors.rivals",
        before: "一部の運送会社は他社の予約サービスを使っている",
        after: undefined,
      },
      { field: "factors.headcount", before: 4, after: 5 },
    ]);
  });

  it("does not count the account block: it names where the plan belongs, not what it says", () => {
    const stage2 = copy();
    delete stage2.account;
    expect(diffPlans(stage2, stage1).plan).toEqual([]);
    stage2.account = { externalId: "crm-0034", name: "東和精機" };
    expect(diffPlans(stage1, stage2).plan).toEqual([]);
  });

  it("names every element of either stage by key, the later stage's words first", () => {
    const stage2 = copy();
    stage2.pufu.objectives![0]!.title = "予約が当たり前になる";
    stage2.pufu.objectives = stage2.pufu.objectives!.filter((o) => o.key !== "o3");
    const { names } = diffPlans(stage1, stage2);
    expect(names.o1).toBe("予約が当たり前になる");
    expect(names.o3).toBe(stage1.pufu.objectives![2]!.title);
    expect(names.k2).toBe("事前予約率");
    expect(names.r1).toBe(stage1.roadmap![0]!.process);
    expect(names.c1).toBe(stage1.team![0]!.name);
  });

  it("reports roadmap items, milestones and tasks too", () => {
    const stage2 = copy();
    stage2.roadmap![1]!.status = "inProgress";
    stage2.milestones![1]!.doneDate = "2027-01-12";
    stage2.tasks!.push({ key: "t3", title: "第三倉庫の予約枠を設定", ownerKey: "c3" });
    stage2.tasks = stage2.tasks!.filter((task) => task.key !== "t1");
    const diff = diffPlans(stage1, stage2);
    expect(diff.roadmap.changed.map(({ key, changes }) => ({ key, changes }))).toEqual([
      { key: "r2", changes: [{ field: "status", before: "planned", after: "inProgress" }] },
    ]);
    expect(diff.milestones.changed[0]?.changes).toEqual([
      { field: "doneDate", before: undefined, after: "2027-01-12" },
    ]);
    expect(diff.tasks.added.map((task) => task.key)).toEqual(["t3"]);
    expect(diff.tasks.removed.map((task) => task.key)).toEqual(["t1"]);
  });
});
