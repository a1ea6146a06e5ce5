import { NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import {
  type KpiDirection,
  type KpiKind,
  kpiDirections,
  kpiKinds,
  type PlanKpi,
} from "@michi/core";
import { useTranslation } from "react-i18next";
import { DateField } from "../../../components/date-field";
import { FormFooter } from "../../../components/form-footer";
import { requiredField } from "../../../lib/required-field";
import { numberOrUndefined } from "../plan-options";

type Props = {
  kpi?: PlanKpi;
  onSubmit: (kpi: Omit<PlanKpi, "key" | "measurements">) => void;
  onCancel: () => void;
  onDelete?: () => void;
};

/** A KGI/KPI's definition: target level, evaluation method, data source, aggregation, baseline. */
export const KpiForm = ({ kpi, onSubmit, onCancel, onDelete }: Props) => {
  const { t } = useTranslation();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      kind: (kpi?.kind ?? "kpi") as KpiKind,
      name: kpi?.name ?? "",
      unit: kpi?.unit ?? "",
      direction: (kpi?.direction ?? "increase") as KpiDirection,
      baseline: (kpi?.baseline ?? "") as number | string,
      target: (kpi?.target ?? "") as number | string,
      dueDate: kpi?.dueDate ?? "",
      evaluationMethod: kpi?.evaluationMethod ?? "",
      dataSource: kpi?.dataSource ?? "",
      aggregation: kpi?.aggregation ?? "",
    },
    validate: {
      name: (value) =>
        value.trim()
          ? hasLength({ max: 200 }, t("common.tooLong", { max: 200 }))(value)
          : t("plans.kpis.nameRequired"),
    },
  });
  const submit = form.onSubmit((values) =>
    onSubmit({
      kind: values.kind,
      name: values.name.trim(),
      unit: values.unit.trim(),
      direction: values.direction,
      baseline: numberOrUndefined(values.baseline),
      target: numberOrUndefined(values.target),
      dueDate: values.dueDate || undefined,
      evaluationMethod: values.evaluationMethod.trim(),
      dataSource: values.dataSource.trim(),
      aggregation: values.aggregation.trim(),
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t("plans.kpis.kind")}
            data={kpiKinds.map((value) => ({ value, label: t(`plans.kpiKind.${value}`) }))}
            allowDeselect={false}
            key={form.key("kind")}
            {...form.getInputProps("kind")}
          />
          <TextInput
            {...requiredField(t("plans.kpis.name"))}
            data-autofocus
            key={form.key("name")}
            {...form.getInputProps("name")}
          />
          <TextInput
            label={t("plans.kpis.unit")}
            placeholder={t("plans.kpis.unitPlaceholder")}
            key={form.key("unit")}
            {...form.getInputProps("unit")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <NumberInput
            label={t("plans.kpis.baseline")}
            key={form.key("baseline")}
            {...form.getInputProps("baseline")}
          />
          <NumberInput
            label={t("plans.kpis.target")}
            key={form.key("target")}
            {...form.getInputProps("target")}
          />
          <Select
            label={t("plans.kpis.direction")}
            data={kpiDirections.map((value) => ({
              value,
              label: t(`plans.kpiDirection.${value}`),
            }))}
            allowDeselect={false}
            key={form.key("direction")}
            {...form.getInputProps("direction")}
          />
          <DateField
            label={t("plans.kpis.dueDate")}
            key={form.key("dueDate")}
            {...form.getInputProps("dueDate")}
          />
        </SimpleGrid>
        <Textarea
          label={t("plans.kpis.evaluationMethod")}
          placeholder={t("plans.guidance.evaluationMethod")}
          autosize
          minRows={2}
          key={form.key("evaluationMethod")}
          {...form.getInputProps("evaluationMethod")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("plans.kpis.dataSource")}
            placeholder={t("plans.guidance.dataSource")}
            key={form.key("dataSource")}
            {...form.getInputProps("dataSource")}
          />
          <TextInput
            label={t("plans.kpis.aggregation")}
            placeholder={t("plans.kpis.aggregationPlaceholder")}
            key={form.key("aggregation")}
            {...form.getInputProps("aggregation")}
          />
        </SimpleGrid>
        <FormFooter
          onDelete={onDelete}
          deleteLabel={t("plans.kpis.delete")}
          onCancel={onCancel}
          submitLabel={kpi ? t("plans.kpis.save") : t("plans.kpis.add")}
        />
      </Stack>
    </form>
  );
};
