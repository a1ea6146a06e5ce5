import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import type { Scorecard } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { usePageTitle } from "../../../components/use-page-title";
import { isApiError } from "../../../lib/api-client";
import { pointerToPath } from "../../../lib/form-errors";
import { problemText } from "../../../lib/problem-text";
import { utcToday } from "../../../lib/utc-today";
import { useCan } from "../../auth/use-me";
import { scorecardsQueryOptions } from "../../cs-settings/cs-settings.queries";
import { uiLanguage } from "../../cs-settings/display-text";
import { useEditorDraft } from "../../cs-settings/editor-draft";
import { draftQueryOptions, fitScorecard, healthLabKeys } from "../health-lab.queries";
import type { HealthLabSearch } from "../health-lab-search";
import { checkLabPeriod, defaultLabPeriod, type LabPeriod } from "../lab-period";
import {
  currentChoiceValue,
  EDITOR_CHOICE,
  FITTED_CHOICE,
  type ScorecardChoice,
  savedChoice,
  scorecardChoices,
} from "../scorecard-choices";
import { BacktestComparison, type LabRun } from "./backtest-comparison";
import { FitProposal } from "./fit-proposal";
import { PeriodControls, type PeriodDraft } from "./period-controls";
import { ScorecardPicker } from "./scorecard-picker";

type Props = {
  search: HealthLabSearch;
  onSearchChange: (next: HealthLabSearch) => void;
};

const toPeriod = (draft: PeriodDraft): LabPeriod => ({
  from: draft.from,
  to: draft.to,
  everyDays: typeof draft.everyDays === "number" ? draft.everyDays : Number.NaN,
  horizonDays: typeof draft.horizonDays === "number" ? draft.horizonDays : Number.NaN,
});

/** A 422's field problems on the period inputs, in the server's words. */
const periodErrors = (error: unknown): Partial<Record<keyof PeriodDraft, string>> => {
  if (!isApiError(error) || error.status !== 422) return {};
  const fields = ["from", "to", "everyDays", "horizonDays"] as const;
  const found: Partial<Record<keyof PeriodDraft, string>> = {};
  for (const problem of error.errors) {
    const field = fields.find((name) => name === pointerToPath(problem.pointer));
    if (field) found[field] ??= problemText(problem);
  }
  return found;
};

/**
 * The Health Lab (ヘルスラボ): does the health score warn of churn? Past
 * scores are backtested against the churn that followed, two scorecards
 * side by side; a scorecard can be fitted to past churn, compared, edited
 * and adopted.
 */
export const HealthLabPage = ({ search, onSearchChange }: Props) => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  usePageTitle(t("healthLab.title"));
  const canManage = useCan("manage-settings");
  const queryClient = useQueryClient();
  const scorecards = useQuery(scorecardsQueryOptions());
  const editor = useEditorDraft();
  const draft = useQuery({
    ...draftQueryOptions(search.draft ?? ""),
    enabled: search.draft !== undefined,
  });
  const [fittedEdit, setFittedEdit] = useState<{ id: string; scorecard: Scorecard } | null>(null);
  const fitted =
    draft.data === undefined
      ? null
      : fittedEdit?.id === draft.data.id
        ? fittedEdit.scorecard
        : draft.data.scorecard;

  const [period, setPeriod] = useState<PeriodDraft>(() => defaultLabPeriod(utcToday()));
  const check = useMemo(() => checkLabPeriod(toPeriod(period), utcToday()), [period]);
  const [showProblems, setShowProblems] = useState(false);
  const [picks, setPicks] = useState<[string | null, string | null]>([null, null]);
  const [run, setRun] = useState<LabRun | null>(null);
  const resultsRef = useRef<HTMLDivElement>(null);
  const proposalRef = useRef<HTMLDivElement>(null);

  const choices: ScorecardChoice[] = useMemo(
    () =>
      scorecards.data
        ? scorecardChoices({
            saved: scorecards.data.scorecards,
            defaultScorecard: scorecards.data.defaultScorecard,
            editor,
            fitted,
            lang,
          })
        : [],
    [scorecards.data, editor, fitted, lang],
  );
  const current = scorecards.data ? currentChoiceValue(scorecards.data.scorecards) : null;

  // First picks, once the scorecards are known: the current scorecard, and
  // the editor's edit beside its saved version when coming from the editor.
  // A pick whose scorecard is gone (replaced by an accepted draft) falls back.
  useEffect(() => {
    if (!scorecards.data) return;
    if (picks[0] === null) {
      if (search.with === "editor" && editor) {
        const saved = scorecards.data.scorecards.some((entry) => entry.key === editor.key);
        setPicks([saved ? savedChoice(editor.key) : current, EDITOR_CHOICE]);
      } else {
        setPicks([current, null]);
      }
      return;
    }
    const known = (value: string | null) =>
      value === null || choices.some((choice) => choice.value === value);
    if (!known(picks[0]) || !known(picks[1])) {
      setPicks([known(picks[0]) ? picks[0] : current, known(picks[1]) ? picks[1] : null]);
    }
  }, [scorecards.data, choices, picks, search.with, editor, current]);

  const choiceOf = (value: string | null) =>
    value === null ? null : (choices.find((choice) => choice.value === value) ?? null);

  const ask = (next: [string | null, string | null]) => {
    setShowProblems(true);
    const a = choiceOf(next[0]);
    if (check.problems.length > 0 || !a) return;
    setRun({ period: toPeriod(period), columns: [a, choiceOf(next[1])] });
  };

  const fit = useMutation({
    mutationFn: fitScorecard,
    onSuccess: (fittedDraft) => {
      queryClient.setQueryData(healthLabKeys.draft(fittedDraft.id), fittedDraft);
      setFittedEdit(null);
      onSearchChange({ draft: fittedDraft.id });
      // The proposal is below the results: bring it into view once it is drawn.
      requestAnimationFrame(() =>
        proposalRef.current?.scrollIntoView({ behavior: "smooth", block: "start" }),
      );
    },
  });

  const stale =
    run !== null &&
    (JSON.stringify(run.period) !== JSON.stringify(toPeriod(period)) ||
      run.columns[0].value !== picks[0] ||
      (run.columns[1]?.value ?? null) !== picks[1] ||
      // The fitted draft or the editor's edit changed since it was asked.
      run.columns.some(
        (column) => column && column.scorecard !== choiceOf(column.value)?.scorecard,
      ));

  if (!canManage) {
    return (
      <Alert color="gray" variant="light" title={t("healthLab.title")}>
        {t("healthLab.forbidden")}
      </Alert>
    );
  }
  // A failed refetch keeps the scorecards known: only a first load that failed stops the page.
  if (!scorecards.data) {
    if (scorecards.isError) return <ApiErrorAlert error={scorecards.error} />;
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }

  const replaces = choiceOf(current);

  return (
    <Stack gap="md" maw={1400}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("healthLab.title")}
        </Title>
        <Text size="sm" c="dimmed" maw={860}>
          {t("healthLab.intro")}
        </Text>
      </Stack>

      <Paper
        withBorder
        p="md"
        radius="md"
        component="section"
        aria-label={t("healthLab.period.title")}
      >
        <Stack gap="sm">
          <Title order={2} size="h5">
            {t("healthLab.period.title")}
          </Title>
          <PeriodControls
            value={period}
            onChange={setPeriod}
            check={check}
            showProblems={showProblems}
            serverErrors={periodErrors(fit.error)}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <ScorecardPicker
              label={t("healthLab.pick.first")}
              choices={choices}
              value={picks[0]}
              onChange={(value) => setPicks([value ?? picks[0], picks[1]])}
            />
            <ScorecardPicker
              label={t("healthLab.pick.second")}
              placeholder={t("healthLab.pick.none")}
              choices={choices}
              value={picks[1]}
              clearable
              onChange={(value) => setPicks([picks[0], value])}
            />
          </SimpleGrid>
          <Group gap="xs">
            <Button onClick={() => ask(picks)}>{t("healthLab.run")}</Button>
            <Button
              variant="light"
              loading={fit.isPending}
              onClick={() => {
                setShowProblems(true);
                if (check.problems.length === 0) fit.mutate(toPeriod(period));
              }}
            >
              {t("healthLab.fit.button")}
            </Button>
            {fit.isPending ? (
              <Text size="sm" c="dimmed">
                {t("healthLab.fit.running")}
              </Text>
            ) : null}
          </Group>
          {fit.isError && Object.keys(periodErrors(fit.error)).length === 0 ? (
            <ApiErrorAlert error={fit.error} />
          ) : null}
        </Stack>
      </Paper>

      <Stack gap="sm" ref={resultsRef} component="section" aria-label={t("healthLab.results")}>
        <Title order={2} size="h4">
          {t("healthLab.results")}
        </Title>
        {stale ? (
          <Alert color="yellow" variant="light">
            {t("healthLab.stale")}
          </Alert>
        ) : null}
        {run ? (
          <BacktestComparison run={run} />
        ) : (
          <Alert color="gray" variant="light">
            {t("healthLab.notRun")}
          </Alert>
        )}
      </Stack>

      {search.draft !== undefined ? (
        <Paper withBorder p="md" radius="md" ref={proposalRef}>
          {draft.isPending ? (
            <Loader size="sm" aria-label={t("common.loading")} />
          ) : draft.isError ? (
            <ApiErrorAlert error={draft.error} />
          ) : fitted ? (
            <FitProposal
              draft={draft.data}
              scorecard={fitted}
              onChange={(scorecard) => setFittedEdit({ id: draft.data.id, scorecard })}
              onReset={() => setFittedEdit(null)}
              canAccept={canManage}
              replacesName={replaces?.name ?? ""}
              onCompare={() => {
                const next: [string | null, string | null] = [current, FITTED_CHOICE];
                setPicks(next);
                ask(next);
                resultsRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
              }}
            />
          ) : null}
        </Paper>
      ) : null}
    </Stack>
  );
};
