import { Badge, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { formatDate } from "../../../lib/format";
import type { AccountOverview } from "../account-overview.queries";
import { EmptyText, OverviewCard } from "./overview-card";

type Props = {
  accountId: string;
  plan: AccountOverview["plan"];
  tasks: AccountOverview["tasks"];
};

/** The active plan's open tasks: how many, how many overdue, and the next few by due date. */
export const TasksCard = ({ accountId, plan, tasks }: Props) => {
  const { t, i18n } = useTranslation();
  return (
    <OverviewCard title={t("overview.tasks.title")}>
      {tasks.open === 0 ? (
        <EmptyText>{t("overview.tasks.none")}</EmptyText>
      ) : (
        <>
          <Group gap="xs">
            <Text fw={600}>{t("overview.tasks.open", { count: tasks.open })}</Text>
            {tasks.overdue > 0 ? (
              <Badge color="red" variant="light" size="sm">
                {t("overview.tasks.overdue", { count: tasks.overdue })}
              </Badge>
            ) : null}
          </Group>
          <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {tasks.next.map((task) => (
              <li key={task.key}>
                <Group gap={6} wrap="nowrap" justify="space-between">
                  <Text size="sm" truncate>
                    {task.title}
                  </Text>
                  <Text size="xs" c={task.overdue ? "red" : "dimmed"} style={{ flexShrink: 0 }}>
                    {task.dueDate ? formatDate(task.dueDate, i18n.language) : t("common.none")}
                  </Text>
                </Group>
              </li>
            ))}
          </Stack>
          {plan ? (
            <AnchorLink
              to="/accounts/$accountId/plans/$planId"
              params={{ accountId, planId: plan.id }}
              search={{ tab: "milestones" }}
              size="sm"
            >
              {t("overview.tasks.all")}
            </AnchorLink>
          ) : null}
        </>
      )}
    </OverviewCard>
  );
};
