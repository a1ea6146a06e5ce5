import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ChoiceKind, ScorecardChoice } from "../scorecard-choices";

type Props = {
  label: string;
  choices: readonly ScorecardChoice[];
  value: string | null;
  onChange: (value: string | null) => void;
  /** The second column may be left empty: nothing to compare with. */
  clearable?: boolean;
  placeholder?: string;
};

const groups: ChoiceKind[] = ["saved", "default", "editor", "fitted"];

/** A choice as offered: "name (for enterprise)", "name (Michi's default)", … */
export const useChoiceLabel = () => {
  const { t } = useTranslation();
  return (choice: ScorecardChoice) => {
    switch (choice.kind) {
      case "saved":
        return t("healthLab.pick.savedLabel", {
          name: choice.name,
          appliesTo: choice.appliesTo ?? t("healthLab.pick.catchAll"),
        });
      case "default":
        return t("healthLab.pick.defaultLabel", { name: choice.name });
      case "editor":
        return t("healthLab.pick.editorLabel", { name: choice.name });
      case "fitted":
        return t("healthLab.pick.fittedLabel", { name: choice.name });
    }
  };
};

/** Which scorecard a column tests, grouped: saved, Michi's default, unsaved edit, fitted draft. */
export const ScorecardPicker = ({
  label,
  choices,
  value,
  onChange,
  clearable = false,
  placeholder,
}: Props) => {
  const { t } = useTranslation();
  const labelOf = useChoiceLabel();
  const data = groups
    .map((kind) => ({
      group: t(`healthLab.pick.groups.${kind}`),
      items: choices
        .filter((choice) => choice.kind === kind)
        .map((choice) => ({ value: choice.value, label: labelOf(choice) })),
    }))
    .filter((group) => group.items.length > 0);
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={onChange}
      clearable={clearable}
      allowDeselect={clearable}
      placeholder={placeholder}
      comboboxProps={{ withinPortal: true }}
    />
  );
};
