import { Select, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
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
    onSuccess: async (_data, workspaceId) => {
      const name = me.workspaces.find((w) => w.id === workspaceId)?.name ?? "";
      // Every cached answer belongs to the old workspace.
      queryClient.clear();
      await navigate({ to: "/accounts" });
      notifications.show({ message: t("workspace.switched", { name }) });
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
      w={200}
      aria-label={t("workspace.label")}
      data={me.workspaces.map((w) => ({ value: w.id, label: w.name }))}
      value={me.workspace.id}
      allowDeselect={false}
      disabled={mutation.isPending}
      onChange={(value) => {
        if (value && value !== me.workspace.id) mutation.mutate(value);
      }}
    />
  );
};
