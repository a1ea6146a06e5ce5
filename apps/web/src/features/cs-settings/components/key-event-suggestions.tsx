import { Button, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatCount } from "../../../lib/format";
import { type KeyEvent, keyEventsQueryOptions } from "../../health-lab/health-lab.queries";
import { aucVerdict, formatAuc, verdictColors } from "../../health-lab/lab-format";
import { useUsageLabels } from "../use-usage-labels";

type Props = {
  /** Adds a 30-day count of the event to the scorecard being edited; absent when read-only. */
  onAdd?: ((event: KeyEvent) => void) | undefined;
  /** Events the scorecard being edited already counts. */
  used: ReadonlySet<string>;
};

/**
 * The events the product sends, most frequent first, as key events to name:
 * volume, accounts and, once accounts have churned, how well each one's
 * 30-day count told churners apart. Asked for on demand: it reads history.
 */
export const KeyEventSuggestions = ({ onAdd, used }: Props) => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { eventName } = useUsageLabels();
  const [shown, setShown] = useState(false);
  const events = useQuery({ ...keyEventsQueryOptions(), enabled: shown });
  return (
    <Stack gap="xs" component="section" aria-label={t("keyEvents.title")}>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t("keyEvents.title")}
        </Title>
        {shown ? null : (
          <Button size="xs" variant="light" onClick={() => setShown(true)}>
            {t("keyEvents.show")}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t("keyEvents.intro")}
      </Text>
      {shown && events.isPending ? <Loader size="sm" aria-label={t("common.loading")} /> : null}
      {events.isError ? <ApiErrorAlert error={events.error} /> : null}
      {events.data && events.data.events.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("keyEvents.empty")}
        </Text>
      ) : null}
      {events.data && events.data.events.length > 0 ? (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" striped aria-label={t("keyEvents.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("keyEvents.event")}</Table.Th>
                <Table.Th ta="right">{t("keyEvents.count")}</Table.Th>
                <Table.Th ta="right">{t("keyEvents.accounts")}</Table.Th>
                <Table.Th>{t("keyEvents.auc")}</Table.Th>
                {onAdd ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.events.map((row) => {
                const verdict = aucVerdict(row.auc);
                const name = eventName(row.event);
                return (
                  <Table.Tr key={row.event}>
                    {/* The name the workspace gave it; the name as sent on hover. */}
                    <Table.Td ff={name === row.event ? "monospace" : undefined} title={row.event}>
                      {name}
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(row.count, locale)}</Table.Td>
                    <Table.Td ta="right">{formatCount(row.accounts, locale)}</Table.Td>
                    <Table.Td>
                      {row.auc === null ? (
                        <Text span size="sm" c="dimmed">
                          {t("keyEvents.noAuc")}
                        </Text>
                      ) : (
                        <Text span size="sm" c={verdictColors[verdict]}>
                          {formatAuc(row.auc, locale)} · {t(`healthLab.verdict.${verdict}`)}
                        </Text>
                      )}
                    </Table.Td>
                    {onAdd ? (
                      <Table.Td ta="right">
                        {used.has(row.event) ? (
                          <Text span size="xs" c="dimmed">
                            {t("keyEvents.inUse")}
                          </Text>
                        ) : (
                          <Button
                            size="compact-xs"
                            variant="light"
                            aria-label={t("keyEvents.addNamed", { event: name })}
                            onClick={() => onAdd(row)}
                          >
                            {t("keyEvents.add")}
                          </Button>
                        )}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
};
