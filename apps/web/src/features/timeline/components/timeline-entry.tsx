import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../../lib/format";
import type { TimelineItem } from "../timeline.queries";
import { type SummaryNames, timelineSummary } from "../timeline-summary";
import { MentionText } from "./mention-text";

/** Kinds recorded for a day, not an instant: their time of day means nothing. */
const dayOnly = (item: TimelineItem) =>
  item.kind === "kpiMeasurement" || (item.kind === "meeting" && item.source === "plan");

const Details = ({ item, t, locale }: { item: TimelineItem; t: TFunction; locale: string }) => {
  switch (item.kind) {
    case "note":
    case "call":
    case "meeting": {
      const names = new Map(item.mentions.map((user) => [user.id, user.name]));
      return (
        <Stack gap={4}>
          {item.body ? <MentionText body={item.body} names={names} /> : null}
          {item.kind === "meeting" && item.decisions ? (
            <Text size="sm">
              <Text span fw={600}>
                {t("timeline.decisions")}:{" "}
              </Text>
              {item.decisions}
            </Text>
          ) : null}
        </Stack>
      );
    }
    case "email":
      return item.detail && item.status !== "sent" ? (
        <Text size="sm" c="dimmed">
          {t(
            item.status === "failed"
              ? "timeline.emailFailedBecause"
              : "timeline.emailNotSentBecause",
            { detail: item.detail },
          )}
        </Text>
      ) : null;
    case "task":
      return item.event === "created" && (item.owner || item.dueDate) ? (
        <Group gap="md">
          {item.owner ? (
            <Text size="sm" c="dimmed">
              {t("timeline.taskOwner", { name: item.owner.name ?? t("timeline.someone") })}
            </Text>
          ) : null}
          {item.dueDate ? (
            <Text size="sm" c="dimmed">
              {t("timeline.taskDue", { date: formatDate(item.dueDate, locale) })}
            </Text>
          ) : null}
        </Group>
      ) : null;
    case "planStage":
      return (
        <Text size="sm" c="dimmed">
          {t("timeline.closedBy", { name: item.closedByName })}
        </Text>
      );
    case "kpiMeasurement":
      return item.note ? (
        <Text size="sm" c="dimmed">
          {t("timeline.kpiNote", { note: item.note })}
        </Text>
      ) : null;
    default:
      return null;
  }
};

type Props = {
  item: TimelineItem;
  names: SummaryNames;
  /** Shown when the viewer may delete this entry. */
  onDelete?: (() => void) | undefined;
};

/** One entry: its one-line summary, when, and what it says. */
export const TimelineEntry = ({ item, names, onDelete }: Props) => {
  const { t } = useTranslation();
  const when = dayOnly(item)
    ? formatDate(item.at.slice(0, 10), names.locale)
    : formatDateTime(item.at, names.locale);
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600}>
          {timelineSummary(item, t, names)}
        </Text>
        {onDelete ? (
          <Button variant="subtle" color="red" size="compact-xs" onClick={onDelete}>
            {t("timeline.deleteNote")}
          </Button>
        ) : null}
      </Group>
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          <time dateTime={item.at}>{when}</time>
        </Text>
        {item.kind === "meeting" && item.source === "plan" ? (
          <Badge size="xs" variant="light" color="gray">
            {t("timeline.fromPlan")}
          </Badge>
        ) : null}
      </Group>
      <Details item={item} t={t} locale={names.locale} />
    </Stack>
  );
};
