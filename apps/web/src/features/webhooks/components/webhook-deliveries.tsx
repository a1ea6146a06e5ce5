import { Badge, Button, Center, EmptyState, Loader, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatDateTime } from "../../../lib/format";
import {
  eventTypeKey,
  resendWebhookDelivery,
  type WebhookDelivery,
  webhookDeliveriesQueryOptions,
  webhookKeys,
} from "../webhooks.queries";

const statusColor = { pending: "yellow", delivered: "teal", failed: "red" } as const;

/** A subscription's delivery log, newest first, with a Resend button per row. */
export const WebhookDeliveries = ({
  webhookId,
  enabled,
}: {
  webhookId: string;
  enabled: boolean;
}) => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const log = useInfiniteQuery(webhookDeliveriesQueryOptions(webhookId));
  const resend = useMutation({
    mutationFn: (delivery: WebhookDelivery) => resendWebhookDelivery(webhookId, delivery.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(webhookId) });
      notifications.show({ color: "teal", message: t("webhooks.resent") });
    },
  });

  if (log.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (log.isError) return <ApiErrorAlert error={log.error} />;
  const rows = log.data.pages.flatMap((page) => page.data);
  if (rows.length === 0) return <EmptyState py="lg" title={t("webhooks.noDeliveries")} />;

  return (
    <Stack>
      {resend.isError ? <ApiErrorAlert error={resend.error} /> : null}
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="xs" aria-label={t("webhooks.deliveries")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("webhooks.eventType")}</Table.Th>
              <Table.Th>{t("webhooks.deliveryStatus")}</Table.Th>
              <Table.Th>{t("webhooks.attempts")}</Table.Th>
              <Table.Th>{t("webhooks.statusCode")}</Table.Th>
              <Table.Th>{t("webhooks.lastError")}</Table.Th>
              <Table.Th>{t("webhooks.createdAt")}</Table.Th>
              <Table.Th>{t("webhooks.deliveredAt")}</Table.Th>
              <Table.Th ta="right">{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((delivery) => (
              <Table.Tr key={delivery.id}>
                <Table.Td>{t(eventTypeKey(delivery.eventType))}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={statusColor[delivery.status]}>
                    {t(`webhooks.deliveryStatuses.${delivery.status}`)}
                  </Badge>
                  {delivery.nextAttemptAt ? (
                    <Text size="xs" c="dimmed">
                      {t("webhooks.nextAttempt", {
                        at: formatDateTime(delivery.nextAttemptAt, locale),
                      })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{delivery.attempts}</Table.Td>
                <Table.Td ff="monospace">{delivery.lastStatusCode ?? t("common.none")}</Table.Td>
                <Table.Td maw={260}>
                  <Text size="xs" ff="monospace" lineClamp={2} title={delivery.lastError ?? ""}>
                    {delivery.lastError ?? t("common.none")}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(delivery.createdAt, locale)}</Table.Td>
                <Table.Td>
                  {delivery.deliveredAt
                    ? formatDateTime(delivery.deliveredAt, locale)
                    : t("common.none")}
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    disabled={!enabled || delivery.status === "pending"}
                    loading={resend.isPending && resend.variables?.id === delivery.id}
                    aria-label={t("webhooks.resendNamed", {
                      type: t(eventTypeKey(delivery.eventType)),
                      at: formatDateTime(delivery.createdAt, locale),
                    })}
                    onClick={() => resend.mutate(delivery)}
                  >
                    {t("webhooks.resend")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {log.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            loading={log.isFetchingNextPage}
            onClick={() => void log.fetchNextPage()}
          >
            {t("webhooks.loadMore")}
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
};
