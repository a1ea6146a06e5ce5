import { Button, Group, Select, Stack, TextInput } from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import { defaultApiKeyRole, type WorkspaceRole } from "@michi/core";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";
import type { ApiKeyInput } from "../api-keys.queries";

type Values = { name: string; role: WorkspaceRole };
const FIELDS = ["name", "role"] as const;

type Props = {
  /** The roles the user may give a key: their own and those below it. */
  roles: readonly WorkspaceRole[];
  pending: boolean;
  error: unknown;
  onSubmit: (input: ApiKeyInput) => void;
  onCancel: () => void;
};

export const CreateApiKeyForm = ({ roles, pending, error, onSubmit, onCancel }: Props) => {
  const { t } = useTranslation();
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: { name: "", role: defaultApiKeyRole },
    validate: {
      name: (value) =>
        value.trim()
          ? hasLength({ max: 100 }, t("common.tooLong", { max: 100 }))(value)
          : t("apiKeys.nameRequired"),
    },
  });
  const otherProblems = useServerErrors(form, error, FIELDS);
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        onSubmit({ name: values.name.trim(), role: values.role }),
      )}
      noValidate
    >
      <Stack>
        <FormErrorAlert error={error} otherProblems={otherProblems} />
        <TextInput
          {...requiredField(t("apiKeys.name"))}
          placeholder={t("apiKeys.namePlaceholder")}
          data-autofocus
          key={form.key("name")}
          {...form.getInputProps("name")}
        />
        <Select
          label={t("apiKeys.role")}
          description={t("apiKeys.roleHint")}
          data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          allowDeselect={false}
          key={form.key("role")}
          {...form.getInputProps("role")}
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
