import { MultiSelect, Stack, Textarea, TextInput } from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import type { PlanObjective } from "@michi/core";
import { useTranslation } from "react-i18next";
import { FormFooter } from "../../../components/form-footer";
import { requiredField } from "../../../lib/required-field";
import { nextKey, putObjective } from "../plan-edits";
import { kpiOptions } from "../plan-options";
import type { PlanEditor } from "../use-plan-editor";

type Props = {
  editor: PlanEditor;
  objective?: PlanObjective;
  onDone: (key?: string) => void;
  onDelete?: () => void;
};

/** Add or edit an intermediate objective: a state that must hold for the win condition. */
export const ObjectiveForm = ({ editor, objective, onDone, onDelete }: Props) => {
  const { t } = useTranslation();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      title: objective?.title ?? "",
      desiredState: objective?.desiredState ?? "",
      kpiKeys: objective?.kpiKeys ?? [],
    },
    validate: {
      title: (value) =>
        value.trim()
          ? hasLength({ max: 200 }, t("common.tooLong", { max: 200 }))(value)
          : t("plans.pufu.titleRequired"),
    },
  });
  const submit = form.onSubmit((values) => {
    const key = objective?.key ?? nextKey(editor.document, "o");
    void editor.update(
      putObjective({
        key,
        title: values.title.trim(),
        desiredState: values.desiredState.trim(),
        kpiKeys: values.kpiKeys,
      }),
    );
    onDone(key);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          {...requiredField(t("plans.pufu.objectiveTitle"))}
          data-autofocus
          key={form.key("title")}
          {...form.getInputProps("title")}
        />
        <Textarea
          label={t("plans.pufu.desiredState")}
          description={t("plans.pufu.desiredStateHint")}
          placeholder={t("plans.guidance.desiredState")}
          autosize
          minRows={2}
          key={form.key("desiredState")}
          {...form.getInputProps("desiredState")}
        />
        <MultiSelect
          label={t("plans.pufu.objectiveKpis")}
          data={kpiOptions(editor.document)}
          nothingFoundMessage={t("plans.pufu.noKpisYet")}
          searchable
          clearable
          key={form.key("kpiKeys")}
          {...form.getInputProps("kpiKeys")}
        />
        <FormFooter
          onDelete={onDelete}
          deleteLabel={t("plans.pufu.deleteObjective")}
          onCancel={() => onDone()}
          submitLabel={objective ? t("plans.pufu.saveObjective") : t("common.add")}
        />
      </Stack>
    </form>
  );
};
