import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { mayGrantRole, workspaceRoles } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { RowConfirmDialog, RowDangerButton } from "../../../components/row-actions";
import { SecretValue } from "../../../components/secret-value";
import { formatDate } from "../../../lib/format";
import { useMe } from "../../auth/use-me";
import {
  type CreatedInvitation,
  createInvitation,
  type Invitation,
  invitationKeys,
  invitationsQueryOptions,
  revokeInvitation,
} from "../invitations.queries";
import { InviteForm } from "./invite-form";

/** The "Invite" button, its form, and the link shown once after. */
export const InviteButton = () => {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const roles = workspaceRoles.filter((role) => mayGrantRole(me.role, role));
  const invite = useMutation({
    mutationFn: createInvitation,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: invitationKeys.all });
      setOpen(false);
      setCreated(result);
    },
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("invitations.invite")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("invitations.inviteTitle")}>
        <Stack>
          <Text size="sm" c="dimmed">
            {t("invitations.inviteHint")}
          </Text>
          <InviteForm
            roles={roles}
            pending={invite.isPending}
            error={invite.error}
            onSubmit={(input) => invite.mutate(input)}
            onCancel={() => {
              setOpen(false);
              invite.reset();
            }}
          />
        </Stack>
      </Modal>
      <Modal
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={t("invitations.linkTitle", { email: created?.invitation.email ?? "" })}
      >
        <Stack>
          <Alert color={created?.emailSent ? "teal" : "yellow"} variant="light">
            <Text size="sm">
              {created?.emailSent ? t("invitations.linkEmailed") : t("invitations.linkNotEmailed")}
            </Text>
          </Alert>
          <SecretValue label={t("invitations.linkLabel")} value={created?.link ?? ""} />
          <Group justify="flex-end">
            <Button onClick={() => setCreated(null)}>{t("common.close")}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
};

/** The workspace's pending invitations, each revocable. Nothing when there are none. */
export const PendingInvitations = () => {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const invitations = useQuery(invitationsQueryOptions());
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const revoke = useMutation({
    mutationFn: (invitation: Invitation) => revokeInvitation(invitation.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: invitationKeys.all });
      notifications.show({ color: "teal", message: t("invitations.revoked") });
      setRevoking(null);
    },
  });
  if (invitations.isError) return <ApiErrorAlert error={invitations.error} />;
  const rows = invitations.data?.data ?? [];
  if (rows.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t("invitations.pendingTitle")}
      </Title>
      <Table.ScrollContainer minWidth={680}>
        <Table verticalSpacing="sm" aria-label={t("invitations.pendingTitle")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("users.email")}</Table.Th>
              <Table.Th>{t("users.role")}</Table.Th>
              <Table.Th>{t("invitations.invitedBy")}</Table.Th>
              <Table.Th>{t("invitations.expiresAt")}</Table.Th>
              <Table.Th ta="right">{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((invitation) => (
              <Table.Tr key={invitation.id}>
                <Table.Td>{invitation.email}</Table.Td>
                <Table.Td>{t(`roles.${invitation.role}`)}</Table.Td>
                <Table.Td>{invitation.invitedBy}</Table.Td>
                <Table.Td>
                  {formatDate(invitation.expiresAt, i18n.language)}{" "}
                  {invitation.state === "expired" ? (
                    <Badge size="xs" color="gray" variant="light" ml={4}>
                      {t("invitations.expired")}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">
                  <RowDangerButton
                    label={t("invitations.revokeNamed", { email: invitation.email })}
                    disabled={!mayGrantRole(me.role, invitation.role)}
                    onClick={() => setRevoking(invitation)}
                  >
                    {t("invitations.revoke")}
                  </RowDangerButton>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <RowConfirmDialog
        row={revoking}
        action={revoke}
        title={t("invitations.revokeTitle")}
        message={t("invitations.revokeBody", { email: revoking?.email ?? "" })}
        confirmLabel={t("invitations.revoke")}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
};
