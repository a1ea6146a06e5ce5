import { Select, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { meQueryOptions } from "../../auth/auth.queries";
import { useMe } from "../../auth/use-me";
import { switchWorkspace } from "../workspaces.queries";

/** The workspace's name; a switcher when the user belongs to several. */
export const WorkspaceSwitcher = () => {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: switchWorkspace,
    onSuccess: async (nextMe) => {
      await navigate({ to: "/accounts" });
      queryClient.setQueryData(meQueryOptions().queryKey, nextMe);
      // Every other cached answer belongs to the old workspace.
      await queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== "me" });
      notifications.show({ message: t("workspace.switched", { name: nextMe.workspace.name }) });
    },
  });

  if (me.workspaces.length <= 1) {
    return (
      <Text fw={500} size="sm" c="dimmed" truncate aria-label={t("workspace.label")}>
        {me.workspace.name}
      </Text>
    );
  }
  return (
    <Select
      size="xs"
      w={240}
      aria-label={t("workspace.label")}
      data={me.workspaces.map((w) => ({
        value: w.id,
        // Two workspaces may share a name; the slug tells them apart.
        label: me.workspaces.some((o) => o.id !== w.id && o.name === w.name)
          ? `${w.name} · ${w.slug}`
          : w.name,
      }))}
      value={me.workspace.id}
      allowDeselect={false}
      disabled={mutation.isPending}
      onChange={(value) => {
        if (value && value !== me.workspace.id) mutation.mutate(value);
      }}
    />
  );
};
