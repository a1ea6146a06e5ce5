import { type AccountPicklistField, localizeText, picklistLabel } from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { accountPicklistsQueryOptions } from "./cs-settings.queries";
import { uiLanguage } from "./display-text";

/**
 * The workspace's industry and segment options, for showing a stored value
 * as its label in the UI language (a value not listed shows as it is) and for
 * offering them as choices (empty: the field is free text).
 */
export const useAccountPicklists = () => {
  const { i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const { data } = useQuery(accountPicklistsQueryOptions());
  const options = (field: AccountPicklistField) => data?.[field] ?? [];
  return {
    label: (field: AccountPicklistField, value: string | null | undefined) =>
      value ? picklistLabel(options(field), value, lang) : null,
    choices: (field: AccountPicklistField) =>
      options(field).map((option) => ({
        value: option.value,
        label: localizeText(option.label, lang),
      })),
  };
};
