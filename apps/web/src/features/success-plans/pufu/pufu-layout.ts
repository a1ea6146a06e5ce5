import dagre from "@dagrejs/dagre";
import { FACTORS_ID, GOAL_ID, NODE_SIZE, type PufuGraph, WIN_CONDITION_ID } from "./pufu-graph";

export type Position = { x: number; y: number };

const COLUMN_GAP = 110;
const ROW_GAP = 28;
const BAND_GAP = 64;

/** Left edge of each column, left to right: measures, objectives, goal and win condition. */
export const COLUMN_X = {
  measure: 0,
  objective: NODE_SIZE.measure.width + COLUMN_GAP,
  winCondition: NODE_SIZE.measure.width + NODE_SIZE.objective.width + 2 * COLUMN_GAP,
} as const;

/**
 * Where each node goes (top-left corners), as in the プ譜 template: measures
 * on the left, objectives in the middle, the win condition on the right with
 * the goal above it, the eight factors in a band below.
 *
 * dagre orders the nodes within a column so that arrows cross as little as
 * possible; the columns themselves are fixed by kind, so an objective no
 * measure serves still stands in the middle (dagre alone would put every node
 * without incoming arrows in the first column). Positions kept by hand win.
 */
export const layoutPufu = (
  graph: PufuGraph,
  manual: Readonly<Record<string, Position>> = {},
): Record<string, Position> => {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: ROW_GAP, ranksep: COLUMN_GAP });
  g.setDefaultEdgeLabel(() => ({}));

  const inColumns = graph.nodes.filter((node) => node.kind !== "goal" && node.kind !== "factors");
  for (const node of inColumns) g.setNode(node.id, { ...NODE_SIZE[node.kind] });
  for (const edge of graph.edges) g.setEdge(edge.source, edge.target);
  // Invisible stand-ins keep every node in its column's rank.
  const hasIncoming = new Set(graph.edges.map((edge) => edge.target));
  for (const node of inColumns) {
    if (node.kind === "objective" && !hasIncoming.has(node.id)) {
      g.setNode(`__in_${node.id}`, { width: 1, height: 1 });
      g.setEdge(`__in_${node.id}`, node.id);
    }
  }
  if (!hasIncoming.has(WIN_CONDITION_ID)) {
    g.setNode("__in_m", { width: 1, height: 1 });
    g.setNode("__in_o", { width: 1, height: 1 });
    g.setEdge("__in_m", "__in_o");
    g.setEdge("__in_o", WIN_CONDITION_ID);
  }
  // Objectives stay top to bottom in the document's order; dagre orders measures to match.
  const objectiveIds = graph.nodes
    .filter((node) => node.kind === "objective")
    .map((node) => node.id);
  dagre.layout(g, {
    constraints: objectiveIds
      .slice(1)
      .map((id, index) => ({ left: objectiveIds[index] ?? id, right: id })),
  });

  const positions: Record<string, Position> = {};
  for (const node of inColumns) {
    const placed = g.node(node.id);
    const size = NODE_SIZE[node.kind];
    const column =
      node.kind === "measure"
        ? "measure"
        : node.kind === "objective"
          ? "objective"
          : "winCondition";
    positions[node.id] = { x: COLUMN_X[column], y: Math.round((placed?.y ?? 0) - size.height / 2) };
  }
  const win = positions[WIN_CONDITION_ID] ?? { x: COLUMN_X.winCondition, y: 0 };
  positions[GOAL_ID] = { x: COLUMN_X.winCondition, y: win.y - NODE_SIZE.goal.height - ROW_GAP };

  // Shift everything so the top is at 0, then put the factors band below the lowest node.
  const top = Math.min(...Object.values(positions).map((p) => p.y));
  for (const p of Object.values(positions)) p.y -= top;
  const bottom = Math.max(
    ...graph.nodes
      .filter((node) => node.kind !== "factors")
      .map((node) => (positions[node.id]?.y ?? 0) + NODE_SIZE[node.kind].height),
  );
  positions[FACTORS_ID] = { x: 0, y: bottom + BAND_GAP };

  for (const node of graph.nodes) {
    const kept = manual[node.id];
    if (kept) positions[node.id] = { x: kept.x, y: kept.y };
  }
  return positions;
};
