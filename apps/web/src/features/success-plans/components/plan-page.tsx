import { Badge, Breadcrumbs, Paper, Stack, Tabs, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { usePageTitle } from "../../../components/use-page-title";
import { accountQueryOptions } from "../../accounts/accounts.queries";
import { useCan } from "../../auth/use-me";
import { HistoryPanel } from "../history/history-panel";
import { KpisPanel } from "../kpis/kpis-panel";
import { MeetingsPanel } from "../meetings/meetings-panel";
import { MilestonesPanel } from "../milestones/milestones-panel";
import { severityColor, worstSeverity } from "../plan-findings";
import { type PlanTab, planTabs } from "../plan-tabs";
import { PufuPanel } from "../pufu/pufu-panel";
import { PurposePanel } from "../purpose/purpose-panel";
import { RoadmapPanel } from "../roadmap/roadmap-panel";
import { StagesPanel } from "../stages/stages-panel";
import { usePlanEditor } from "../use-plan-editor";
import { ChecksPanel } from "./checks-panel";
import { PlanHeader } from "./plan-header";

type Props = {
  accountId: string;
  planId: string;
  tab: PlanTab;
  node: string | null;
  stage: number | null;
  onNavigate: (next: { tab?: PlanTab; node?: string | null; stage?: number | null }) => void;
  onDeleted: () => void;
};

export const PlanPage = ({ accountId, planId, tab, node, stage, onNavigate, onDeleted }: Props) => {
  const { t } = useTranslation();
  const canWrite = useCan("write");
  const account = useQuery(accountQueryOptions(accountId));
  const editor = usePlanEditor(planId);
  usePageTitle(editor.document.title);
  const worst = worstSeverity(editor.findings);

  const panels: Record<PlanTab, ReactNode> = {
    pufu: (
      <PufuPanel
        editor={editor}
        canWrite={canWrite}
        selectedId={node}
        onSelect={(id) => onNavigate({ node: id })}
      />
    ),
    purpose: <PurposePanel editor={editor} canWrite={canWrite} />,
    roadmap: <RoadmapPanel editor={editor} canWrite={canWrite} />,
    kpis: <KpisPanel editor={editor} canWrite={canWrite} />,
    milestones: <MilestonesPanel editor={editor} canWrite={canWrite} />,
    meetings: <MeetingsPanel editor={editor} canWrite={canWrite} />,
    checks: (
      <ChecksPanel
        editor={editor}
        onGoTo={(next) => onNavigate({ tab: next.tab, node: next.node ?? null })}
      />
    ),
    stages: (
      <StagesPanel
        editor={editor}
        canWrite={canWrite}
        viewing={stage}
        onView={(next) => onNavigate({ stage: next })}
      />
    ),
    history: <HistoryPanel planId={planId} />,
  };

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <AnchorLink to="/accounts" size="sm">
          {t("account.backToList")}
        </AnchorLink>
        <AnchorLink
          to="/accounts/$accountId"
          params={{ accountId }}
          search={{ tab: "successPlan" }}
          size="sm"
        >
          {account.data?.name ?? t("common.loading")}
        </AnchorLink>
        <Text size="sm" c="dimmed" truncate maw={360}>
          {editor.document.title}
        </Text>
      </Breadcrumbs>
      <PlanHeader editor={editor} canWrite={canWrite} onDeleted={onDeleted} />
      <Paper withBorder radius="md">
        <Tabs
          value={tab}
          onChange={(value) => {
            const next = planTabs.find((candidate) => candidate === value);
            if (next) onNavigate({ tab: next });
          }}
          keepMounted={false}
        >
          <Tabs.List aria-label={t("plans.tabsLabel")} px="sm">
            {planTabs.map((value) => (
              <Tabs.Tab
                key={value}
                value={value}
                rightSection={
                  value === "checks" && worst ? (
                    <Badge size="xs" circle color={severityColor[worst]} aria-hidden>
                      {editor.findings.length}
                    </Badge>
                  ) : null
                }
              >
                {t(`plans.tabs.${value}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {planTabs.map((value) => (
            <Tabs.Panel key={value} value={value} p="lg">
              {panels[value]}
            </Tabs.Panel>
          ))}
        </Tabs>
      </Paper>
    </Stack>
  );
};
