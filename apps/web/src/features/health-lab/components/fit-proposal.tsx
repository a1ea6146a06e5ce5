import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { localizeText, type Scorecard, scorecardSchema } from "@michi/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatCount, formatDate } from "../../../lib/format";
import { accountKeys } from "../../accounts/accounts.queries";
import { csSettingsKeys } from "../../cs-settings/cs-settings.queries";
import { uiLanguage } from "../../cs-settings/display-text";
import { issuesToErrors } from "../../cs-settings/schema-errors";
import { healthKeys } from "../../health/health.queries";
import { acceptDraft, healthLabKeys, type ScorecardDraft } from "../health-lab.queries";
import { formatAuc } from "../lab-format";
import { AucSummary } from "./auc-summary";
import { FittedMeasures } from "./fitted-measures";

type Props = {
  draft: ScorecardDraft;
  /** The draft's scorecard as edited here (the fitted one until changed). */
  scorecard: Scorecard;
  onChange: (scorecard: Scorecard) => void;
  /** Back to the scorecard as fitted. */
  onReset: () => void;
  /** Backtest the (edited) draft beside the current scorecard on the Lab's period. */
  onCompare: () => void;
  /** The name of the scorecard the draft would replace (the catch-all one, or Michi's default). */
  replacesName: string;
  canAccept: boolean;
};

const span = (days: readonly string[], locale: string) => ({
  from: formatDate(days[0], locale),
  to: formatDate(days.at(-1), locale),
});

/**
 * A scorecard fitted to past churn, shown so a person can judge it before
 * adopting it: fitted on earlier days and proven on later ones it never
 * saw, beside the current scorecards on those same days; its measures with
 * the reason for each; then compare, edit, and accept.
 */
export const FitProposal = ({
  draft,
  scorecard,
  onChange,
  onReset,
  onCompare,
  replacesName,
  canAccept,
}: Props) => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const lang = uiLanguage(i18n.resolvedLanguage);
  const queryClient = useQueryClient();
  const { report } = draft;
  const [confirming, setConfirming] = useState(false);
  const edited = scorecard !== draft.scorecard;
  const parsed = useMemo(() => scorecardSchema.safeParse(scorecard), [scorecard]);
  const errors = parsed.success ? {} : issuesToErrors(parsed.error.issues);
  const accepted = draft.status === "accepted";

  const accept = useMutation({
    mutationFn: () => acceptDraft(draft.id, edited && parsed.success ? parsed.data : undefined),
    onSuccess: (answer) => {
      queryClient.setQueryData(healthLabKeys.draft(draft.id), answer.draft);
      void queryClient.invalidateQueries({ queryKey: csSettingsKeys.scorecards() });
      // Scores change as the job rescoring every account gets to them.
      void queryClient.invalidateQueries({ queryKey: accountKeys.all });
      void queryClient.invalidateQueries({ queryKey: healthKeys.all });
      setConfirming(false);
    },
  });

  const gain =
    report.holdoutAuc !== null && report.current.holdoutAuc !== null
      ? report.holdoutAuc - report.current.holdoutAuc
      : null;

  return (
    <Stack gap="md" component="section" aria-label={t("healthLab.fit.title")}>
      <Group justify="space-between" align="center">
        <Group gap="xs">
          <Title order={2} size="h4">
            {t("healthLab.fit.title")}
          </Title>
          <Badge color={accepted ? "teal" : "gray"} variant="light">
            {t(accepted ? "healthLab.fit.accepted" : "healthLab.fit.draft")}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {localizeText(scorecard.name ?? "", lang)}
        </Text>
      </Group>

      <Text size="sm" data-testid="fit-periods">
        {t("healthLab.fit.periods", {
          training: t("healthLab.fit.span", span(report.trainingDays, locale)),
          holdout: t("healthLab.fit.span", span(report.holdoutDays, locale)),
        })}
      </Text>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Paper withBorder p="sm" radius="md">
          <Text size="sm" fw={600} mb={4}>
            {t("healthLab.fit.fittedOnHoldout")}
          </Text>
          <AucSummary
            auc={report.holdoutAuc}
            low={report.holdoutAucInterval?.low ?? null}
            high={report.holdoutAucInterval?.high ?? null}
            size="lg"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t("healthLab.fit.holdoutCounts", {
              observations: formatCount(report.holdoutObservations, locale),
            })}
          </Text>
        </Paper>
        <Paper withBorder p="sm" radius="md">
          <Text size="sm" fw={600} mb={4}>
            {t("healthLab.fit.currentOnHoldout")}
          </Text>
          <AucSummary auc={report.current.holdoutAuc} low={null} high={null} size="lg" />
          <Text size="xs" c="dimmed" mt={4}>
            {t("healthLab.fit.currentHelp")}
          </Text>
        </Paper>
      </SimpleGrid>
      {gain !== null ? (
        <Alert color={gain > 0.01 ? "teal" : "yellow"} variant="light" data-testid="fit-gain">
          {gain > 0.01
            ? t("healthLab.fit.better", { gain: formatAuc(gain, locale) })
            : t("healthLab.fit.notBetter")}
        </Alert>
      ) : null}
      <Text size="xs" c="dimmed">
        {t("healthLab.fit.basis", {
          observations: formatCount(report.observations, locale),
          churned: formatCount(report.churned, locale),
          horizon: report.horizonDays,
          candidates: report.candidates,
        })}
      </Text>

      <Title order={3} size="h5">
        {t("healthLab.fit.measures")}
      </Title>
      <FittedMeasures
        scorecard={scorecard}
        report={report}
        onChange={onChange}
        errors={errors}
        readOnly={accepted || !canAccept}
      />
      {!parsed.success ? (
        <Alert color="red" variant="light" role="alert">
          {t("healthLab.fit.invalid")}
        </Alert>
      ) : null}

      {accepted ? (
        <Alert color="teal" variant="light" title={t("healthLab.fit.acceptedTitle")} role="status">
          <Stack gap={4}>
            <Text size="sm">{t("healthLab.fit.acceptedBody")}</Text>
            <AnchorLink to="/accounts" size="sm">
              {t("healthLab.fit.toAccounts")}
            </AnchorLink>
          </Stack>
        </Alert>
      ) : (
        <Stack gap={4}>
          <Group justify="space-between">
            <Group gap="xs">
              {edited ? (
                <Button variant="subtle" onClick={onReset}>
                  {t("healthLab.fit.resetEdits")}
                </Button>
              ) : null}
            </Group>
            <Group gap="xs">
              <Button variant="default" disabled={!parsed.success} onClick={onCompare}>
                {t("healthLab.fit.compare")}
              </Button>
              {canAccept ? (
                <Button disabled={!parsed.success} onClick={() => setConfirming(true)}>
                  {t("healthLab.fit.accept")}
                </Button>
              ) : null}
            </Group>
          </Group>
          <Text size="xs" c="dimmed" ta="right">
            {t("healthLab.fit.compareNote")}
          </Text>
        </Stack>
      )}

      <Modal
        opened={confirming}
        onClose={() => {
          setConfirming(false);
          accept.reset();
        }}
        title={t("healthLab.fit.acceptTitle")}
        centered
      >
        <Stack>
          <Text size="sm">{t("healthLab.fit.acceptBody", { name: replacesName })}</Text>
          <Text size="sm">{t("healthLab.fit.acceptRescore")}</Text>
          {edited ? (
            <Text size="sm" c="dimmed">
              {t("healthLab.fit.acceptEdited")}
            </Text>
          ) : null}
          <ApiErrorAlert error={accept.error} />
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                setConfirming(false);
                accept.reset();
              }}
            >
              {t("common.cancel")}
            </Button>
            <Button loading={accept.isPending} onClick={() => accept.mutate()}>
              {t("healthLab.fit.acceptConfirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
};
