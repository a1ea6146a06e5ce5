import { Loader } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { healthKeys } from "../../health/health.queries";
import {
  accountPhaseQueryOptions,
  decidePhaseProposal,
  lifecycleKeys,
  moveAccountPhase,
  type UiLanguage,
} from "../lifecycle.queries";
import { PhaseCard, type PhaseDecisionChoice } from "./phase-card";

type Props = { accountId: string; canWrite: boolean };

/** Loads the account's phase and wires the card's moves and proposal decisions to the API. */
export const PhaseSection = ({ accountId, canWrite }: Props) => {
  const { t, i18n } = useTranslation();
  const lang: UiLanguage = i18n.language.startsWith("ja") ? "ja" : "en";
  const queryClient = useQueryClient();
  const phase = useQuery(accountPhaseQueryOptions(accountId, lang));
  const onChanged = (message: string) => (next: Awaited<ReturnType<typeof moveAccountPhase>>) => {
    queryClient.setQueryData(lifecycleKeys.phase(accountId, lang), next);
    // The other language's copy is stale now, and the scorecard may depend on the phase.
    void queryClient.invalidateQueries({ queryKey: lifecycleKeys.phaseAll(accountId) });
    void queryClient.invalidateQueries({ queryKey: healthKeys.account(accountId) });
    notifications.show({ color: "teal", message });
  };
  const move = useMutation({
    mutationFn: (phaseKey: string) => moveAccountPhase(accountId, phaseKey, lang),
    onSuccess: (next) => onChanged(t("lifecycle.moved", { name: next.phase.name }))(next),
  });
  const decide = useMutation({
    mutationFn: (decision: PhaseDecisionChoice) => decidePhaseProposal(accountId, decision, lang),
    onSuccess: (next, decision) =>
      onChanged(
        decision === "accept"
          ? t("lifecycle.moved", { name: next.phase.name })
          : t("lifecycle.dismissed"),
      )(next),
  });

  if (phase.isPending) return <Loader size="sm" aria-label={t("common.loading")} />;
  if (phase.isError) return <ApiErrorAlert error={phase.error} />;
  return (
    <>
      <ApiErrorAlert error={move.error ?? decide.error} />
      <PhaseCard
        phase={phase.data}
        canWrite={canWrite}
        pending={move.isPending || decide.isPending}
        onMove={(phaseKey) => move.mutate(phaseKey)}
        onDecide={(decision) => decide.mutate(decision)}
      />
    </>
  );
};
