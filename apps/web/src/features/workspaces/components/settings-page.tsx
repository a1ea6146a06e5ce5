import { Paper, Stack, Tabs, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../../components/use-page-title";
import { ApiKeysPanel } from "../../api-keys/components/api-keys-panel";
import { useCan } from "../../auth/use-me";
import { CsSettingsPanel } from "../../cs-settings/components/cs-settings-panel";
import { MailSettingsPanel } from "../../mail-settings/components/mail-settings-panel";
import { UsersPanel } from "../../users/components/users-panel";
import { WebhooksPanel } from "../../webhooks/components/webhooks-panel";

export const settingsTabs = [
  "users",
  "apiKeys",
  "scorecards",
  "phases",
  "maturity",
  "touchModel",
  "usage",
  "churnReasons",
  "picklists",
  "usageLabels",
  "webhooks",
  "mail",
] as const;
// The customer-success model: every member may read it, admins and managers change it.
const csTabs = [
  "scorecards",
  "phases",
  "maturity",
  "touchModel",
  "usage",
  "churnReasons",
  "picklists",
  "usageLabels",
] as const;
export type SettingsTab = (typeof settingsTabs)[number];

type Props = { tab: SettingsTab | undefined; onTabChange: (tab: SettingsTab) => void };

export const SettingsPage = ({ tab: chosen, onTabChange }: Props) => {
  const { t } = useTranslation();
  const canManageUsers = useCan("manage-users");
  const canManageKeys = useCan("manage-api-keys");
  const canManageSettings = useCan("manage-settings");
  const tab = chosen ?? (canManageUsers ? "users" : "scorecards");
  usePageTitle(t("settings.title"));
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1} size="h2">
        {t("settings.title")}
      </Title>
      <Paper withBorder radius="md">
        <Tabs
          value={tab}
          onChange={(value) => {
            const next = settingsTabs.find((candidate) => candidate === value);
            if (next) onTabChange(next);
          }}
          keepMounted={false}
        >
          <Tabs.List aria-label={t("settings.tabsLabel")} px="sm">
            {canManageUsers ? <Tabs.Tab value="users">{t("settings.users")}</Tabs.Tab> : null}
            {canManageKeys ? <Tabs.Tab value="apiKeys">{t("settings.apiKeys")}</Tabs.Tab> : null}
            {csTabs.map((csTab) => (
              <Tabs.Tab key={csTab} value={csTab}>
                {t(`settings.${csTab}`)}
              </Tabs.Tab>
            ))}
            {canManageSettings ? (
              <>
                <Tabs.Tab value="webhooks">{t("settings.webhooks")}</Tabs.Tab>
                <Tabs.Tab value="mail">{t("settings.mail")}</Tabs.Tab>
              </>
            ) : null}
          </Tabs.List>
          <Tabs.Panel value="users" p="lg">
            <UsersPanel />
          </Tabs.Panel>
          <Tabs.Panel value="apiKeys" p="lg">
            <ApiKeysPanel />
          </Tabs.Panel>
          {csTabs.map((csTab) => (
            <Tabs.Panel key={csTab} value={csTab} p="lg">
              <CsSettingsPanel tab={csTab} />
            </Tabs.Panel>
          ))}
          <Tabs.Panel value="webhooks" p="lg">
            <WebhooksPanel />
          </Tabs.Panel>
          <Tabs.Panel value="mail" p="lg">
            <MailSettingsPanel />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </Stack>
  );
};
