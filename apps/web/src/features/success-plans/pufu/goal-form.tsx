import { Button, Group, MultiSelect, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { PlanDocument } from "@michi/core";
import { useTranslation } from "react-i18next";
import { setGoal } from "../plan-edits";
import { kpiOptions } from "../plan-options";
import type { PlanEditor } from "../use-plan-editor";

type Props = { editor: PlanEditor; onDone: () => void };

/** 獲得目標 and 勝利条件, with the KGI/KPIs that tell the win condition is met. */
export const GoalForm = ({ editor, onDone }: Props) => {
  const { t } = useTranslation();
  const doc: PlanDocument = editor.document;
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      goal: doc.pufu.goal,
      winCondition: doc.pufu.winCondition.text,
      kpiKeys: doc.pufu.winCondition.kpiKeys ?? [],
    },
  });
  const submit = form.onSubmit((values) => {
    void editor.update(
      setGoal(values.goal.trim(), { text: values.winCondition.trim(), kpiKeys: values.kpiKeys }),
    );
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Textarea
          label={t("plans.pufu.goal")}
          description={t("plans.pufu.goalHint")}
          autosize
          minRows={2}
          data-autofocus
          key={form.key("goal")}
          {...form.getInputProps("goal")}
        />
        <Textarea
          label={t("plans.pufu.winCondition")}
          description={t("plans.pufu.winConditionHint")}
          autosize
          minRows={2}
          key={form.key("winCondition")}
          {...form.getInputProps("winCondition")}
        />
        <MultiSelect
          label={t("plans.pufu.winConditionKpis")}
          description={t("plans.pufu.winConditionKpisHint")}
          data={kpiOptions(doc)}
          nothingFoundMessage={t("plans.pufu.noKpisYet")}
          searchable
          clearable
          key={form.key("kpiKeys")}
          {...form.getInputProps("kpiKeys")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit">{t("plans.pufu.saveGoal")}</Button>
        </Group>
      </Stack>
    </form>
  );
};
