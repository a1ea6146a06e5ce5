import { Button, Group, Stack, TextInput } from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";

const FIELDS = ["name"] as const;

type Props = {
  pending: boolean;
  error: unknown;
  onSubmit: (name: string) => void;
  onCancel: () => void;
};

export const CreateApiKeyForm = ({ pending, error, onSubmit, onCancel }: Props) => {
  const { t } = useTranslation();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { name: "" },
    validate: {
      name: (value) =>
        value.trim()
          ? hasLength({ max: 100 }, t("common.tooLong", { max: 100 }))(value)
          : t("apiKeys.nameRequired"),
    },
  });
  const otherProblems = useServerErrors(form, error, FIELDS);
  return (
    <form onSubmit={form.onSubmit((values) => onSubmit(values.name.trim()))} noValidate>
      <Stack>
        <FormErrorAlert error={error} otherProblems={otherProblems} />
        <TextInput
          {...requiredField(t("apiKeys.name"))}
          placeholder={t("apiKeys.namePlaceholder")}
          data-autofocus
          key={form.key("name")}
          {...form.getInputProps("name")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={pending}>
            {t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
