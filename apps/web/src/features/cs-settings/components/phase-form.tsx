import { Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { localizeText, type Phase } from "@michi/core";
import { useTranslation } from "react-i18next";
import { uiLanguage } from "../display-text";
import { errorsUnder } from "../schema-errors";
import { DisplayTextInput } from "./display-text-input";
import { newComparison, RuleEditor } from "./rule-editor";

type Props = {
  value: Phase;
  onChange: (value: Phase) => void;
  /** Errors keyed relative to the phase ("exitCriteria.0.rule.value"). */
  errors: Record<string, string>;
};

const unusedKey = (taken: readonly string[]) => {
  let n = taken.length + 1;
  while (taken.includes(`criterion-${n}`)) n += 1;
  return `criterion-${n}`;
};

/** One phase: its name, the table's texts and its exit criteria as rules. */
export const PhaseForm = ({ value, onChange, errors }: Props) => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const setText =
    (field: "userActions" | "userExperience" | "services" | "goal") => (text: Phase["goal"]) => {
      const { [field]: _old, ...rest } = value;
      onChange(text === undefined ? rest : { ...rest, [field]: text });
    };
  const criteria = value.exitCriteria;
  return (
    <Stack gap="sm">
      <TextInput
        label={t("csSettings.key")}
        description={t("csSettings.keyHelp")}
        value={value.key}
        w={240}
        error={errors.key}
        onChange={(event) => onChange({ ...value, key: event.currentTarget.value })}
      />
      <DisplayTextInput
        label={t("csSettings.name")}
        required
        value={value.name}
        errors={errorsUnder(errors, "name")}
        onChange={(name) => onChange({ ...value, name: name ?? "" })}
      />
      {(["userActions", "userExperience", "services", "goal"] as const).map((field) => (
        <DisplayTextInput
          key={field}
          label={t(`csSettings.phases.${field}`)}
          multiline
          value={value[field]}
          errors={errorsUnder(errors, field)}
          onChange={setText(field)}
        />
      ))}
      <Text size="xs" c="dimmed">
        {t("csSettings.phases.linesHelp")}
      </Text>
      <Title order={3} size="h5">
        {t("csSettings.phases.exitCriteria")}
      </Title>
      {criteria.map((criterion, index) => {
        const set = (next: Partial<typeof criterion>) =>
          onChange({
            ...value,
            exitCriteria: criteria.map((existing, at) =>
              at === index ? { ...existing, ...next } : existing,
            ),
          });
        const name = localizeText(criterion.name, lang) || criterion.key;
        return (
          <Paper
            // biome-ignore lint/suspicious/noArrayIndexKey: keys are being edited; position is stable.
            key={index}
            withBorder
            p="sm"
            radius="md"
            component="fieldset"
            aria-label={name}
          >
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start">
                <TextInput
                  label={t("csSettings.key")}
                  aria-label={`${name}: ${t("csSettings.key")}`}
                  value={criterion.key}
                  w={220}
                  error={errors[`exitCriteria.${index}.key`]}
                  onChange={(event) => set({ key: event.currentTarget.value })}
                />
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() =>
                    onChange({ ...value, exitCriteria: criteria.filter((_, at) => at !== index) })
                  }
                >
                  {t("csSettings.phases.removeCriterion")}
                </Button>
              </Group>
              <DisplayTextInput
                label={t("csSettings.phases.criterionName")}
                required
                value={criterion.name}
                errors={errorsUnder(errors, `exitCriteria.${index}.name`)}
                onChange={(text) => set({ name: text ?? "" })}
              />
              <RuleEditor
                value={criterion.rule}
                errors={errorsUnder(errors, `exitCriteria.${index}.rule`)}
                onChange={(rule) => set({ rule })}
              />
            </Stack>
          </Paper>
        );
      })}
      <Button
        variant="light"
        size="xs"
        w="fit-content"
        disabled={criteria.length >= 20}
        onClick={() =>
          onChange({
            ...value,
            exitCriteria: [
              ...criteria,
              {
                key: unusedKey(criteria.map((criterion) => criterion.key)),
                name: "",
                rule: newComparison(),
              },
            ],
          })
        }
      >
        {t("csSettings.phases.addCriterion")}
      </Button>
    </Stack>
  );
};
