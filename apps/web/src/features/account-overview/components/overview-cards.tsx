import { Badge, Group, SimpleGrid, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { formatDate, formatDateTime, formatSigned } from "../../../lib/format";
import { bandColors } from "../../health/health.queries";
import { formatMoneyTotals } from "../../portfolio/portfolio-format";
import type { AccountOverview } from "../account-overview.queries";
import { EmptyText, OverviewCard } from "./overview-card";
import { PlanCard } from "./plan-card";
import { TasksCard } from "./tasks-card";

const HealthCard = ({ health }: { health: AccountOverview["health"] }) => {
  const { t, i18n } = useTranslation();
  const change = (days: 30 | 90, value: number | null) =>
    t("overview.health.change", {
      days,
      change: value === null ? t("common.none") : formatSigned(value, i18n.language),
    });
  return (
    <OverviewCard title={t("overview.health.title")}>
      {health.score === null ? (
        <Badge size="lg" color="gray" variant="light">
          {t("overview.health.insufficient")}
        </Badge>
      ) : (
        <Group gap="sm" align="center">
          <Text fz={32} fw={700} lh={1}>
            {new Intl.NumberFormat(i18n.language).format(health.score)}
          </Text>
          {health.band ? (
            <Badge color={bandColors[health.band]} variant="filled">
              {t(`health.band.${health.band}`)}
            </Badge>
          ) : null}
        </Group>
      )}
      <Text size="sm">{change(30, health.change30)}</Text>
      <Text size="sm">{change(90, health.change90)}</Text>
    </OverviewCard>
  );
};

const activityAt = (at: string, locale: string) =>
  at.length > 10 ? formatDateTime(at, locale) : formatDate(at, locale);

/** The overview (概要) of an account as cards: what a CSM wants to know first. */
export const OverviewCards = ({ overview }: { overview: AccountOverview }) => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { phase, contracts, nextMeeting, lastActivity } = overview;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      <HealthCard health={overview.health} />
      <OverviewCard title={t("overview.phase.title")}>
        <Text fw={600}>{phase.name}</Text>
        <Text size="sm">{t("overview.phase.days", { count: phase.daysInPhase })}</Text>
        <Text size="sm" c="dimmed">
          {t("overview.phase.since", { date: formatDate(phase.since, locale) })}
        </Text>
      </OverviewCard>
      <OverviewCard title={t("overview.contracts.title")}>
        {contracts.inForce === 0 ? (
          <EmptyText>{t("overview.contracts.none")}</EmptyText>
        ) : (
          <>
            <Text fw={600}>{formatMoneyTotals(contracts.mrr, locale)}</Text>
            <Text size="sm">
              {contracts.renewalDate
                ? t("overview.contracts.renewal", {
                    date: formatDate(contracts.renewalDate, locale),
                  })
                : t("overview.contracts.noRenewal")}
            </Text>
          </>
        )}
      </OverviewCard>
      <PlanCard accountId={overview.accountId} plan={overview.plan} />
      <OverviewCard title={t("overview.meeting.title")}>
        {nextMeeting ? (
          <>
            <Text fw={600}>{formatDate(nextMeeting.date, locale)}</Text>
            <AnchorLink
              to="/accounts/$accountId/plans/$planId"
              params={{ accountId: overview.accountId, planId: nextMeeting.planId }}
              search={{ tab: "meetings" }}
              size="sm"
            >
              {nextMeeting.title}
            </AnchorLink>
          </>
        ) : (
          <EmptyText>{t("overview.meeting.none")}</EmptyText>
        )}
      </OverviewCard>
      <TasksCard accountId={overview.accountId} plan={overview.plan} tasks={overview.tasks} />
      <OverviewCard title={t("overview.activity.title")}>
        {lastActivity ? (
          <>
            <Text fw={600}>{activityAt(lastActivity.at, locale)}</Text>
            <Text size="sm">{t(`overview.activity.${lastActivity.kind}`)}</Text>
          </>
        ) : (
          <EmptyText>{t("overview.activity.none")}</EmptyText>
        )}
      </OverviewCard>
    </SimpleGrid>
  );
};
