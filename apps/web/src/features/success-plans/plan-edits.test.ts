import { PLAN_FORMAT, type PlanDocument, validatePlanDocument } from "@michi/core";
import { describe, expect, it } from "vitest";
import {
  linkMeasure,
  moveRoadmapItem,
  nextKey,
  putObjective,
  putTaskOwnedBy,
  removeKpi,
  removeMeasure,
  removeObjective,
  removeTeamMember,
  unlinkMeasure,
} from "./plan-edits";

const plan: PlanDocument = {
  format: PLAN_FORMAT,
  title: "Plan",
  team: [{ key: "c1", name: "Sato", side: "customer", role: "promoter" }],
  pufu: {
    goal: "Goal",
    winCondition: { text: "Win", kpiKeys: ["k1"] },
    objectives: [
      { key: "o1", title: "One", kpiKeys: ["k1"] },
      { key: "o2", title: "Two" },
    ],
    measures: [{ key: "m1", title: "Briefing", objectiveKeys: ["o1", "o2"], ownerKey: "c1" }],
  },
  kpis: [{ key: "k1", kind: "kgi", name: "Wait", target: 45 }],
  roadmap: [
    { key: "r1", process: "A", kpiKeys: ["k1"] },
    { key: "r2", process: "B" },
  ],
  milestones: [{ key: "ms1", title: "Start", objectiveKeys: ["o1"] }],
  tasks: [{ key: "t1", title: "Slides", measureKey: "m1", milestoneKey: "ms1", ownerKey: "c1" }],
};

describe("plan edits", () => {
  it("picks the next free key of a prefix", () => {
    expect(nextKey(plan, "o")).toBe("o3");
    expect(nextKey(plan, "m")).toBe("m2");
    expect(nextKey(plan, "ms")).toBe("ms2");
  });

  it("removes an objective with every arrow and reference to it, and stays valid", () => {
    const after = removeObjective("o1")(plan);
    expect(after.pufu.objectives?.map((o) => o.key)).toEqual(["o2"]);
    expect(after.pufu.measures?.[0]?.objectiveKeys).toEqual(["o2"]);
    expect(after.milestones?.[0]?.objectiveKeys).toBeUndefined();
    expect(validatePlanDocument(after).ok).toBe(true);
  });

  it("removes a measure, a KPI and a team member without leaving dangling keys", () => {
    const after = removeTeamMember("c1")(removeKpi("k1")(removeMeasure("m1")(plan)));
    expect(after.tasks?.[0]).toEqual({ key: "t1", title: "Slides", milestoneKey: "ms1" });
    expect(after.pufu.winCondition).toEqual({ text: "Win" });
    expect(after.roadmap?.[0]).toEqual({ key: "r1", process: "A" });
    expect(validatePlanDocument(after).ok).toBe(true);
  });

  it("links and unlinks a measure and an objective once", () => {
    const unlinked = unlinkMeasure("m1", "o2")(plan);
    expect(unlinked.pufu.measures?.[0]?.objectiveKeys).toEqual(["o1"]);
    const linked = linkMeasure("m1", "o2")(linkMeasure("m1", "o2")(unlinked));
    expect(linked.pufu.measures?.[0]?.objectiveKeys).toEqual(["o1", "o2"]);
  });

  it("drops blank optional fields when putting an element", () => {
    const after = putObjective({ key: "o2", title: "Two", desiredState: "  ", kpiKeys: [] })(plan);
    expect(after.pufu.objectives?.[1]).toEqual({ key: "o2", title: "Two" });
  });

  it("moves a roadmap item within the list and not past its ends", () => {
    expect(moveRoadmapItem("r2", -1)(plan).roadmap?.map((r) => r.key)).toEqual(["r2", "r1"]);
    expect(moveRoadmapItem("r1", -1)(plan).roadmap?.map((r) => r.key)).toEqual(["r1", "r2"]);
  });
});

describe("putTaskOwnedBy", () => {
  it("gives a task to a team member by key, the stored form unchanged", () => {
    const doc = putTaskOwnedBy({ key: "t2", title: "Agenda", ownerKey: "c1" })(plan);
    expect(doc.tasks?.[1]).toEqual({ key: "t2", title: "Agenda", ownerKey: "c1" });
    expect(doc.team).toEqual(plan.team);
  });

  it("adds a workspace user to our side, then owns the task by the new key", () => {
    const doc = putTaskOwnedBy(
      { key: "t2", title: "Agenda" },
      { name: "Yamamoto", email: "yamamoto@michi.example", side: "vendor", role: "csm" },
    )(plan);
    expect(doc.team?.[1]).toEqual({
      key: "v1",
      name: "Yamamoto",
      email: "yamamoto@michi.example",
      side: "vendor",
      role: "csm",
    });
    expect(doc.tasks?.[1]).toEqual({ key: "t2", title: "Agenda", ownerKey: "v1" });
    expect(validatePlanDocument(doc).ok).toBe(true);
  });
});
