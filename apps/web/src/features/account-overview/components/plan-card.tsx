import { Badge, Group, List, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { severityColor, useFindingMessage } from "../../success-plans/plan-findings";
import type { AccountOverview } from "../account-overview.queries";
import { EmptyText, OverviewCard } from "./overview-card";

type Props = { accountId: string; plan: AccountOverview["plan"] };

/** The active plan: how far its work has come, its win condition, and what its checks found. */
export const PlanCard = ({ accountId, plan }: Props) => {
  const { t, i18n } = useTranslation();
  const message = useFindingMessage();
  const percent = (value: number) =>
    new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 }).format(
      value / 100,
    );
  if (!plan) {
    return (
      <OverviewCard title={t("overview.plan.title")}>
        <EmptyText>{t("overview.plan.none")}</EmptyText>
      </OverviewCard>
    );
  }
  const { progress, findings } = plan;
  const open = findings.errors + findings.warnings + findings.infos;
  return (
    <OverviewCard title={t("overview.plan.title")}>
      <AnchorLink
        to="/accounts/$accountId/plans/$planId"
        params={{ accountId, planId: plan.id }}
        fw={600}
      >
        {plan.title}
      </AnchorLink>
      {progress.percent === null ? (
        <EmptyText>{t("overview.plan.noWork")}</EmptyText>
      ) : (
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm">{t("overview.plan.progress")}</Text>
            <Text size="sm" fw={600}>
              {percent(progress.percent)}
            </Text>
          </Group>
          <Progress value={progress.percent} aria-label={t("overview.plan.progress")} />
          <Text size="xs" c="dimmed">
            {t("overview.plan.counts", {
              tasks: `${progress.tasks.done}/${progress.tasks.total}`,
              milestones: `${progress.milestones.done}/${progress.milestones.total}`,
              measures: `${progress.measures.done}/${progress.measures.total}`,
            })}
          </Text>
        </Stack>
      )}
      <Text size="sm">
        {t("overview.plan.winCondition", {
          percent:
            progress.winConditionPercent === null
              ? t("overview.plan.unknown")
              : percent(progress.winConditionPercent),
        })}
      </Text>
      {open === 0 ? (
        <Text size="sm" c="teal">
          {t("overview.plan.noFindings")}
        </Text>
      ) : (
        <Stack gap={4}>
          <Group gap={6}>
            {(["errors", "warnings", "infos"] as const).map((kind) =>
              findings[kind] > 0 ? (
                <Badge
                  key={kind}
                  size="sm"
                  variant="light"
                  color={
                    severityColor[
                      kind === "errors" ? "error" : kind === "warnings" ? "warning" : "info"
                    ]
                  }
                >
                  {t(`overview.plan.${kind}`, { count: findings[kind] })}
                </Badge>
              ) : null,
            )}
          </Group>
          <List size="xs" spacing={2}>
            {findings.top.map((finding) => (
              <List.Item key={`${finding.code}-${finding.target}`}>{message(finding)}</List.Item>
            ))}
          </List>
        </Stack>
      )}
    </OverviewCard>
  );
};
