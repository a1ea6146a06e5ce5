import { Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { addCalendarDays, localizeText } from "@michi/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { DateField } from "../../../components/date-field";
import { formatDate, formatSigned } from "../../../lib/format";
import { type AccountHealthChange, accountHealthChangeQueryOptions } from "../health.queries";
import { formatMeasureValue, missingValueKey } from "../measure-value";
import { ScoreBadge } from "./score-badge";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Scored = AccountHealthChange["from"];
type MeasureChange = AccountHealthChange["measures"][number];

const ScoredDay = ({ scored }: { scored: Scored }) => {
  const { t, i18n } = useTranslation();
  if (!scored) return <Text span>{t("healthChange.noScore")}</Text>;
  return (
    <Group gap={6} component="span" wrap="nowrap">
      <Text span c="dimmed" size="sm">
        {formatDate(scored.day, i18n.language)}
      </Text>
      <ScoreBadge score={scored.score} band={scored.band} />
    </Group>
  );
};

/** "1 → 4", "30% → +12%", "未評価 → 4 / 5": a missing value says why. */
const useValueChange = () => {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("ja") ? "ja" : "en";
  return (row: MeasureChange) => {
    const text = (value: number | null) =>
      formatMeasureValue(row, value, lang) ?? t(missingValueKey(row));
    return `${text(row.valueBefore)} → ${text(row.valueAfter)}`;
  };
};

/** The score on two days and the measures whose contribution moved, largest move first. */
export const HealthChangeView = ({ change }: { change: AccountHealthChange }) => {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("ja") ? "ja" : "en";
  const valueChange = useValueChange();
  const moved = change.measures.filter((row) => row.contributionChange !== 0);
  return (
    <Stack gap="xs">
      <Group gap="sm" data-testid="health-change-summary">
        <ScoredDay scored={change.from} />
        <Text span>→</Text>
        <ScoredDay scored={change.to} />
        {change.scoreChange !== null ? (
          <Text span fw={700} c={change.scoreChange < 0 ? "red" : "teal"}>
            {t("healthChange.points", {
              change: formatSigned(change.scoreChange, i18n.language),
            })}
          </Text>
        ) : null}
      </Group>
      {moved.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("healthChange.noChange")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Caption>{t("healthChange.caption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("health.measure")}</Table.Th>
                <Table.Th ta="right">{t("healthChange.value")}</Table.Th>
                <Table.Th ta="right">{t("healthChange.contribution")}</Table.Th>
                <Table.Th ta="right">{t("healthChange.change")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {moved.map((row) => (
                <Table.Tr key={row.measure}>
                  <Table.Td>{localizeText(row.name, lang)}</Table.Td>
                  <Table.Td ta="right">{valueChange(row)}</Table.Td>
                  <Table.Td ta="right">
                    {`${row.contributionBefore} → ${row.contributionAfter}`}
                  </Table.Td>
                  <Table.Td ta="right" fw={700} c={row.contributionChange < 0 ? "red" : "teal"}>
                    {formatSigned(row.contributionChange, i18n.language)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
};

/**
 * "Why did it change?": pick two days (30 days before `lastDay` and
 * `lastDay` to start: today, or a churned account's last day as a customer).
 */
export const HealthChange = ({ accountId, lastDay }: { accountId: string; lastDay: string }) => {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(() => addCalendarDays(lastDay, -30));
  const [to, setTo] = useState(lastDay);
  const valid = ISO_DATE.test(from) && ISO_DATE.test(to) && from <= to;
  const change = useQuery({
    ...accountHealthChangeQueryOptions(accountId, from, to),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t("healthChange.title")}
      </Title>
      <Group gap="sm" align="flex-end">
        <DateField label={t("healthChange.from")} value={from} max={to} onChange={setFrom} />
        <DateField
          label={t("healthChange.to")}
          value={to}
          min={from}
          max={today}
          onChange={setTo}
        />
      </Group>
      {!valid ? (
        <Text size="sm" c="red">
          {t("healthChange.badRange")}
        </Text>
      ) : null}
      {change.isPending && valid ? <Loader size="sm" aria-label={t("common.loading")} /> : null}
      {change.isError ? <ApiErrorAlert error={change.error} /> : null}
      {change.data ? <HealthChangeView change={change.data} /> : null}
    </Stack>
  );
};
