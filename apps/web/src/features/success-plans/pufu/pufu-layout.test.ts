import { checkPlan, PLAN_FORMAT, type PlanDocument } from "@michi/core";
import { describe, expect, it } from "vitest";
import { buildPufuGraph, FACTORS_ID, GOAL_ID, NODE_SIZE, WIN_CONDITION_ID } from "./pufu-graph";
import { layoutPufu, openingViewport, READABLE_ZOOM } from "./pufu-layout";

const plan = (overrides: Partial<PlanDocument["pufu"]> = {}): PlanDocument => ({
  format: PLAN_FORMAT,
  title: "Plan",
  pufu: {
    goal: "Halve waiting times",
    winCondition: { text: "Waiting time below 45 minutes", kpiKeys: ["k1"] },
    objectives: [
      { key: "o1", title: "Carriers book" },
      { key: "o2", title: "Crews follow bookings" },
      { key: "o3", title: "Nobody serves me yet" },
    ],
    measures: [
      { key: "m1", title: "Briefing", objectiveKeys: ["o1"] },
      { key: "m2", title: "Slot template", objectiveKeys: ["o1", "o2"] },
      { key: "m3", title: "Not linked" },
    ],
    ...overrides,
  },
  kpis: [{ key: "k1", kind: "kgi", name: "Waiting time", baseline: 90, target: 45 }],
});

describe("buildPufuGraph", () => {
  it("draws measure → objective for each link and objective → win condition for each objective", () => {
    const { edges } = buildPufuGraph(plan(), []);
    expect(edges.filter((e) => e.kind === "serves").map((e) => e.id)).toEqual([
      "m1->o1",
      "m2->o1",
      "m2->o2",
    ]);
    expect(edges.filter((e) => e.kind === "wins").map((e) => e.source)).toEqual(["o1", "o2", "o3"]);
  });

  it("gives an unlinked measure no edge and carries its finding", () => {
    const document = plan();
    const graph = buildPufuGraph(
      document,
      checkPlan(document, { today: "2026-11-01", exitCriteria: [] }),
    );
    expect(graph.edges.some((e) => e.source === "m3")).toBe(false);
    const m3 = graph.nodes.find((n) => n.id === "m3");
    expect(m3?.findings.map((f) => f.code)).toEqual(["measure-without-objective"]);
    const o3 = graph.nodes.find((n) => n.id === "o3");
    expect(o3?.findings.map((f) => f.code)).toEqual(["objective-without-measure"]);
  });

  it("puts a finding on a KPI the win condition names on the win condition", () => {
    const document = { ...plan(), kpis: [{ key: "k1", kind: "kgi" as const, name: "Waiting" }] };
    const graph = buildPufuGraph(
      document,
      checkPlan(document, { today: "2026-11-01", exitCriteria: [] }),
    );
    const win = graph.nodes.find((n) => n.id === WIN_CONDITION_ID);
    expect(win?.findings.map((f) => f.code)).toContain("win-condition-unmeasurable");
  });
});

describe("layoutPufu", () => {
  it("puts the goal right of the objectives, right of the measures, and the factors above", () => {
    const graph = buildPufuGraph(plan(), []);
    const at = layoutPufu(graph);
    const x = (id: string) => at[id]?.x ?? Number.NaN;
    for (const objective of ["o1", "o2", "o3"]) {
      expect(x(objective)).toBeGreaterThan(x("m1"));
      expect(x(GOAL_ID)).toBeGreaterThan(x(objective));
      expect(x(WIN_CONDITION_ID)).toBeGreaterThan(x(objective));
    }
    expect(x("m3")).toBe(x("m1"));
    expect(at[GOAL_ID]!.y).toBeLessThan(at[WIN_CONDITION_ID]!.y);
    const highest = Math.min(
      ...graph.nodes.filter((n) => n.kind !== "factors").map((n) => at[n.id]!.y),
    );
    expect(highest).toBeGreaterThan(at[FACTORS_ID]!.y + NODE_SIZE.factors.height);
    // The band is as wide as the columns it heads.
    expect(at[FACTORS_ID]!.x + NODE_SIZE.factors.width).toBe(
      x(WIN_CONDITION_ID) + NODE_SIZE.winCondition.width,
    );
  });

  it("never overlaps two nodes of a column", () => {
    const at = layoutPufu(buildPufuGraph(plan(), []));
    const ys = ["m1", "m2", "m3"].map((id) => at[id]!.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) {
      expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(NODE_SIZE.measure.height);
    }
  });

  it("keeps positions moved by hand", () => {
    const at = layoutPufu(buildPufuGraph(plan(), []), { o2: { x: 900, y: -40 } });
    expect(at.o2).toEqual({ x: 900, y: -40 });
  });

  it("lays out an empty plan: goal above the win condition, factors above both", () => {
    const at = layoutPufu(buildPufuGraph(plan({ objectives: [], measures: [] }), []));
    expect(at[GOAL_ID]!.x).toBe(at[WIN_CONDITION_ID]!.x);
    expect(at[GOAL_ID]!.y).toBeGreaterThan(at[FACTORS_ID]!.y + NODE_SIZE.factors.height);
  });
});

describe("layoutPufu order", () => {
  it("keeps the objectives top to bottom in the document's order", () => {
    const at = layoutPufu(buildPufuGraph(plan(), []));
    expect(at.o1!.y).toBeLessThan(at.o2!.y);
    expect(at.o2!.y).toBeLessThan(at.o3!.y);
  });
});

describe("openingViewport", () => {
  const sizes = { a: { width: 400, height: 200 }, b: { width: 400, height: 200 } };
  const positions = { a: { x: 0, y: 0 }, b: { x: 500, y: 700 } };

  it("opens a map too large to fit at the readable zoom, from its top-left corner", () => {
    expect(openingViewport(positions, sizes, { width: 800, height: 600 })).toEqual({
      x: 24,
      y: 24,
      zoom: READABLE_ZOOM,
    });
    // Text of 13 px and up is 12 px or more on screen.
    expect(13 * READABLE_ZOOM).toBeGreaterThanOrEqual(12);
  });

  it("centres a map that fits, without enlarging it", () => {
    const small = { a: { x: 100, y: 50 } };
    const view = openingViewport(small, sizes, { width: 800, height: 600 });
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(view.x + 100 * view.zoom).toBeCloseTo((800 - 400 * view.zoom) / 2);
    expect(view.y + 50 * view.zoom).toBeCloseTo((600 - 200 * view.zoom) / 2);
  });

  it("opens the real layout of a six-measure plan at 12 px text or more", () => {
    const graph = buildPufuGraph(
      plan({
        measures: Array.from({ length: 6 }, (_, i) => ({
          key: `m${i + 1}`,
          title: `Measure ${i + 1}`,
          objectiveKeys: ["o1"],
        })),
      }),
      [],
    );
    const at = layoutPufu(graph);
    const nodeSizes = Object.fromEntries(graph.nodes.map((n) => [n.id, NODE_SIZE[n.kind]]));
    const view = openingViewport(at, nodeSizes, { width: 840, height: 640 });
    expect(view.zoom).toBe(READABLE_ZOOM);
    // The factors band's top-left is on screen.
    expect(at[FACTORS_ID]!.x * view.zoom + view.x).toBeGreaterThanOrEqual(0);
    expect(at[FACTORS_ID]!.y * view.zoom + view.y).toBeGreaterThanOrEqual(0);
  });
});
