import { Badge, Center, Group, Loader, Stack, Text, Timeline } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatDateTime } from "../../../lib/format";
import { useFieldLabel } from "../stages/field-label";
import { planHistoryQueryOptions } from "../success-plans.queries";
import { type HistoryElementChange, readHistorySummary } from "./history-summary";

const collections = [
  "objectives",
  "measures",
  "kpis",
  "roadmap",
  "milestones",
  "tasks",
  "team",
  "meetingCadences",
  "failurePatterns",
] as const;
const actionColor = {
  created: "teal",
  imported: "teal",
  updated: "indigo",
  stageClosed: "grape",
} as const;
const changeColor = { added: "teal", removed: "red", changed: "orange", measured: "blue" } as const;

/** Who changed what in the plan, and when; newest first. */
export const HistoryPanel = ({ planId }: { planId: string }) => {
  const { t, i18n } = useTranslation();
  const fieldLabel = useFieldLabel();
  const history = useQuery(planHistoryQueryOptions(planId));
  if (history.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (history.isError) return <ApiErrorAlert error={history.error} />;
  const collectionName = (collection: string) => {
    const known = collections.find((c) => c === collection);
    return known ? t(`plans.history.collection.${known}`) : collection;
  };
  const elementLine = (e: HistoryElementChange) => (
    <Group key={`${e.collection}-${e.key}-${e.change}`} gap={6} wrap="nowrap" align="flex-start">
      <Badge size="xs" variant="light" color={changeColor[e.change]} style={{ flexShrink: 0 }}>
        {t(`plans.history.change.${e.change}`)}
      </Badge>
      <Text size="sm">
        {collectionName(e.collection)}「{e.label}」
        {e.change === "measured"
          ? ` ${e.before ?? "—"} → ${e.after ?? "—"}`
          : e.change === "changed" && e.fields.length > 0
            ? `: ${new Intl.ListFormat(i18n.language, { style: "narrow" }).format(
                e.fields.map((f) => fieldLabel(f, e.collection === "team" ? "team" : undefined)),
              )}`
            : ""}
      </Text>
    </Group>
  );

  return (
    <Timeline bulletSize={14} lineWidth={2} active={history.data.data.length}>
      {history.data.data.map((entry) => {
        const summary = readHistorySummary(entry.summary);
        return (
          <Timeline.Item
            key={`${entry.at}-${entry.version}-${entry.action}`}
            color={actionColor[entry.action]}
            title={
              <Group gap="xs">
                <Badge size="sm" variant="light" color={actionColor[entry.action]}>
                  {t(`plans.history.action.${entry.action}`)}
                </Badge>
                <Text size="sm" fw={600}>
                  {entry.actor.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(entry.at, i18n.language)} · v{entry.version}
                </Text>
              </Group>
            }
          >
            <Stack gap={4} mt={4}>
              {summary.kind === "stage" ? (
                <Text size="sm">{t("plans.history.stageClosed", { number: summary.stage })}</Text>
              ) : summary.kind === "changes" ? (
                <>
                  {summary.fields.map((f) => (
                    <Text key={f.field} size="sm">
                      {t("plans.history.fieldChanged", { field: fieldLabel(f.field) })}
                    </Text>
                  ))}
                  {summary.elements.map(elementLine)}
                  {summary.fields.length + summary.elements.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t("plans.history.noVisibleChange")}
                    </Text>
                  ) : null}
                </>
              ) : null}
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
};
