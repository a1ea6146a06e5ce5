import type { PlanRoadmapItem } from "@michi/core";
import { type ChartOption, chartColors } from "../charts/echarts";

export type QuadrantLabels = {
  quickWins: string;
  majorProjects: string;
  fillIns: string;
  reconsider: string;
  impact: string;
  difficulty: string;
};

type MarkAreaCorner = {
  name?: string;
  xAxis: number;
  yAxis: number;
  itemStyle?: { color: string };
  label?: { color: string };
};

const statusColor: Record<string, string> = {
  planned: chartColors.indigo,
  inProgress: chartColors.orange,
  done: chartColors.teal,
  dropped: chartColors.gray,
};

/** Points on the same cell are spread a little so each stays clickable. */
export const spreadPoints = (items: readonly PlanRoadmapItem[]) => {
  const seen = new Map<string, number>();
  return items
    .filter((item) => item.impact !== undefined && item.difficulty !== undefined)
    .map((item) => {
      const cell = `${item.difficulty}-${item.impact}`;
      const index = seen.get(cell) ?? 0;
      seen.set(cell, index + 1);
      const angle = index * 2.1;
      const radius = index === 0 ? 0 : 0.18;
      return {
        key: item.key,
        x: (item.difficulty ?? 0) + radius * Math.cos(angle),
        y: (item.impact ?? 0) + radius * Math.sin(angle),
        item,
      };
    });
};

/** Impact × difficulty, with the four quadrants named (split at 3 on both 1–5 scales). */
export const roadmapChartOption = (
  items: readonly PlanRoadmapItem[],
  labels: QuadrantLabels,
): ChartOption => {
  const area = (
    name: string,
    x: [number, number],
    y: [number, number],
    color: string,
  ): [MarkAreaCorner, MarkAreaCorner] => [
    { name, xAxis: x[0], yAxis: y[0], itemStyle: { color }, label: { color: chartColors.text } },
    { xAxis: x[1], yAxis: y[1] },
  ];
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 16, bottom: 48 },
    tooltip: {
      trigger: "item",
      formatter: (params: unknown) => {
        const data = (params as { data?: { name?: string } }).data;
        return data?.name ?? "";
      },
    },
    xAxis: {
      type: "value",
      min: 0.5,
      max: 5.5,
      interval: 1,
      name: labels.difficulty,
      nameLocation: "middle",
      nameGap: 28,
      axisTick: { customValues: [1, 2, 3, 4, 5] },
      axisLabel: { customValues: [1, 2, 3, 4, 5] },
      splitLine: { show: false },
    },
    yAxis: {
      type: "value",
      min: 0.5,
      max: 5.5,
      interval: 1,
      name: labels.impact,
      nameLocation: "middle",
      nameGap: 32,
      axisTick: { customValues: [1, 2, 3, 4, 5] },
      axisLabel: { customValues: [1, 2, 3, 4, 5] },
      splitLine: { show: false },
    },
    series: [
      {
        type: "scatter",
        symbolSize: 18,
        cursor: "pointer",
        data: spreadPoints(items).map((point) => ({
          value: [point.x, point.y],
          name: point.item.process,
          key: point.key,
          itemStyle: { color: statusColor[point.item.status ?? "planned"] },
          label: {
            show: true,
            position: "right",
            formatter: point.item.process,
            color: chartColors.text,
          },
        })),
        markArea: {
          silent: true,
          label: { position: "insideTopLeft", fontWeight: "bold" },
          data: [
            area(labels.quickWins, [0.5, 3], [3, 5.5], "rgba(18, 184, 134, 0.08)"),
            area(labels.majorProjects, [3, 5.5], [3, 5.5], "rgba(76, 110, 245, 0.08)"),
            area(labels.fillIns, [0.5, 3], [0.5, 3], "rgba(134, 142, 150, 0.06)"),
            area(labels.reconsider, [3, 5.5], [0.5, 3], "rgba(250, 82, 82, 0.06)"),
          ],
        },
      },
    ],
  };
};
