import dagre from "@dagrejs/dagre";
import { FACTORS_ID, GOAL_ID, NODE_SIZE, type PufuGraph, WIN_CONDITION_ID } from "./pufu-graph";

export type Position = { x: number; y: number };

const COLUMN_GAP = 72;
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
 * the goal above it. The eight factors, what the plan starts from, are a band
 * above: the map opens at its top-left, so they stay in view however many
 * objectives and measures are added below.
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

  // The factors band at the top, everything else below it.
  const top = Math.min(...Object.values(positions).map((p) => p.y));
  for (const p of Object.values(positions)) p.y += NODE_SIZE.factors.height + BAND_GAP - top;
  positions[FACTORS_ID] = { x: 0, y: 0 };

  for (const node of graph.nodes) {
    const kept = manual[node.id];
    if (kept) positions[node.id] = { x: kept.x, y: kept.y };
  }
  return positions;
};

export type Viewport = { x: number; y: number; zoom: number };

/** The zoom the map opens at: node text (13 px and up, pufu-nodes) stays at least 12 px on screen. */
export const READABLE_ZOOM = 0.925;

/**
 * Where the map opens: the whole map centred when it fits at a readable zoom,
 * else at that zoom from its top-left corner (the eight factors and the first
 * objectives), the rest a scroll away. Shrinking a large plan to fit made its
 * text 5 px high at 1440×900.
 */
export const openingViewport = (
  positions: Readonly<Record<string, Position>>,
  sizes: Readonly<Record<string, { width: number; height: number }>>,
  canvas: { width: number; height: number },
  padding = 24,
): Viewport => {
  const ids = Object.keys(positions).filter((id) => sizes[id]);
  if (ids.length === 0) return { x: padding, y: padding, zoom: READABLE_ZOOM };
  const left = Math.min(...ids.map((id) => positions[id]!.x));
  const top = Math.min(...ids.map((id) => positions[id]!.y));
  const right = Math.max(...ids.map((id) => positions[id]!.x + sizes[id]!.width));
  const bottom = Math.max(...ids.map((id) => positions[id]!.y + sizes[id]!.height));
  const zoom = READABLE_ZOOM;
  const spareX = canvas.width - (right - left) * zoom;
  const spareY = canvas.height - (bottom - top) * zoom;
  return {
    x: (spareX >= 2 * padding ? spareX / 2 : padding) - left * zoom,
    y: (spareY >= 2 * padding ? spareY / 2 : padding) - top * zoom,
    zoom,
  };
};
