import { Avatar, Badge, Box, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { authClient } from "../auth-client";
import { useMe } from "../use-me";

/** "Ada Lovelace" → "AL"; "加藤 翔" → "加" (a Japanese name shows its family name's first character). */
const initialsOf = (name: string) => {
  const parts = name.split(/\s+/).filter(Boolean);
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(name))
    return parts[0]?.[0] ?? "";
  return parts
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");
};

export const UserMenu = () => {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const name = me.user?.name ?? me.user?.email ?? "";

  const logOut = async () => {
    await authClient.signOut();
    queryClient.clear();
    await navigate({ to: "/login", search: {} });
  };

  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={t("auth.userMenu")}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size="sm" color="indigo" radius="xl">
              {initialsOf(name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" truncate maw={160}>
              {name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("auth.signedInAs")}</Menu.Label>
        <Box px="sm" pb="xs">
          <Text size="sm" fw={500}>
            {name}
          </Text>
          <Text size="xs" c="dimmed">
            {me.user?.email}
          </Text>
          <Badge size="xs" variant="light" mt={4}>
            {t(`roles.${me.role}`)}
          </Badge>
        </Box>
        <Menu.Divider />
        <Menu.Item onClick={() => void logOut()}>{t("auth.logout")}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
};
