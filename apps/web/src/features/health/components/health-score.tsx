import { Alert, Badge, Group, Stack, Text, Title } from "@mantine/core";
import { addCalendarDays, localizeText } from "@michi/core";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatPercent } from "../../../lib/format";
import { type AccountHealth, bandColors } from "../health.queries";

type Props = { health: AccountHealth };

/**
 * The health score with its band, how much of the scorecard had data, and
 * when it was computed. Without a score it says "insufficient data" and how
 * much was missing, never 0 or red; a churned account's is its last day as a
 * customer, and it says so.
 */
export const HealthScore = ({ health }: Props) => {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("ja") ? "ja" : "en";
  const coverage = formatPercent(health.coverage, i18n.language);
  const minCoverage = health.scorecard?.minCoverage ?? null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t("health.score")}
      </Title>
      {health.churnedOn ? (
        <Alert color="gray" variant="light" p="xs">
          <Text size="sm">
            {t("health.formerCustomer", {
              date: formatDate(health.churnedOn, i18n.language),
              day: formatDate(addCalendarDays(health.churnedOn, -1), i18n.language),
            })}
          </Text>
        </Alert>
      ) : null}
      {health.score === null || health.band === null ? (
        <Stack gap={4}>
          <Text fz={28} fw={700} lh={1.2} c="dimmed" data-testid="health-score">
            {t("health.insufficientData")}
          </Text>
          <Text size="sm">
            {health.coverage === 0 || minCoverage === null
              ? t("health.noDataYet")
              : t("health.insufficientDataHelp", {
                  coverage,
                  min: formatPercent(minCoverage, i18n.language),
                })}
          </Text>
        </Stack>
      ) : (
        <Group gap="sm" align="center">
          <Text fz={40} fw={700} lh={1} data-testid="health-score">
            {health.score}
          </Text>
          <Badge size="lg" color={bandColors[health.band]} variant="filled">
            {t(`health.band.${health.band}`)}
          </Badge>
        </Group>
      )}
      {health.scorecard ? (
        <Text size="sm">
          {t("health.scorecard", {
            name: health.scorecard.name
              ? localizeText(health.scorecard.name, lang)
              : health.scorecard.key,
          })}
        </Text>
      ) : null}
      <Text size="sm" c="dimmed">
        {t("health.coverage", { coverage })}
      </Text>
      <Text size="sm" c="dimmed">
        {t("health.computedAt", { at: formatDateTime(health.computedAt, i18n.language) })}
      </Text>
    </Stack>
  );
};
