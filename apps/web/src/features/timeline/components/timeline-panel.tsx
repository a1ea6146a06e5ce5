import {
  Button,
  Center,
  Chip,
  Group,
  Loader,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { localizeText, type TimelineKind, timelineKinds } from "@michi/core";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { useCan, useMe } from "../../auth/use-me";
import {
  maturityModelsQueryOptions,
  phasesQueryOptions,
} from "../../cs-settings/cs-settings.queries";
import { uiLanguage } from "../../cs-settings/display-text";
import {
  deleteNote,
  type TimelineItem,
  timelineKeys,
  timelineQueryOptions,
} from "../timeline.queries";
import { kindColor, kindGlyph, type SummaryNames } from "../timeline-summary";
import { LogInteractionModal } from "./log-interaction-modal";
import { NoteComposer } from "./note-composer";
import { TimelineEntry } from "./timeline-entry";

/** The workspace's names for phases and products, for the summaries. */
const useSummaryNames = (): SummaryNames => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const phases = useQuery(phasesQueryOptions());
  const models = useQuery(maturityModelsQueryOptions());
  return useMemo(() => {
    const phaseList = phases.data?.phases ?? [];
    return {
      lang,
      locale: i18n.resolvedLanguage ?? lang,
      phase: (key) => {
        const phase = key === null ? phaseList[0] : phaseList.find((p) => p.key === key);
        return phase ? localizeText(phase.name, lang) : (key ?? t("timeline.firstPhase"));
      },
      product: (key) => {
        const model = models.data?.models.find((m) => m.product === key);
        return model?.name ? localizeText(model.name, lang) : key;
      },
    };
  }, [phases.data, models.data, lang, i18n.resolvedLanguage, t]);
};

/** The account's timeline (タイムライン): add a note, log a call or meeting, read back by kind. */
export const TimelinePanel = ({ accountId }: { accountId: string }) => {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = useCan("write");
  const queryClient = useQueryClient();
  const names = useSummaryNames();
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const [logging, setLogging] = useState(false);
  const [deleting, setDeleting] = useState<TimelineItem | null>(null);
  const timeline = useInfiniteQuery(timelineQueryOptions(accountId, kinds));
  const remove = useMutation({
    mutationFn: (noteId: string) => deleteNote(accountId, noteId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: timelineKeys.ofAccount(accountId) });
      notifications.show({ color: "teal", message: t("timeline.deleted") });
      setDeleting(null);
    },
  });
  const mayDelete = (item: TimelineItem) =>
    canWrite &&
    (item.kind === "note" ||
      item.kind === "call" ||
      (item.kind === "meeting" && item.source === "interaction")) &&
    (me.role === "admin" ||
      me.role === "manager" ||
      (me.user !== null && item.author?.id === me.user.id));
  const items = timeline.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Stack gap="lg">
      {canWrite ? (
        <Stack gap="xs">
          <NoteComposer accountId={accountId} />
          <Group>
            <Button variant="light" onClick={() => setLogging(true)}>
              {t("timeline.logInteraction")}
            </Button>
          </Group>
        </Stack>
      ) : null}

      <Stack gap={6}>
        <Text size="sm" fw={500} id="timeline-kinds">
          {t("timeline.filterLabel")}
        </Text>
        <Group gap="xs" role="group" aria-labelledby="timeline-kinds">
          <Chip size="xs" checked={kinds.length === 0} onChange={() => setKinds([])}>
            {t("timeline.allKinds")}
          </Chip>
          <Chip.Group
            multiple
            value={kinds}
            onChange={(value) => setKinds(timelineKinds.filter((kind) => value.includes(kind)))}
          >
            {timelineKinds.map((kind) => (
              <Chip key={kind} value={kind} size="xs">
                {t(`timeline.kinds.${kind}`)}
              </Chip>
            ))}
          </Chip.Group>
        </Group>
      </Stack>

      {timeline.isPending ? (
        <Center py="lg">
          <Loader size="sm" aria-label={t("common.loading")} />
        </Center>
      ) : timeline.isError && items.length === 0 ? (
        <ApiErrorAlert error={timeline.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {kinds.length > 0 ? t("timeline.emptyFiltered") : t("timeline.empty")}
        </Text>
      ) : (
        <Stack gap="md">
          <Timeline bulletSize={28} lineWidth={2}>
            {items.map((item) => (
              <Timeline.Item
                key={`${item.kind}:${item.id}`}
                bullet={
                  <ThemeIcon size={28} radius="xl" variant="light" color={kindColor[item.kind]}>
                    <span aria-hidden>{kindGlyph[item.kind]}</span>
                  </ThemeIcon>
                }
              >
                <TimelineEntry
                  item={item}
                  names={names}
                  onDelete={mayDelete(item) ? () => setDeleting(item) : undefined}
                />
              </Timeline.Item>
            ))}
          </Timeline>
          {timeline.isFetchNextPageError ? <ApiErrorAlert error={timeline.error} /> : null}
          {timeline.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="default"
                loading={timeline.isFetchingNextPage}
                onClick={() => void timeline.fetchNextPage()}
              >
                {t("timeline.loadMore")}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}

      <LogInteractionModal
        accountId={accountId}
        opened={logging}
        onClose={() => setLogging(false)}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={t("timeline.deleteTitle")}
        message={t("timeline.deleteBody")}
        confirmLabel={t("common.delete")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
        }}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </Stack>
  );
};
