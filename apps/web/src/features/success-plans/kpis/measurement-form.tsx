import { Button, Group, NumberInput, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { DateField } from "../../../components/date-field";
import { requiredField } from "../../../lib/required-field";
import type { MeasurementInput } from "../success-plans.queries";

type Props = {
  today: string;
  unit: string | undefined;
  pending: boolean;
  onSubmit: (input: MeasurementInput) => Promise<unknown>;
};

/** Adds a dated value to a KPI. */
export const MeasurementForm = ({ today, unit, pending, onSubmit }: Props) => {
  const { t } = useTranslation();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { date: today, value: "" as number | string, note: "" },
    validate: {
      date: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : t("plans.kpis.dateRequired")),
      value: (value) =>
        value === "" || Number.isNaN(Number(value)) ? t("plans.kpis.valueRequired") : null,
    },
  });
  const submit = form.onSubmit(async (values) => {
    await onSubmit({
      date: values.date,
      value: Number(values.value),
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    });
    form.setFieldValue("value", "");
    form.setFieldValue("note", "");
  });
  return (
    <form onSubmit={submit} noValidate aria-label={t("plans.kpis.addMeasurement")}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <DateField
          {...requiredField(t("plans.kpis.measurementDate"))}
          w={160}
          key={form.key("date")}
          {...form.getInputProps("date")}
        />
        <NumberInput
          {...requiredField(t("plans.kpis.measurementValue"))}
          {...(unit ? { rightSection: unit, rightSectionWidth: 40 } : {})}
          w={140}
          key={form.key("value")}
          {...form.getInputProps("value")}
        />
        <TextInput
          label={t("plans.kpis.measurementNote")}
          flex={1}
          miw={160}
          key={form.key("note")}
          {...form.getInputProps("note")}
        />
        <Button type="submit" loading={pending}>
          {t("plans.kpis.addMeasurement")}
        </Button>
      </Group>
    </form>
  );
};
