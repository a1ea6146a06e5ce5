import { MultiSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { PlanDocument, PlanMilestone } from "@michi/core";
import { useTranslation } from "react-i18next";
import { DateField } from "../../../components/date-field";
import { FormFooter } from "../../../components/form-footer";
import { requiredField } from "../../../lib/required-field";
import { objectiveOptions } from "../plan-options";

type Props = {
  document: PlanDocument;
  milestone?: PlanMilestone;
  onSubmit: (milestone: Omit<PlanMilestone, "key">) => void;
  onCancel: () => void;
  onDelete?: () => void;
};

/** A dated checkpoint, and the objectives it shows progress on. */
export const MilestoneForm = ({
  document: doc,
  milestone,
  onSubmit,
  onCancel,
  onDelete,
}: Props) => {
  const { t } = useTranslation();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      title: milestone?.title ?? "",
      dueDate: milestone?.dueDate ?? "",
      doneDate: milestone?.doneDate ?? "",
      objectiveKeys: milestone?.objectiveKeys ?? [],
    },
    validate: { title: (value) => (value.trim() ? null : t("plans.pufu.titleRequired")) },
  });
  const submit = form.onSubmit((values) =>
    onSubmit({
      title: values.title.trim(),
      dueDate: values.dueDate || undefined,
      doneDate: values.doneDate || undefined,
      objectiveKeys: values.objectiveKeys,
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          {...requiredField(t("plans.milestones.name"))}
          data-autofocus
          key={form.key("title")}
          {...form.getInputProps("title")}
        />
        <SimpleGrid cols={2} spacing="sm">
          <DateField
            label={t("plans.milestones.dueDate")}
            key={form.key("dueDate")}
            {...form.getInputProps("dueDate")}
          />
          <DateField
            label={t("plans.milestones.doneDate")}
            key={form.key("doneDate")}
            {...form.getInputProps("doneDate")}
          />
        </SimpleGrid>
        <MultiSelect
          label={t("plans.milestones.objectives")}
          data={objectiveOptions(doc)}
          nothingFoundMessage={t("plans.pufu.noObjectivesYet")}
          searchable
          clearable
          key={form.key("objectiveKeys")}
          {...form.getInputProps("objectiveKeys")}
        />
        <FormFooter
          onDelete={onDelete}
          deleteLabel={t("plans.milestones.delete")}
          onCancel={onCancel}
          submitLabel={milestone ? t("plans.milestones.save") : t("plans.milestones.add")}
        />
      </Stack>
    </form>
  );
};
