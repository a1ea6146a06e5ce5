import {
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import { type MeasureStatus, measureStatuses, type PlanMeasure } from "@michi/core";
import { useTranslation } from "react-i18next";
import { FormFooter } from "../../../components/form-footer";
import { requiredField } from "../../../lib/required-field";
import { nextKey, putMeasure } from "../plan-edits";
import { numberOrUndefined, objectiveOptions, teamOptions } from "../plan-options";
import type { PlanEditor } from "../use-plan-editor";

type Props = {
  editor: PlanEditor;
  measure?: PlanMeasure;
  onDone: (key?: string) => void;
  onDelete?: () => void;
};

/** Add or edit a measure (施策): an action, linked to the objectives it serves. */
export const MeasureForm = ({ editor, measure, onDone, onDelete }: Props) => {
  const { t } = useTranslation();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      title: measure?.title ?? "",
      description: measure?.description ?? "",
      objectiveKeys: measure?.objectiveKeys ?? [],
      ownerKey: measure?.ownerKey ?? null,
      effortHoursPerWeek: (measure?.effortHoursPerWeek ?? "") as number | string,
      status: (measure?.status ?? "planned") as MeasureStatus,
    },
    validate: {
      title: (value) =>
        value.trim()
          ? hasLength({ max: 200 }, t("common.tooLong", { max: 200 }))(value)
          : t("plans.pufu.titleRequired"),
    },
  });
  const submit = form.onSubmit((values) => {
    const key = measure?.key ?? nextKey(editor.document, "m");
    void editor.update(
      putMeasure({
        key,
        title: values.title.trim(),
        description: values.description.trim(),
        objectiveKeys: values.objectiveKeys,
        ownerKey: values.ownerKey ?? undefined,
        effortHoursPerWeek: numberOrUndefined(values.effortHoursPerWeek),
        status: values.status,
      }),
    );
    onDone(key);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          {...requiredField(t("plans.pufu.measureTitle"))}
          data-autofocus
          key={form.key("title")}
          {...form.getInputProps("title")}
        />
        <MultiSelect
          label={t("plans.pufu.measureObjectives")}
          description={t("plans.pufu.measureObjectivesHint")}
          data={objectiveOptions(editor.document)}
          nothingFoundMessage={t("plans.pufu.noObjectivesYet")}
          searchable
          clearable
          key={form.key("objectiveKeys")}
          {...form.getInputProps("objectiveKeys")}
        />
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label={t("plans.pufu.status")}
            data={measureStatuses.map((value) => ({
              value,
              label: t(`plans.measureStatus.${value}`),
            }))}
            allowDeselect={false}
            key={form.key("status")}
            {...form.getInputProps("status")}
          />
          <NumberInput
            label={t("plans.pufu.effortLabel")}
            min={0}
            step={0.5}
            decimalScale={1}
            key={form.key("effortHoursPerWeek")}
            {...form.getInputProps("effortHoursPerWeek")}
          />
        </SimpleGrid>
        <Select
          label={t("plans.pufu.owner")}
          data={teamOptions(editor.document)}
          nothingFoundMessage={t("plans.pufu.noTeamYet")}
          searchable
          clearable
          key={form.key("ownerKey")}
          {...form.getInputProps("ownerKey")}
        />
        <Textarea
          label={t("plans.pufu.description")}
          placeholder={t("plans.guidance.measureDescription")}
          autosize
          minRows={2}
          key={form.key("description")}
          {...form.getInputProps("description")}
        />
        <FormFooter
          onDelete={onDelete}
          deleteLabel={t("plans.pufu.deleteMeasure")}
          onCancel={() => onDone()}
          submitLabel={measure ? t("plans.pufu.saveMeasure") : t("common.add")}
        />
      </Stack>
    </form>
  );
};
