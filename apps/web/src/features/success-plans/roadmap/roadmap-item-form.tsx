import { MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import {
  type PlanDocument,
  type PlanRoadmapItem,
  type RoadmapItemStatus,
  roadmapItemStatuses,
} from "@michi/core";
import { useTranslation } from "react-i18next";
import { DateField } from "../../../components/date-field";
import { FormFooter } from "../../../components/form-footer";
import { requiredField } from "../../../lib/required-field";
import { kpiOptions } from "../plan-options";

type Props = {
  document: PlanDocument;
  item?: PlanRoadmapItem;
  onSubmit: (item: Omit<PlanRoadmapItem, "key">) => void;
  onCancel: () => void;
  onDelete?: () => void;
};

const ranks = ["1", "2", "3", "4", "5"];

/** An improvement roadmap item: which process, why, how, and how much it should change. */
export const RoadmapItemForm = ({ document: doc, item, onSubmit, onCancel, onDelete }: Props) => {
  const { t } = useTranslation();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      process: item?.process ?? "",
      purpose: item?.purpose ?? "",
      how: item?.how ?? "",
      howMuch: item?.howMuch ?? "",
      impact: item?.impact ? String(item.impact) : null,
      difficulty: item?.difficulty ? String(item.difficulty) : null,
      status: (item?.status ?? "planned") as RoadmapItemStatus,
      startDate: item?.startDate ?? "",
      kpiKeys: item?.kpiKeys ?? [],
    },
    validate: {
      process: (value) =>
        value.trim()
          ? hasLength({ max: 200 }, t("common.tooLong", { max: 200 }))(value)
          : t("plans.roadmap.processRequired"),
    },
  });
  const submit = form.onSubmit((values) =>
    onSubmit({
      process: values.process.trim(),
      purpose: values.purpose.trim(),
      how: values.how.trim(),
      howMuch: values.howMuch.trim(),
      impact: values.impact ? Number(values.impact) : undefined,
      difficulty: values.difficulty ? Number(values.difficulty) : undefined,
      status: values.status,
      startDate: values.startDate || undefined,
      kpiKeys: values.kpiKeys,
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          {...requiredField(t("plans.roadmap.process"))}
          data-autofocus
          key={form.key("process")}
          {...form.getInputProps("process")}
        />
        <Textarea
          label={t("plans.roadmap.purpose")}
          placeholder={t("plans.guidance.roadmapPurpose")}
          autosize
          minRows={1}
          key={form.key("purpose")}
          {...form.getInputProps("purpose")}
        />
        <Textarea
          label={t("plans.roadmap.how")}
          placeholder={t("plans.guidance.roadmapHow")}
          autosize
          minRows={1}
          key={form.key("how")}
          {...form.getInputProps("how")}
        />
        <TextInput
          label={t("plans.roadmap.howMuch")}
          placeholder={t("plans.roadmap.howMuchPlaceholder")}
          key={form.key("howMuch")}
          {...form.getInputProps("howMuch")}
        />
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Select
            label={t("plans.roadmap.impact")}
            data={ranks}
            clearable
            key={form.key("impact")}
            {...form.getInputProps("impact")}
          />
          <Select
            label={t("plans.roadmap.difficulty")}
            data={ranks}
            clearable
            key={form.key("difficulty")}
            {...form.getInputProps("difficulty")}
          />
          <Select
            label={t("plans.roadmap.status")}
            data={roadmapItemStatuses.map((value) => ({
              value,
              label: t(`plans.measureStatus.${value}`),
            }))}
            allowDeselect={false}
            key={form.key("status")}
            {...form.getInputProps("status")}
          />
          <DateField
            label={t("plans.roadmap.startDate")}
            key={form.key("startDate")}
            {...form.getInputProps("startDate")}
          />
        </SimpleGrid>
        <MultiSelect
          label={t("plans.roadmap.kpis")}
          data={kpiOptions(doc)}
          nothingFoundMessage={t("plans.pufu.noKpisYet")}
          searchable
          clearable
          key={form.key("kpiKeys")}
          {...form.getInputProps("kpiKeys")}
        />
        <FormFooter
          onDelete={onDelete}
          deleteLabel={t("plans.roadmap.delete")}
          onCancel={onCancel}
          submitLabel={item ? t("plans.roadmap.save") : t("plans.roadmap.add")}
        />
      </Stack>
    </form>
  );
};
