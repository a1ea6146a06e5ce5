import { Badge, Breadcrumbs, Button, Group, Paper, Stack, Tabs, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { usePageTitle } from "../../../components/use-page-title";
import { useCan } from "../../auth/use-me";
import { ContactsPanel } from "../../contacts/components/contacts-panel";
import { ContractsPanel } from "../../contracts/components/contracts-panel";
import { useAccountPicklists } from "../../cs-settings/use-account-picklists";
import { HealthPanel } from "../../health/components/health-panel";
import { StartPlaybookMenu } from "../../playbooks/components/start-playbook-menu";
import { AccountPlansPanel } from "../../success-plans/components/account-plans-panel";
import { TimelinePanel } from "../../timeline/components/timeline-panel";
import { accountKeys, accountQueryOptions, deleteAccount } from "../accounts.queries";
import { AccountOverview } from "./account-overview";
import { ChurnActions, ChurnBadge } from "./churn-status";
import { MrrChanges } from "./mrr-changes";
import { TouchModelBadge } from "./touch-model-badge";

export const accountTabs = [
  "overview",
  "contacts",
  "contracts",
  "successPlan",
  "health",
  "timeline",
] as const;
export type AccountTab = (typeof accountTabs)[number];

type Props = {
  accountId: string;
  tab: AccountTab;
  onTabChange: (tab: AccountTab) => void;
  onDeleted: () => void;
};

export const AccountPage = ({ accountId, tab, onTabChange, onDeleted }: Props) => {
  const { t } = useTranslation();
  const picklists = useAccountPicklists();
  const canWrite = useCan("write");
  const queryClient = useQueryClient();
  const { data: account } = useSuspenseQuery(accountQueryOptions(accountId));
  const [confirming, setConfirming] = useState(false);
  usePageTitle(account.name);
  const remove = useMutation({
    mutationFn: () => deleteAccount(accountId),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: accountKeys.detail(accountId) });
      void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
      notifications.show({ color: "teal", message: t("accounts.deleted") });
      onDeleted();
    },
  });

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <AnchorLink to="/accounts" size="sm">
          {t("account.backToList")}
        </AnchorLink>
        <Text size="sm" c="dimmed" truncate maw={400}>
          {account.name}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Stack gap={0}>
            {account.nameKana ? (
              <Text size="xs" c="dimmed" lang="ja">
                {account.nameKana}
              </Text>
            ) : null}
            <Title order={1} size="h2">
              {account.name}
            </Title>
          </Stack>
          <Group gap="xs">
            {account.touchModel ? <TouchModelBadge value={account.touchModel} /> : null}
            {account.segment ? (
              <Badge variant="outline" color="gray">
                {picklists.label("segment", account.segment)}
              </Badge>
            ) : null}
            {account.externalId ? (
              <Text size="sm" c="dimmed" ff="monospace">
                {account.externalId}
              </Text>
            ) : null}
          </Group>
          <ChurnBadge churn={account.churn} />
        </Stack>
        {canWrite ? (
          <Group gap="xs">
            <StartPlaybookMenu accountId={accountId} />
            <ChurnActions account={account} />
            <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
              {t("common.delete")}
            </Button>
          </Group>
        ) : null}
      </Group>

      <Paper withBorder radius="md">
        <Tabs
          value={tab}
          onChange={(value) => {
            const next = accountTabs.find((candidate) => candidate === value);
            if (next) onTabChange(next);
          }}
          keepMounted={false}
        >
          <Tabs.List aria-label={t("account.tabsLabel")} px="sm">
            {accountTabs.map((value) => (
              <Tabs.Tab key={value} value={value}>
                {t(`account.${value}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="overview" p="lg">
            <AccountOverview account={account} />
          </Tabs.Panel>
          <Tabs.Panel value="contacts" p="lg">
            <ContactsPanel accountId={accountId} />
          </Tabs.Panel>
          <Tabs.Panel value="contracts" p="lg">
            <Stack gap="xl">
              <ContractsPanel accountId={accountId} />
              <MrrChanges accountId={accountId} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="successPlan" p="lg">
            <AccountPlansPanel accountId={accountId} />
          </Tabs.Panel>
          <Tabs.Panel value="health" p="lg">
            <HealthPanel accountId={accountId} />
          </Tabs.Panel>
          <Tabs.Panel value="timeline" p="lg">
            <TimelinePanel accountId={accountId} />
          </Tabs.Panel>
        </Tabs>
      </Paper>

      <ConfirmDialog
        opened={confirming}
        title={t("accounts.deleteTitle")}
        message={t("accounts.deleteBody", { name: account.name })}
        confirmLabel={t("common.delete")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setConfirming(false);
          remove.reset();
        }}
      />
    </Stack>
  );
};
