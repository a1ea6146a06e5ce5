import {
  AppShell,
  Box,
  Burger,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link, Outlet, useRouterState } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { UserMenu } from "../features/auth/components/user-menu";
import { useCan } from "../features/auth/use-me";
import { WorkspaceSwitcher } from "../features/workspaces/components/workspace-switcher";
import { LanguageSwitch } from "./language-switch";
import { MichiMark } from "./michi-mark";

/** The shell around every page behind the login: header, navigation, content. */
export const AppLayout = () => {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const canWrite = useCan("write");
  const canManage = useCan("manage-users");
  const canManageSettings = useCan("manage-settings");

  const links = [
    { to: "/accounts", label: t("nav.accounts"), show: true },
    { to: "/portfolio", label: t("nav.portfolio"), show: true },
    { to: "/my-tasks", label: t("nav.myTasks"), show: true },
    { to: "/playbooks", label: t("nav.playbooks"), show: true },
    { to: "/import", label: t("nav.import"), show: canWrite },
    { to: "/health-lab", label: t("nav.healthLab"), show: canManageSettings },
    { to: "/settings", label: t("nav.settings"), show: canManage },
  ] as const;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t("nav.closeMenu") : t("nav.openMenu")}
            />
            <UnstyledButton component={Link} to="/accounts">
              <Group gap={8} wrap="nowrap">
                <MichiMark size={26} />
                <Text fw={700} size="lg">
                  {t("app.name")}
                </Text>
              </Group>
            </UnstyledButton>
            <Group gap="sm" wrap="nowrap" visibleFrom="sm">
              <Text c="dimmed" aria-hidden>
                /
              </Text>
              <WorkspaceSwitcher />
            </Group>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Box visibleFrom="sm">
              <LanguageSwitch />
            </Box>
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t("nav.label")}>
        {opened ? (
          // On a phone the header has no room: workspace and language live in the menu.
          <Stack gap="sm" mb="md" hiddenFrom="sm">
            <WorkspaceSwitcher />
            <LanguageSwitch />
          </Stack>
        ) : null}
        <ScrollArea>
          {links
            .filter((link) => link.show)
            .map((link) => (
              <NavLink
                key={link.to}
                component={Link}
                to={link.to}
                label={link.label}
                active={pathname === link.to || pathname.startsWith(`${link.to}/`)}
                onClick={close}
                style={{ borderRadius: "var(--mantine-radius-md)" }}
              />
            ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
};
