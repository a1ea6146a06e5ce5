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
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { RowConfirmDialog, RowDangerButton } from "../../../components/row-actions";
import { SecretValue } from "../../../components/secret-value";
import { formatDateTime } from "../../../lib/format";
import {
  createWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  testWebhook,
  updateWebhook,
  type Webhook,
  type WebhookInput,
  webhookKeys,
  webhooksQueryOptions,
} from "../webhooks.queries";
import { WebhookDeliveries } from "./webhook-deliveries";
import { WebhookForm } from "./webhook-form";

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Settings → Webhooks: subscriptions, their secrets (shown once), status and delivery logs. */
export const WebhooksPanel = () => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const list = useQuery(webhooksQueryOptions());
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Webhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [rotating, setRotating] = useState<Webhook | null>(null);
  const [viewingLog, setViewingLog] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: webhookKeys.all });

  const create = useMutation({
    mutationFn: createWebhook,
    onSuccess: async (created) => {
      await refresh();
      setCreating(false);
      setSecret(created.secret);
    },
  });
  const edit = useMutation({
    mutationFn: ({ id, input }: { id: string; input: WebhookInput }) => updateWebhook(id, input),
    onSuccess: async () => {
      await refresh();
      setEditing(null);
      notifications.show({ color: "teal", message: t("common.saved") });
    },
  });
  const toggle = useMutation({
    mutationFn: (webhook: Webhook) => updateWebhook(webhook.id, { enabled: !webhook.enabled }),
    onSuccess: async (updated) => {
      await refresh();
      notifications.show({
        color: "teal",
        message: updated.enabled ? t("webhooks.enabledNotice") : t("webhooks.disabledNotice"),
      });
    },
  });
  const remove = useMutation({
    mutationFn: (webhook: Webhook) => deleteWebhook(webhook.id),
    onSuccess: async () => {
      await refresh();
      setDeleting(null);
      notifications.show({ color: "teal", message: t("common.deleted") });
    },
  });
  const rotate = useMutation({
    mutationFn: (webhook: Webhook) => rotateWebhookSecret(webhook.id),
    onSuccess: (answer) => {
      setRotating(null);
      setSecret(answer.secret);
    },
  });
  const test = useMutation({
    mutationFn: (webhook: Webhook) => testWebhook(webhook.id),
    onSuccess: (result) =>
      notifications.show(
        result.ok
          ? { color: "teal", message: t("webhooks.testOk", { status: result.statusCode }) }
          : {
              color: "red",
              title: t("webhooks.testFailed"),
              message: `${result.statusCode ?? result.error ?? ""} ${result.message ?? ""}`.trim(),
            },
      ),
  });

  if (list.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (list.isError) return <ApiErrorAlert error={list.error} />;
  const rows = list.data.data;
  const eventTypes = list.data.eventTypes;
  const turnedOff = rows.filter((w) => !w.enabled && w.disabledReason !== "manual");

  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t("webhooks.description")}
        </Text>
        <Button onClick={() => setCreating(true)} style={{ flexShrink: 0 }}>
          {t("webhooks.create")}
        </Button>
      </Group>
      {turnedOff.map((webhook) => (
        <Alert key={webhook.id} color="orange" variant="light" title={t("webhooks.turnedOffTitle")}>
          {t(`webhooks.disabledReasons.${webhook.disabledReason ?? "failing"}Notice`, {
            url: webhook.url,
            at: formatDateTime(webhook.disabledAt, locale),
          })}
        </Alert>
      ))}
      {test.isError ? <ApiErrorAlert error={test.error} /> : null}
      {toggle.isError ? <ApiErrorAlert error={toggle.error} /> : null}
      {rows.length === 0 ? (
        <EmptyState py="lg" title={t("webhooks.empty")} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" aria-label={t("settings.webhooks")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("webhooks.url")}</Table.Th>
                <Table.Th>{t("webhooks.eventTypesLabel")}</Table.Th>
                <Table.Th>{t("webhooks.status")}</Table.Th>
                <Table.Th>{t("webhooks.lastFailure")}</Table.Th>
                <Table.Th ta="right">{t("common.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((webhook) => {
                const host = hostOf(webhook.url);
                return (
                  <Table.Tr key={webhook.id}>
                    <Table.Td maw={280}>
                      <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
                        {webhook.url}
                      </Text>
                      {webhook.description ? (
                        <Text size="xs" c="dimmed">
                          {webhook.description}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {t("webhooks.eventTypeCount", { count: webhook.eventTypes.length })}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={webhook.enabled ? "teal" : "gray"}>
                        {webhook.enabled ? t("webhooks.enabled") : t("webhooks.disabled")}
                      </Badge>
                      {!webhook.enabled && webhook.disabledReason ? (
                        <Text size="xs" c="dimmed">
                          {t(`webhooks.disabledReasons.${webhook.disabledReason}`)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {webhook.lastFailure ? (
                        <>
                          <Text size="xs">{formatDateTime(webhook.lastFailure.at, locale)}</Text>
                          <Text size="xs" c="dimmed" ff="monospace" lineClamp={2}>
                            {webhook.lastFailure.statusCode
                              ? `${webhook.lastFailure.statusCode} `
                              : ""}
                            {webhook.lastFailure.error}
                          </Text>
                        </>
                      ) : (
                        t("common.none")
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="wrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={t("webhooks.logNamed", { host })}
                          onClick={() => setViewingLog(webhook)}
                        >
                          {t("webhooks.log")}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={t("webhooks.testNamed", { host })}
                          loading={test.isPending && test.variables?.id === webhook.id}
                          onClick={() => test.mutate(webhook)}
                        >
                          {t("webhooks.test")}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={t("webhooks.editNamed", { host })}
                          onClick={() => setEditing(webhook)}
                        >
                          {t("common.edit")}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={
                            webhook.enabled
                              ? t("webhooks.disableNamed", { host })
                              : t("webhooks.enableNamed", { host })
                          }
                          loading={toggle.isPending && toggle.variables?.id === webhook.id}
                          onClick={() => toggle.mutate(webhook)}
                        >
                          {webhook.enabled ? t("webhooks.disable") : t("webhooks.enable")}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={t("webhooks.rotateNamed", { host })}
                          onClick={() => setRotating(webhook)}
                        >
                          {t("webhooks.rotate")}
                        </Button>
                        <RowDangerButton
                          label={t("webhooks.deleteNamed", { host })}
                          onClick={() => setDeleting(webhook)}
                        >
                          {t("common.delete")}
                        </RowDangerButton>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal
        opened={creating}
        onClose={() => {
          setCreating(false);
          create.reset();
        }}
        title={t("webhooks.createTitle")}
        size="lg"
      >
        <WebhookForm
          eventTypes={eventTypes}
          submitLabel={t("common.create")}
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
        opened={editing !== null}
        onClose={() => {
          setEditing(null);
          edit.reset();
        }}
        title={t("webhooks.editTitle")}
        size="lg"
      >
        {editing ? (
          <WebhookForm
            eventTypes={eventTypes}
            initial={{
              url: editing.url,
              description: editing.description,
              eventTypes: editing.eventTypes,
            }}
            submitLabel={t("common.save")}
            pending={edit.isPending}
            error={edit.error}
            onSubmit={(input) => edit.mutate({ id: editing.id, input })}
            onCancel={() => {
              setEditing(null);
              edit.reset();
            }}
          />
        ) : null}
      </Modal>
      <Modal
        opened={secret !== null}
        onClose={() => setSecret(null)}
        title={t("webhooks.secretTitle")}
        size="lg"
        closeOnClickOutside={false}
      >
        <Stack>
          <Alert color="yellow" variant="light">
            <Text size="sm">{t("webhooks.secretBody")}</Text>
          </Alert>
          <SecretValue label={t("webhooks.secretLabel")} value={secret ?? ""} />
          <Group justify="flex-end">
            <Button onClick={() => setSecret(null)}>{t("common.close")}</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={viewingLog !== null}
        onClose={() => setViewingLog(null)}
        title={t("webhooks.logTitle", { url: viewingLog?.url ?? "" })}
        size="90rem"
      >
        {viewingLog ? (
          <WebhookDeliveries webhookId={viewingLog.id} enabled={viewingLog.enabled} />
        ) : null}
      </Modal>
      <ConfirmDialog
        opened={rotating !== null}
        title={t("webhooks.rotateTitle")}
        message={t("webhooks.rotateBody", { url: rotating?.url ?? "" })}
        confirmLabel={t("webhooks.rotate")}
        loading={rotate.isPending}
        error={rotate.error}
        onConfirm={() => rotating && rotate.mutate(rotating)}
        onClose={() => {
          setRotating(null);
          rotate.reset();
        }}
      />
      <RowConfirmDialog
        row={deleting}
        action={remove}
        title={t("webhooks.deleteTitle")}
        message={t("webhooks.deleteBody", { url: deleting?.url ?? "" })}
        confirmLabel={t("common.delete")}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
};
