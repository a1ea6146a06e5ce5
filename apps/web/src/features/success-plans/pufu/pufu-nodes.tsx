import { Badge, Box, Group, Progress, SimpleGrid, Stack, Text } from "@mantine/core";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FindingBadge } from "../components/finding-badge";
import { severityColor, worstSeverity } from "../plan-findings";
import classes from "./pufu.module.css";
import { type KpiChip, NODE_SIZE, type PufuNode } from "./pufu-graph";

export type PufuFlowNode = Node<{ node: PufuNode; readOnly: boolean }, PufuNode["kind"]>;

const measureStatusColor = { planned: "gray", inProgress: "blue", done: "teal", dropped: "dark" };

const Frame = ({
  node,
  selected,
  accent,
  label,
  children,
}: {
  node: PufuNode;
  selected: boolean;
  accent: string;
  label: string;
  children: ReactNode;
}) => {
  const worst = worstSeverity(node.findings);
  return (
    <Box
      className={classes.node}
      data-kind={node.kind}
      data-selected={selected || undefined}
      style={{
        width: NODE_SIZE[node.kind].width,
        height: NODE_SIZE[node.kind].height,
        borderLeftColor: `var(--mantine-color-${accent}-6)`,
        ...(worst ? { outlineColor: `var(--mantine-color-${severityColor[worst]}-5)` } : {}),
      }}
      data-finding={worst ?? undefined}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" mb={4}>
        <Text size="xs" fw={700} c={`${accent}.8`} truncate>
          {label}
        </Text>
        <FindingBadge findings={node.findings} />
      </Group>
      {children}
    </Box>
  );
};

const KpiChips = ({ kpis }: { kpis: KpiChip[] }) => (
  <Stack gap={3}>
    {kpis.slice(0, 2).map((kpi) => (
      <Group key={kpi.key} gap={6} wrap="nowrap">
        <Text size="xs" truncate flex={1}>
          {kpi.name}
        </Text>
        {kpi.percent === null ? (
          <Text size="xs" c="dimmed">
            —
          </Text>
        ) : (
          <>
            <Progress
              value={kpi.percent}
              w={56}
              size="sm"
              color={kpi.reached ? "teal" : "indigo"}
              aria-hidden
            />
            <Text size="xs" fw={600} w={34} ta="right">
              {Math.round(kpi.percent)}%
            </Text>
          </>
        )}
      </Group>
    ))}
  </Stack>
);

const GoalNode = ({ data, selected }: NodeProps<PufuFlowNode>) => {
  const { t } = useTranslation();
  const node = data.node;
  if (node.kind !== "goal") return null;
  return (
    <Frame node={node} selected={selected} accent="indigo" label={t("plans.pufu.goal")}>
      <Text size="sm" fw={600} lineClamp={3} c={node.text ? undefined : "dimmed"}>
        {node.text || t("plans.pufu.emptyGoal")}
      </Text>
    </Frame>
  );
};

const WinConditionNode = ({ data, selected }: NodeProps<PufuFlowNode>) => {
  const { t } = useTranslation();
  const node = data.node;
  if (node.kind !== "winCondition") return null;
  return (
    <Frame node={node} selected={selected} accent="orange" label={t("plans.pufu.winCondition")}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Text size="sm" fw={600} lineClamp={2} c={node.text ? undefined : "dimmed"} mb={6}>
        {node.text || t("plans.pufu.emptyWinCondition")}
      </Text>
      {node.kpis.length > 0 ? (
        <KpiChips kpis={node.kpis} />
      ) : (
        <Text size="xs" c="dimmed">
          {t("plans.pufu.noKpi")}
        </Text>
      )}
    </Frame>
  );
};

const ObjectiveNode = ({ data, selected }: NodeProps<PufuFlowNode>) => {
  const { t } = useTranslation();
  const node = data.node;
  if (node.kind !== "objective") return null;
  return (
    <Frame node={node} selected={selected} accent="teal" label={t("plans.pufu.objective")}>
      <Handle
        type="target"
        position={Position.Left}
        isConnectable={!data.readOnly}
        className={classes.handle}
      />
      <Handle type="source" position={Position.Right} isConnectable={false} />
      <Text size="sm" fw={600} lineClamp={2}>
        {node.title}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={2} mt={2}>
        {node.desiredState || t("plans.pufu.emptyDesiredState")}
      </Text>
      <Group gap={6} mt={6} wrap="nowrap">
        <Badge
          size="xs"
          variant="light"
          color={node.measuresTotal === 0 ? "gray" : "teal"}
          style={{ flexShrink: 0 }}
        >
          {t("plans.pufu.measuresDone", { done: node.measuresDone, total: node.measuresTotal })}
        </Badge>
        {node.kpis[0] && node.kpis[0].percent !== null ? (
          // May shrink: its label ends in an ellipsis rather than leaving the node.
          <Badge size="xs" variant="outline" color="indigo" miw={0}>
            {node.kpis[0].name} {Math.round(node.kpis[0].percent)}%
          </Badge>
        ) : null}
      </Group>
    </Frame>
  );
};

const MeasureNode = ({ data, selected }: NodeProps<PufuFlowNode>) => {
  const { t } = useTranslation();
  const node = data.node;
  if (node.kind !== "measure") return null;
  return (
    <Frame node={node} selected={selected} accent="indigo" label={t("plans.pufu.measure")}>
      <Handle
        type="source"
        position={Position.Right}
        isConnectable={!data.readOnly}
        className={classes.handle}
      />
      <Text size="sm" fw={600} lineClamp={2}>
        {node.title}
      </Text>
      <Group gap={6} mt={6} wrap="nowrap">
        <Badge
          size="xs"
          color={measureStatusColor[node.status]}
          variant="light"
          style={{ flexShrink: 0 }}
        >
          {t(`plans.measureStatus.${node.status}`)}
        </Badge>
        <Text size="xs" c="dimmed" truncate>
          {node.owner ?? t("plans.pufu.noOwner")}
          {node.effortHoursPerWeek !== null
            ? ` · ${t("plans.pufu.effort", { hours: node.effortHoursPerWeek })}`
            : ""}
        </Text>
      </Group>
    </Frame>
  );
};

const factorNames = [
  "people",
  "money",
  "time",
  "quality",
  "dealStructure",
  "environment",
  "rivals",
  "externalThreats",
] as const;

const FactorsNode = ({ data, selected }: NodeProps<PufuFlowNode>) => {
  const { t } = useTranslation();
  const node = data.node;
  if (node.kind !== "factors") return null;
  const { headcount, hoursPerWeekPerPerson } = node.factors;
  return (
    <Frame node={node} selected={selected} accent="grape" label={t("plans.pufu.factors")}>
      <SimpleGrid cols={4} spacing={6} verticalSpacing={6}>
        {factorNames.map((name) => (
          <Box key={name} className={classes.factor}>
            <Text size="xs" fw={700} c="grape.8">
              {t(`plans.factors.${name}`)}
              {name === "people" && headcount !== undefined && hoursPerWeekPerPerson !== undefined
                ? ` · ${t("plans.factors.capacity", { hours: headcount * hoursPerWeekPerPerson })}`
                : ""}
            </Text>
            <Text size="xs" lineClamp={3} c={node.factors[name] ? undefined : "dimmed"}>
              {node.factors[name] || t("plans.factors.empty")}
            </Text>
          </Box>
        ))}
      </SimpleGrid>
    </Frame>
  );
};

export const pufuNodeTypes = {
  goal: GoalNode,
  winCondition: WinConditionNode,
  objective: ObjectiveNode,
  measure: MeasureNode,
  factors: FactorsNode,
};
