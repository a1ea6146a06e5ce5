import { Stack, Text, Timeline } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import type { AccountPhase } from "../lifecycle.queries";

type Props = { history: AccountPhase["history"] };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The phases the account went through, oldest first, each with its dates and length. */
export const PhaseHistory = ({ history }: Props) => {
  const { t, i18n } = useTranslation();
  const stays = [...history].sort((a, b) => a.since.localeCompare(b.since));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t("lifecycle.history")}
      </Text>
      <Timeline active={stays.length - 1} bulletSize={14} lineWidth={2}>
        {stays.map((stay) => {
          const end = stay.until ? new Date(stay.until) : new Date();
          const days = Math.max(
            0,
            Math.floor((end.getTime() - new Date(stay.since).getTime()) / DAY_MS),
          );
          return (
            <Timeline.Item key={`${stay.phaseKey}-${stay.since}`} title={stay.name}>
              <Text size="xs" c="dimmed">
                {stay.until
                  ? t("lifecycle.stay", {
                      from: formatDate(stay.since, i18n.language),
                      to: formatDate(stay.until, i18n.language),
                      days,
                    })
                  : t("lifecycle.stayCurrent", {
                      from: formatDate(stay.since, i18n.language),
                      days,
                    })}
                {" · "}
                {t(`lifecycle.decidedBy.${stay.decidedBy}`)}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Stack>
  );
};
