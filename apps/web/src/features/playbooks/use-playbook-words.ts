import { localizeText } from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useOwners } from "../accounts/use-owners";
import { phasesQueryOptions } from "../cs-settings/cs-settings.queries";
import { uiLanguage } from "../cs-settings/display-text";
import type { WordsContext } from "./playbook-words";

/** The context playbook-words needs: the UI language, the workspace's phases and members. */
export const usePlaybookWords = (): WordsContext & {
  phaseOptions: { value: string; label: string }[];
  memberOptions: { value: string; label: string }[];
} => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.language);
  const phases = useQuery(phasesQueryOptions());
  const owners = useOwners();
  return useMemo(() => {
    const phaseOptions = (phases.data?.phases ?? []).map((phase) => ({
      value: phase.key,
      label: localizeText(phase.name, lang),
    }));
    const phaseNames = new Map(phaseOptions.map((option) => [option.value, option.label]));
    return {
      t,
      lang,
      phaseName: (key: string) => phaseNames.get(key) ?? key,
      memberName: (userId: string) => owners.names.get(userId),
      phaseOptions,
      memberOptions: owners.options,
    };
  }, [t, lang, phases.data, owners]);
};
