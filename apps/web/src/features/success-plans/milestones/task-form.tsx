import { Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { type PlanDocument, type PlanTask, type TaskStatus, taskStatuses } from "@michi/core";
import { useTranslation } from "react-i18next";
import { DateField } from "../../../components/date-field";
import { FormFooter } from "../../../components/form-footer";
import { requiredField } from "../../../lib/required-field";
import { measureOptions, milestoneOptions, teamOptions } from "../plan-options";

type Props = {
  document: PlanDocument;
  task?: PlanTask;
  onSubmit: (task: Omit<PlanTask, "key">) => void;
  onCancel: () => void;
  onDelete?: () => void;
};

/** Work with an owner from the team (either side), a due date, linked to a measure or milestone. */
export const TaskForm = ({ document: doc, task, onSubmit, onCancel, onDelete }: Props) => {
  const { t } = useTranslation();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      title: task?.title ?? "",
      ownerKey: task?.ownerKey ?? null,
      dueDate: task?.dueDate ?? "",
      status: (task?.status ?? "todo") as TaskStatus,
      measureKey: task?.measureKey ?? null,
      milestoneKey: task?.milestoneKey ?? null,
    },
    validate: { title: (value) => (value.trim() ? null : t("plans.pufu.titleRequired")) },
  });
  const submit = form.onSubmit((values) =>
    onSubmit({
      title: values.title.trim(),
      ownerKey: values.ownerKey ?? undefined,
      dueDate: values.dueDate || undefined,
      status: values.status,
      measureKey: values.measureKey ?? undefined,
      milestoneKey: values.milestoneKey ?? undefined,
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          {...requiredField(t("plans.tasks.title"))}
          data-autofocus
          key={form.key("title")}
          {...form.getInputProps("title")}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t("plans.tasks.owner")}
            data={teamOptions(doc)}
            nothingFoundMessage={t("plans.pufu.noTeamYet")}
            searchable
            clearable
            key={form.key("ownerKey")}
            {...form.getInputProps("ownerKey")}
          />
          <DateField
            label={t("plans.tasks.dueDate")}
            key={form.key("dueDate")}
            {...form.getInputProps("dueDate")}
          />
          <Select
            label={t("plans.tasks.status")}
            data={taskStatuses.map((value) => ({ value, label: t(`plans.taskStatus.${value}`) }))}
            allowDeselect={false}
            key={form.key("status")}
            {...form.getInputProps("status")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("plans.tasks.measure")}
            data={measureOptions(doc)}
            searchable
            clearable
            key={form.key("measureKey")}
            {...form.getInputProps("measureKey")}
          />
          <Select
            label={t("plans.tasks.milestone")}
            data={milestoneOptions(doc)}
            searchable
            clearable
            key={form.key("milestoneKey")}
            {...form.getInputProps("milestoneKey")}
          />
        </SimpleGrid>
        <FormFooter
          onDelete={onDelete}
          deleteLabel={t("plans.tasks.delete")}
          onCancel={onCancel}
          submitLabel={task ? t("plans.tasks.save") : t("plans.tasks.add")}
        />
      </Stack>
    </form>
  );
};
