import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import {
  localizeText,
  type WorkspaceScorecard,
  workspaceScorecardSchema,
  workspaceScorecardsSchema,
} from "@michi/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { ButtonLink } from "../../../components/button-link";
import { QueryView } from "../../../components/query-view";
import { UnsavedChangesGuard } from "../../../components/unsaved-changes-guard";
import { useCan } from "../../auth/use-me";
import {
  csSettingsKeys,
  phasesQueryOptions,
  previewScorecard,
  type ScorecardsAnswer,
  saveScorecards,
  scorecardsQueryOptions,
} from "../cs-settings.queries";
import { normaliseTexts, uiLanguage } from "../display-text";
import { setEditorDraft } from "../editor-draft";
import { apiErrorsToErrors, errorsUnder, issuesToErrors } from "../schema-errors";
import { moveItem, newEventMeasure, newScorecard } from "../scorecard-drafts";
import { useAccountPicklists } from "../use-account-picklists";
import { useUsageLabels } from "../use-usage-labels";
import { KeyEventSuggestions } from "./key-event-suggestions";
import { ScorecardForm } from "./scorecard-form";
import { ScorecardPreview } from "./scorecard-preview";

/** Waits this long after the last keystroke before asking for a preview. */
const PREVIEW_DEBOUNCE_MS = 500;

export const ScorecardsPanel = () => {
  const scorecards = useQuery(scorecardsQueryOptions());
  return (
    <QueryView query={scorecards}>{(answer) => <ScorecardsEditor answer={answer} />}</QueryView>
  );
};

/**
 * The workspace's scorecards in the order they are tried: pick one on the
 * left, edit it on the right, watch the preview below. Save sends the whole
 * list (PUT), checked first with core's schema. Leaving with unsaved edits
 * is asked first.
 */
export const ScorecardsEditor = ({ answer }: { answer: ScorecardsAnswer }) => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const { labels } = useUsageLabels();
  const canEdit = useCan("manage-settings");
  const queryClient = useQueryClient();
  const phases = useQuery(phasesQueryOptions());
  const [list, setList] = useState<WorkspaceScorecard[]>(answer.scorecards);
  const [selected, setSelected] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    setList(answer.scorecards);
    setDirty(false);
  }, [answer]);

  const edit = (next: WorkspaceScorecard[]) => {
    setList(next);
    setDirty(true);
  };

  const save = useMutation({
    mutationFn: saveScorecards,
    onSuccess: (saved) => {
      queryClient.setQueryData(csSettingsKeys.scorecards(), saved);
      setErrors({});
      setEditorDraft(null);
      notifications.show({ color: "teal", message: t("csSettings.saved") });
    },
    onError: (error) => setErrors(apiErrorsToErrors(error)),
  });

  const submit = () => {
    const cleaned = normaliseTexts(list);
    const parsed = workspaceScorecardsSchema.safeParse(cleaned);
    if (!parsed.success) {
      const found = issuesToErrors(parsed.error.issues, "scorecards");
      setErrors(found);
      // Show the first scorecard with a problem.
      const first = Object.keys(found)[0]?.split(".")[1];
      if (first !== undefined && /^\d+$/.test(first)) setSelected(Number(first));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  const current = list[selected];
  const picklists = useAccountPicklists();
  const segmentLabel = (value: string) => picklists.label("segment", value) ?? value;
  const phaseOptions = (phases.data?.phases ?? []).map((phase) => ({
    value: phase.key,
    label: localizeText(phase.name, lang),
  }));

  // The preview follows the selected scorecard, a moment after the last edit.
  const candidate = useMemo(
    () =>
      current === undefined ? null : workspaceScorecardSchema.safeParse(normaliseTexts(current)),
    [current],
  );
  // A valid unsaved edit can be backtested in the Health Lab (editor-draft.ts).
  useEffect(() => {
    if (dirty && candidate?.success) {
      setEditorDraft({ key: candidate.data.key, scorecard: candidate.data.scorecard });
    }
  }, [dirty, candidate]);
  const [debounced] = useDebouncedValue(candidate, PREVIEW_DEBOUNCE_MS);
  const previewBody =
    debounced?.success === true
      ? { scorecard: debounced.data.scorecard, appliesTo: debounced.data.appliesTo }
      : null;
  const preview = useQuery({
    queryKey: csSettingsKeys.preview(previewBody),
    queryFn: () => previewScorecard(previewBody!),
    enabled: previewBody !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  const nameOf = (entry: WorkspaceScorecard) =>
    entry.scorecard.name ? localizeText(entry.scorecard.name, lang) || entry.key : entry.key;

  return (
    <Stack gap="md">
      {/* Leaving (another tab, page or site) loses the edit: asked first. */}
      <UnsavedChangesGuard when={dirty} />
      <Text size="sm" c="dimmed">
        {t("csSettings.scorecards.intro")}
      </Text>
      {!canEdit ? (
        <Alert color="gray" variant="light">
          {t("csSettings.readOnly")}
        </Alert>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <Alert color="red" variant="light" role="alert" title={t("csSettings.invalid")}>
          {Object.entries(errors)
            .filter(([key]) => !key.startsWith(`scorecards.${selected}.`))
            .slice(0, 5)
            .map(([key, message]) => (
              <Text key={key} size="sm">
                {key}: {message}
              </Text>
            ))}
        </Alert>
      ) : null}
      {save.isError && Object.keys(apiErrorsToErrors(save.error)).length === 0 ? (
        <ApiErrorAlert error={save.error} />
      ) : null}
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t("csSettings.scorecards.list")}
        </Text>
        {list.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("csSettings.scorecards.empty")}
          </Text>
        ) : (
          <Table
            aria-label={t("csSettings.scorecards.list")}
            highlightOnHover
            withTableBorder
            fz="sm"
          >
            <Table.Tbody>
              {list.map((entry, index) => (
                <Table.Tr
                  // biome-ignore lint/suspicious/noArrayIndexKey: keys may repeat while being edited.
                  key={`${entry.key}-${index}`}
                  bg={index === selected ? "indigo.0" : undefined}
                >
                  <Table.Td w={32} c="dimmed">
                    {index + 1}
                  </Table.Td>
                  <Table.Td>
                    <UnstyledButton
                      onClick={() => setSelected(index)}
                      aria-current={index === selected ? "true" : undefined}
                    >
                      <Text size="sm" span fw={index === selected ? 700 : 500}>
                        {nameOf(entry)}
                      </Text>
                      {Object.keys(errors).some((key) => key.startsWith(`scorecards.${index}.`)) ? (
                        <Badge ml={6} color="red" size="xs" component="span">
                          !
                        </Badge>
                      ) : null}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td c="dimmed">
                    {t("csSettings.scorecards.appliesTo")}:{" "}
                    {describeAppliesTo(entry, { t, phaseOptions, segmentLabel })}
                  </Table.Td>
                  <Table.Td w={80} ta="right">
                    {canEdit ? (
                      <Group gap={2} justify="flex-end" wrap="nowrap">
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          aria-label={`${nameOf(entry)}: ${t("csSettings.moveUp")}`}
                          disabled={index === 0}
                          onClick={() => {
                            edit(moveItem(list, index, -1));
                            if (selected === index) setSelected(index - 1);
                          }}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          aria-label={`${nameOf(entry)}: ${t("csSettings.moveDown")}`}
                          disabled={index === list.length - 1}
                          onClick={() => {
                            edit(moveItem(list, index, 1));
                            if (selected === index) setSelected(index + 1);
                          }}
                        >
                          ↓
                        </ActionIcon>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canEdit ? (
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            onClick={() => {
              edit([
                ...list,
                newScorecard(
                  list.map((entry) => entry.key),
                  answer.defaultScorecard,
                ),
              ]);
              setSelected(list.length);
            }}
          >
            {list.length === 0
              ? t("csSettings.scorecards.startFromDefault")
              : t("csSettings.scorecards.add")}
          </Button>
        ) : null}
      </Stack>
      {current ? (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder p="md" radius="md">
              <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
                <ScorecardForm
                  value={current}
                  readOnly={!canEdit}
                  phaseOptions={phaseOptions}
                  errors={errorsUnder(errors, `scorecards.${selected}`)}
                  onChange={(next) =>
                    edit(list.map((entry, at) => (at === selected ? next : entry)))
                  }
                />
              </fieldset>
              {canEdit ? (
                <Group justify="flex-end" mt="md">
                  <Button
                    variant="subtle"
                    color="red"
                    onClick={() => {
                      edit(list.filter((_, at) => at !== selected));
                      setSelected(Math.max(0, selected - 1));
                    }}
                  >
                    {t("csSettings.remove")}
                  </Button>
                </Group>
              ) : null}
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            {/* Stays in view while the measures scroll by: the point of a live preview. */}
            <Paper withBorder p="md" radius="md" style={{ position: "sticky", top: 72 }}>
              <ScorecardPreview
                preview={preview.data}
                pending={preview.isFetching}
                error={preview.error}
                invalid={candidate?.success === false}
              />
            </Paper>
          </Grid.Col>
        </Grid>
      ) : null}
      <Paper withBorder p="md" radius="md">
        <KeyEventSuggestions
          used={
            new Set(
              (current?.scorecard.measures ?? []).flatMap((measure) =>
                measure.kind === "metric" && measure.metric.name === "eventCount"
                  ? [measure.metric.event]
                  : [],
              ),
            )
          }
          onAdd={
            canEdit && current
              ? (event) => {
                  const measures = current.scorecard.measures;
                  const added = newEventMeasure(
                    measures.map((measure) => measure.key),
                    event,
                    labels,
                  );
                  edit(
                    list.map((entry, at) =>
                      at === selected
                        ? {
                            ...entry,
                            scorecard: { ...entry.scorecard, measures: [...measures, added] },
                          }
                        : entry,
                    ),
                  );
                  notifications.show({
                    color: "teal",
                    message: t("keyEvents.added", { name: nameOf(current) }),
                  });
                }
              : undefined
          }
        />
      </Paper>
      {canEdit ? (
        <Group justify="flex-end" gap="xs">
          {dirty ? (
            <Text size="sm" c="dimmed">
              {t("csSettings.unsaved")}
            </Text>
          ) : null}
          {dirty && candidate?.success ? (
            <ButtonLink to="/health-lab" search={{ with: "editor" }} variant="subtle">
              {t("csSettings.scorecards.backtestInLab")}
            </ButtonLink>
          ) : null}
          <Button
            variant="default"
            disabled={!dirty}
            onClick={() => {
              setList(answer.scorecards);
              setErrors({});
              setDirty(false);
              setSelected(0);
              setEditorDraft(null);
            }}
          >
            {t("csSettings.discard")}
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
};

/** Whom a scorecard is for, in words: its segments' and phases' labels, or all accounts. */
const describeAppliesTo = (
  entry: WorkspaceScorecard,
  words: {
    t: (key: "csSettings.scorecards.allAccounts") => string;
    phaseOptions: { value: string; label: string }[];
    segmentLabel: (value: string) => string;
  },
): string => {
  const parts = [
    ...(entry.appliesTo.segments ?? []).map(words.segmentLabel),
    ...(entry.appliesTo.phases ?? []).map(
      (key) => words.phaseOptions.find((option) => option.value === key)?.label ?? key,
    ),
  ];
  return parts.length === 0 ? words.t("csSettings.scorecards.allAccounts") : parts.join(" · ");
};
