import { Button, Group, NumberInput, SimpleGrid, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { setFactors } from "../plan-edits";
import { numberOrUndefined } from "../plan-options";
import type { PlanEditor } from "../use-plan-editor";

export const factorTextNames = [
  "people",
  "money",
  "time",
  "quality",
  "dealStructure",
  "environment",
  "rivals",
  "externalThreats",
] as const;

/** 廟算八要素: what the plan starts from; people and time also as numbers, to check effort. */
export const FactorsForm = ({ editor, onDone }: { editor: PlanEditor; onDone: () => void }) => {
  const { t } = useTranslation();
  const factors = editor.document.pufu.factors ?? {};
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      ...Object.fromEntries(factorTextNames.map((name) => [name, factors[name] ?? ""])),
      headcount: (factors.headcount ?? "") as number | string,
      hoursPerWeekPerPerson: (factors.hoursPerWeekPerPerson ?? "") as number | string,
    } as Record<(typeof factorTextNames)[number], string> & {
      headcount: number | string;
      hoursPerWeekPerPerson: number | string;
    },
  });
  const submit = form.onSubmit((values) => {
    void editor.update(
      setFactors({
        ...Object.fromEntries(factorTextNames.map((name) => [name, values[name].trim()])),
        headcount: numberOrUndefined(values.headcount),
        hoursPerWeekPerPerson: numberOrUndefined(values.hoursPerWeekPerPerson),
      }),
    );
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {factorTextNames.map((name, index) => (
          <Textarea
            key={form.key(name)}
            label={t(`plans.factors.${name}`)}
            placeholder={t(`plans.guidance.${name}`)}
            autosize
            minRows={1}
            {...(index === 0 ? { "data-autofocus": true } : {})}
            {...form.getInputProps(name)}
          />
        ))}
        <SimpleGrid cols={2} spacing="sm">
          <NumberInput
            label={t("plans.factors.headcount")}
            min={0}
            key={form.key("headcount")}
            {...form.getInputProps("headcount")}
          />
          <NumberInput
            label={t("plans.factors.hoursPerWeekPerPerson")}
            min={0}
            step={0.5}
            key={form.key("hoursPerWeekPerPerson")}
            {...form.getInputProps("hoursPerWeekPerPerson")}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit">{t("plans.pufu.saveFactors")}</Button>
        </Group>
      </Stack>
    </form>
  );
};
