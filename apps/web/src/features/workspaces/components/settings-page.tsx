import { Alert, Paper, Stack, Tabs, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../../components/use-page-title";
import { ApiKeysPanel } from "../../api-keys/components/api-keys-panel";
import { useCan } from "../../auth/use-me";
import { UsersPanel } from "../../users/components/users-panel";

export const settingsTabs = ["users", "apiKeys"] as const;
export type SettingsTab = (typeof settingsTabs)[number];

type Props = { tab: SettingsTab; onTabChange: (tab: SettingsTab) => void };

export const SettingsPage = ({ tab, onTabChange }: Props) => {
  const { t } = useTranslation();
  const canManageUsers = useCan("manage-users");
  const canManageKeys = useCan("manage-api-keys");
  usePageTitle(t("settings.title"));
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1} size="h2">
        {t("settings.title")}
      </Title>
      {!canManageUsers && !canManageKeys ? (
        <Alert color="gray" variant="light">
          {t("settings.forbidden")}
        </Alert>
      ) : (
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
            </Tabs.List>
            <Tabs.Panel value="users" p="lg">
              <UsersPanel />
            </Tabs.Panel>
            <Tabs.Panel value="apiKeys" p="lg">
              <ApiKeysPanel />
            </Tabs.Panel>
          </Tabs>
        </Paper>
      )}
    </Stack>
  );
};
