import "@xyflow/react/dist/style.css";
import { CloseButton } from "@mantine/core";
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BaseEdge,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  EdgeLabelRenderer,
  type EdgeProps,
  getBezierPath,
  MarkerType,
  type NodeChange,
  ReactFlow,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import classes from "./pufu.module.css";
import { linkEdgeId, NODE_SIZE, type PufuEdge, type PufuGraph, type PufuNode } from "./pufu-graph";
import { openingViewport, type Position } from "./pufu-layout";
import { type PufuFlowNode, pufuNodeTypes } from "./pufu-nodes";

type LinkEdge = Edge<{ kind: PufuEdge["kind"]; label: string; onRemove?: () => void }>;

/** measure → objective: a solid arrow, with a button to remove it when selected. */
const ServesEdge = (props: EdgeProps<LinkEdge>) => {
  const [path, labelX, labelY] = getBezierPath(props);
  const { t } = useTranslation();
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        {...(props.markerEnd ? { markerEnd: props.markerEnd } : {})}
        style={props.style ?? {}}
      />
      {props.selected && props.data?.onRemove ? (
        <EdgeLabelRenderer>
          <CloseButton
            size="sm"
            variant="filled"
            radius="xl"
            className="nodrag nopan"
            aria-label={t("plans.pufu.unlinkNamed", { name: props.data.label })}
            onClick={props.data.onRemove}
            style={{
              position: "absolute",
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              pointerEvents: "all",
            }}
          />
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
};

const edgeTypes = { serves: ServesEdge };

/**
 * Opens the map at a readable zoom once the canvas has its size (React Flow's
 * fitView would shrink a large plan until its text is unreadable). Once per
 * mount: after that the viewport is the user's.
 */
const OpeningViewport = ({ graph, positions }: Pick<Props, "graph" | "positions">) => {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { setViewport } = useReactFlow();
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || width === 0 || height === 0) return;
    opened.current = true;
    const sizes = Object.fromEntries(graph.nodes.map((n) => [n.id, NODE_SIZE[n.kind]]));
    void setViewport(openingViewport(positions, sizes, { width, height }));
  }, [width, height, graph.nodes, positions, setViewport]);
  return null;
};

const accessibleName = (
  node: PufuNode,
  t: (key: "plans.pufu.goal" | "plans.pufu.winCondition" | "plans.pufu.factors") => string,
) => {
  switch (node.kind) {
    case "goal":
      return `${t("plans.pufu.goal")}: ${node.text}`;
    case "winCondition":
      return `${t("plans.pufu.winCondition")}: ${node.text}`;
    case "factors":
      return t("plans.pufu.factors");
    default:
      return node.title;
  }
};

type Props = {
  graph: PufuGraph;
  positions: Record<string, Position>;
  selectedId?: string | null;
  readOnly?: boolean;
  /** For print: no pan, zoom or controls; the whole map fits the box. */
  still?: boolean;
  onSelect?: (id: string | null) => void;
  onMove?: (moved: Record<string, Position>) => void;
  onLink?: (measureKey: string, objectiveKey: string) => void;
  onUnlink?: (measureKey: string, objectiveKey: string) => void;
};

/** The プ譜 drawn with React Flow: nodes where the layout puts them, arrows as the document links them. */
export const PufuCanvas = ({
  graph,
  positions,
  selectedId = null,
  readOnly = false,
  still = false,
  onSelect,
  onMove,
  onLink,
  onUnlink,
}: Props) => {
  const { t } = useTranslation();
  const kinds = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n.kind])), [graph.nodes]);
  const titles = useMemo(
    () => new Map(graph.nodes.map((n) => [n.id, accessibleName(n, t)])),
    [graph.nodes, t],
  );

  const fromProps = useMemo(
    (): PufuFlowNode[] =>
      graph.nodes.map((node) => ({
        id: node.id,
        type: node.kind,
        position: positions[node.id] ?? { x: 0, y: 0 },
        data: { node, readOnly },
        selected: node.id === selectedId,
        deletable: false,
        draggable: !readOnly,
        connectable: !readOnly,
        ariaLabel: accessibleName(node, t),
      })),
    [graph.nodes, positions, selectedId, readOnly, t],
  );
  // React Flow moves nodes while they are dragged; the props win again on every change.
  const [nodes, setNodes] = useState(fromProps);
  useEffect(() => setNodes(fromProps), [fromProps]);

  const edges = useMemo(
    (): LinkEdge[] =>
      graph.edges.map((edge) => {
        const label = `${titles.get(edge.source) ?? edge.source} → ${titles.get(edge.target) ?? edge.target}`;
        return {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          ...(edge.kind === "serves" ? { type: "serves" } : {}),
          deletable: edge.kind === "serves" && !readOnly,
          selectable: edge.kind === "serves" && !readOnly,
          focusable: edge.kind === "serves" && !readOnly,
          ariaLabel: label,
          markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
          style:
            edge.kind === "serves"
              ? { stroke: "var(--mantine-color-indigo-5)", strokeWidth: 2 }
              : { stroke: "var(--mantine-color-teal-5)", strokeWidth: 2, strokeDasharray: "6 4" },
          data: {
            kind: edge.kind,
            label,
            ...(edge.kind === "serves" && onUnlink && !readOnly
              ? { onRemove: () => onUnlink(edge.source, edge.target) }
              : {}),
          },
        };
      }),
    [graph.edges, titles, readOnly, onUnlink],
  );

  // A node comes to rest after a drag or an arrow key: its position is kept (once the keys stop).
  const moved = useRef<Record<string, Position>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const keepMoved = (changes: NodeChange<PufuFlowNode>[]) => {
    if (!onMove) return;
    for (const change of changes) {
      if (change.type === "position" && change.dragging === false && change.position) {
        moved.current[change.id] = {
          x: Math.round(change.position.x),
          y: Math.round(change.position.y),
        };
      }
    }
    if (Object.keys(moved.current).length === 0) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const positions = moved.current;
      moved.current = {};
      onMove(positions);
    }, 400);
  };

  // Selection (to remove an arrow) lives in React Flow's changes; the document wins on every change.
  const [edgeState, setEdgeState] = useState(edges);
  useEffect(() => setEdgeState(edges), [edges]);

  const isValidConnection = (connection: Connection | LinkEdge) =>
    kinds.get(connection.source) === "measure" &&
    kinds.get(connection.target) === "objective" &&
    !graph.edges.some((e) => e.id === linkEdgeId(connection.source, connection.target));

  return (
    <ReactFlow<PufuFlowNode, LinkEdge>
      className={classes.canvas}
      nodes={nodes}
      edges={edgeState}
      onEdgesChange={(changes: EdgeChange<LinkEdge>[]) =>
        setEdgeState((current) => applyEdgeChanges(changes, current))
      }
      nodeTypes={pufuNodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={(changes: NodeChange<PufuFlowNode>[]) => {
        setNodes((current) => applyNodeChanges(changes, current));
        keepMoved(changes);
      }}
      onNodeClick={(_event, node) => onSelect?.(node.id)}
      onPaneClick={() => onSelect?.(null)}
      isValidConnection={isValidConnection}
      onConnect={(connection) => {
        if (isValidConnection(connection)) onLink?.(connection.source, connection.target);
      }}
      onEdgesDelete={(deleted) => {
        for (const edge of deleted) onUnlink?.(edge.source, edge.target);
      }}
      deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      elementsSelectable={!still}
      panOnDrag={!still}
      zoomOnScroll={false}
      zoomOnPinch={!still}
      zoomOnDoubleClick={false}
      preventScrolling={false}
      panOnScroll={!still}
      fitView={still}
      fitViewOptions={{ padding: 0.02 }}
      minZoom={0.2}
      maxZoom={1.5}
      proOptions={{ hideAttribution: true }}
      ariaLabelConfig={{
        "node.a11yDescription.default": t("plans.pufu.a11yNode"),
        "node.a11yDescription.keyboardDisabled": t("plans.pufu.a11yNode"),
        "edge.a11yDescription.default": t("plans.pufu.a11yEdge"),
        "controls.ariaLabel": t("plans.pufu.controls"),
        "controls.zoomIn.ariaLabel": t("plans.pufu.zoomIn"),
        "controls.zoomOut.ariaLabel": t("plans.pufu.zoomOut"),
        "controls.fitView.ariaLabel": t("plans.pufu.fitView"),
        "controls.interactive.ariaLabel": t("plans.pufu.lock"),
        "handle.ariaLabel": t("plans.pufu.handle"),
      }}
    >
      {still ? null : <Background gap={24} size={1} />}
      {still ? null : <Controls showInteractive={false} position="bottom-right" />}
      {still ? null : <OpeningViewport graph={graph} positions={positions} />}
    </ReactFlow>
  );
};
