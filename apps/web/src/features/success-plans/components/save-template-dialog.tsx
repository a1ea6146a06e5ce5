import { Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";
import { planKeys, saveAsTemplate } from "../success-plans.queries";

type Props = { opened: boolean; planId: string; defaultName: string; onClose: () => void };

/** Saves the plan as a workspace template (without account, dates, measurements and emails). */
export const SaveTemplateDialog = ({ opened, planId, defaultName, onClose }: Props) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { name: defaultName, description: "" },
    validate: { name: (value) => (value.trim() ? null : t("plans.templateNameRequired")) },
  });
  const save = useMutation({
    mutationFn: (values: { name: string; description: string }) =>
      saveAsTemplate({
        planId,
        name: values.name.trim(),
        ...(values.description.trim() ? { description: values.description.trim() } : {}),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: planKeys.templates });
      notifications.show({ color: "teal", message: t("plans.templateSaved") });
      close();
    },
  });
  const otherProblems = useServerErrors(form, save.error, ["name", "description"]);
  const close = () => {
    save.reset();
    form.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t("plans.saveAsTemplate")}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <FormErrorAlert error={save.error} otherProblems={otherProblems} />
          <TextInput
            {...requiredField(t("plans.templateName"))}
            data-autofocus
            key={form.key("name")}
            {...form.getInputProps("name")}
          />
          <Textarea
            label={t("plans.templateDescription")}
            autosize
            minRows={2}
            key={form.key("description")}
            {...form.getInputProps("description")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
