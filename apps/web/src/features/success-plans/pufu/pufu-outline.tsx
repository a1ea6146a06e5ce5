import { Group, NavLink, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { FindingBadge } from "../components/finding-badge";
import type { PufuGraph, PufuNode } from "./pufu-graph";

type KindNames = { goal: string; winCondition: string; factors: string };

const label = (node: PufuNode, names: KindNames): string => {
  switch (node.kind) {
    case "goal":
      return node.text || names.goal;
    case "winCondition":
      return node.text || names.winCondition;
    case "factors":
      return names.factors;
    default:
      return node.title;
  }
};

/**
 * Every element of the map as a list of buttons: the keyboard way to pick
 * what to edit, and a reading order for screen readers.
 */
export const PufuOutline = ({
  graph,
  selectedId,
  onSelect,
}: {
  graph: PufuGraph;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) => {
  const { t } = useTranslation();
  const names: KindNames = {
    goal: t("plans.pufu.goal"),
    winCondition: t("plans.pufu.winCondition"),
    factors: t("plans.pufu.factors"),
  };
  const groups = [
    { title: t("plans.pufu.goalAndWin"), kinds: ["goal", "winCondition"] },
    { title: t("plans.pufu.objectives"), kinds: ["objective"] },
    { title: t("plans.pufu.measures"), kinds: ["measure"] },
    { title: t("plans.pufu.factors"), kinds: ["factors"] },
  ];
  return (
    <Paper withBorder radius="md" p="xs" component="nav" aria-label={t("plans.pufu.outline")}>
      <Stack gap={4}>
        {groups.map((group) => {
          const nodes = graph.nodes.filter((node) => group.kinds.includes(node.kind));
          return (
            <div key={group.title}>
              <Text size="xs" fw={700} c="dimmed" px="xs" pt={4}>
                {group.title}
              </Text>
              {nodes.length === 0 ? (
                <Text size="sm" c="dimmed" px="xs" py={4}>
                  {t("plans.pufu.none")}
                </Text>
              ) : (
                nodes.map((node) => (
                  <NavLink
                    key={node.id}
                    component="button"
                    type="button"
                    active={node.id === selectedId}
                    onClick={() => onSelect(node.id)}
                    label={
                      <Group gap={6} wrap="nowrap" justify="space-between">
                        <Text size="sm" truncate>
                          {node.kind === "goal" || node.kind === "winCondition"
                            ? `${names[node.kind]}: `
                            : ""}
                          {label(node, names)}
                        </Text>
                        <FindingBadge findings={node.findings} />
                      </Group>
                    }
                    style={{ borderRadius: "var(--mantine-radius-sm)" }}
                  />
                ))
              )}
            </div>
          );
        })}
      </Stack>
    </Paper>
  );
};
