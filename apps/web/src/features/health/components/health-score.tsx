import { Badge, Group, Stack, Text, Title } from "@mantine/core";
import { localizeText } from "@michi/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format";
import { type AccountHealth, bandColors } from "../health.queries";

type Props = { health: AccountHealth };

/** The health score with its band, how much of the scorecard had data, and when it was computed. */
export const HealthScore = ({ health }: Props) => {
  const { t, i18n } = useTranslation();
  const coverage = new Intl.NumberFormat(i18n.language, { style: "percent" }).format(
    health.coverage,
  );
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t("health.score")}
      </Title>
      <Group gap="sm" align="center">
        <Text fz={40} fw={700} lh={1} data-testid="health-score">
          {health.score ?? "—"}
        </Text>
        {health.band ? (
          <Badge size="lg" color={bandColors[health.band]} variant="filled">
            {t(`health.band.${health.band}`)}
          </Badge>
        ) : (
          <Badge size="lg" color="gray" variant="light">
            {t("health.noBand")}
          </Badge>
        )}
      </Group>
      {health.scorecard ? (
        <Text size="sm">
          {t("health.scorecard", {
            name: health.scorecard.name
              ? localizeText(health.scorecard.name, i18n.language.startsWith("ja") ? "ja" : "en")
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
