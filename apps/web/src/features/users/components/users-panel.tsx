import { Badge, Center, Group, Loader, Select, Stack, Table } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type WorkspaceRole, workspaceRoles } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { RowConfirmDialog, RowDangerButton } from "../../../components/row-actions";
import { formatDate } from "../../../lib/format";
import { useMe } from "../../auth/use-me";
import { InviteButton, PendingInvitations } from "../../invitations/components/invitations-section";
import {
  changeUserRole,
  removeUser,
  userKeys,
  usersQueryOptions,
  type WorkspaceUser,
} from "../users.queries";

export const UsersPanel = () => {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const users = useQuery(usersQueryOptions());
  const [removing, setRemoving] = useState<WorkspaceUser | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.all });

  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: WorkspaceRole }) =>
      changeUserRole(userId, role),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: "teal", message: t("users.roleChanged") });
    },
  });
  const remove = useMutation({
    mutationFn: (user: WorkspaceUser) => removeUser(user.userId),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: "teal", message: t("users.removed") });
      setRemoving(null);
    },
  });

  if (users.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (users.isError) return <ApiErrorAlert error={users.error} />;
  const roleOptions = workspaceRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }));

  return (
    <Stack>
      <Group justify="flex-end">
        <InviteButton />
      </Group>
      {changeRole.isError ? <ApiErrorAlert error={changeRole.error} /> : null}
      <Table.ScrollContainer minWidth={680}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("users.name")}</Table.Th>
              <Table.Th>{t("users.email")}</Table.Th>
              <Table.Th w={190}>{t("users.role")}</Table.Th>
              <Table.Th>{t("users.memberSince")}</Table.Th>
              <Table.Th ta="right">{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data.data.map((user) => {
              const isMe = user.userId === me.user?.id;
              return (
                <Table.Tr key={user.userId}>
                  <Table.Td fw={500}>
                    {user.name}{" "}
                    {isMe ? (
                      <Badge size="xs" variant="outline" ml={4}>
                        {t("users.you")}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={t("users.roleOf", { name: user.name })}
                      data={roleOptions}
                      value={user.role}
                      allowDeselect={false}
                      disabled={changeRole.isPending}
                      onChange={(value) => {
                        const role = workspaceRoles.find((candidate) => candidate === value);
                        if (role && role !== user.role)
                          changeRole.mutate({ userId: user.userId, role });
                      }}
                    />
                  </Table.Td>
                  <Table.Td>{formatDate(user.memberSince, i18n.language)}</Table.Td>
                  <Table.Td ta="right">
                    <RowDangerButton
                      label={t("users.removeNamed", { name: user.name })}
                      disabled={isMe}
                      onClick={() => setRemoving(user)}
                    >
                      {t("users.remove")}
                    </RowDangerButton>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <RowConfirmDialog
        row={removing}
        action={remove}
        title={t("users.removeTitle")}
        message={t("users.removeBody", { name: removing?.name ?? "" })}
        confirmLabel={t("users.remove")}
        onClose={() => setRemoving(null)}
      />
      <PendingInvitations />
    </Stack>
  );
};
