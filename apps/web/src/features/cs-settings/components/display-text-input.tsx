import { Group, Textarea, TextInput } from "@mantine/core";
import type { DisplayText } from "@michi/core";
import { useTranslation } from "react-i18next";
import { type TextDraft, toDraft } from "../display-text";

type Props = {
  label: string;
  value: DisplayText | undefined;
  onChange: (value: DisplayText | undefined) => void;
  /** Errors keyed relative to this text: "" for the text, "ja"/"en" for one language. */
  errors?: Record<string, string>;
  multiline?: boolean;
  required?: boolean;
};

/**
 * A workspace text in Japanese and English side by side. One language left
 * blank is fine: the other is shown to everyone.
 */
export const DisplayTextInput = ({
  label,
  value,
  onChange,
  errors = {},
  multiline = false,
  required = false,
}: Props) => {
  const { t } = useTranslation();
  const draft = toDraft(value);
  const set = (lang: keyof TextDraft, text: string) => {
    // Keep both while typing; a blank one becomes "same as the other" only when saved.
    const next = { ...draft, [lang]: text };
    onChange(next.ja === "" && next.en === "" ? undefined : fromDraftLoose(next));
  };
  const Input = multiline ? Textarea : TextInput;
  const common = multiline ? { autosize: true, minRows: 2, maxRows: 8 } : {};
  return (
    <Group grow align="flex-start" gap="xs">
      <Input
        label={`${label}（${t("csSettings.lang.ja")}）`}
        value={draft.ja}
        required={required}
        onChange={(event) => set("ja", event.currentTarget.value)}
        error={errors.ja ?? errors[""]}
        {...common}
      />
      <Input
        label={`${label} (${t("csSettings.lang.en")})`}
        value={draft.en}
        onChange={(event) => set("en", event.currentTarget.value)}
        error={errors.en}
        {...common}
      />
    </Group>
  );
};

/** While editing, texts stay in both fields as typed (no trimming, no merging). */
const fromDraftLoose = (draft: TextDraft): DisplayText => ({ ja: draft.ja, en: draft.en });
