import {
  Alert,
  Badge,
  Button,
  Center,
  EmptyState,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { mayGrantRole, workspaceRoles } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { RowConfirmDialog, RowDangerButton } from "../../../components/row-actions";
import { SecretValue } from "../../../components/secret-value";
import { formatDateTime } from "../../../lib/format";
import { useMe } from "../../auth/use-me";
import {
  type ApiKey,
  apiKeyKeys,
  apiKeysQueryOptions,
  createApiKey,
  revokeApiKey,
} from "../api-keys.queries";
import { CreateApiKeyForm } from "./create-api-key-form";

export const ApiKeysPanel = () => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const keys = useQuery(apiKeysQueryOptions());
  const { role: myRole } = useMe();
  // The server refuses a key above the creator's role; the form does not offer one.
  const grantableRoles = workspaceRoles.filter((role) => mayGrantRole(myRole, role));
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [newKey, setNewKey] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all });

  const create = useMutation({
    mutationFn: createApiKey,
    onSuccess: async (created) => {
      await refresh();
      setCreating(false);
      setNewKey(created.key);
    },
  });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => revokeApiKey(key.id),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: "teal", message: t("apiKeys.revokedNotice") });
      setRevoking(null);
    },
  });

  if (keys.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (keys.isError) return <ApiErrorAlert error={keys.error} />;
  const rows = keys.data.data;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t("apiKeys.description")}
        </Text>
        <Button onClick={() => setCreating(true)} style={{ flexShrink: 0 }}>
          {t("apiKeys.create")}
        </Button>
      </Group>
      {rows.length === 0 ? (
        <EmptyState py="lg" title={t("apiKeys.empty")} />
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("apiKeys.name")}</Table.Th>
                <Table.Th>{t("apiKeys.prefix")}</Table.Th>
                <Table.Th>{t("apiKeys.role")}</Table.Th>
                <Table.Th>{t("apiKeys.createdAt")}</Table.Th>
                <Table.Th>{t("apiKeys.lastUsedAt")}</Table.Th>
                <Table.Th>{t("apiKeys.status")}</Table.Th>
                <Table.Th ta="right">{t("common.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((key) => (
                <Table.Tr key={key.id} c={key.revokedAt ? "dimmed" : undefined}>
                  <Table.Td fw={500}>{key.name}</Table.Td>
                  <Table.Td ff="monospace">{key.prefix}…</Table.Td>
                  <Table.Td>{t(`roles.${key.role}`)}</Table.Td>
                  <Table.Td>{formatDateTime(key.createdAt, locale)}</Table.Td>
                  <Table.Td>
                    {key.lastUsedAt ? formatDateTime(key.lastUsedAt, locale) : t("apiKeys.never")}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={key.revokedAt ? "gray" : "teal"}>
                      {key.revokedAt ? t("apiKeys.revoked") : t("apiKeys.active")}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {key.revokedAt ? null : (
                      <RowDangerButton
                        label={t("apiKeys.revokeNamed", { name: key.name })}
                        onClick={() => setRevoking(key)}
                      >
                        {t("apiKeys.revoke")}
                      </RowDangerButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal opened={creating} onClose={() => setCreating(false)} title={t("apiKeys.createTitle")}>
        <CreateApiKeyForm
          roles={grantableRoles}
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) => create.mutate(input)}
          onCancel={() => {
            setCreating(false);
            create.reset();
          }}
        />
      </Modal>
      <Modal
        opened={newKey !== null}
        onClose={() => setNewKey(null)}
        title={t("apiKeys.newKeyTitle")}
        size="lg"
        closeOnClickOutside={false}
      >
        <Stack>
          <Alert color="yellow" variant="light">
            <Text size="sm">{t("apiKeys.newKeyBody")}</Text>
          </Alert>
          <SecretValue label={t("apiKeys.newKeyLabel")} value={newKey ?? ""} />
          <Group justify="flex-end">
            <Button onClick={() => setNewKey(null)}>{t("common.close")}</Button>
          </Group>
        </Stack>
      </Modal>
      <RowConfirmDialog
        row={revoking}
        action={revoke}
        title={t("apiKeys.revokeTitle")}
        message={t("apiKeys.revokeBody", { name: revoking?.name ?? "" })}
        confirmLabel={t("apiKeys.revoke")}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
};
