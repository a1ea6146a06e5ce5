import { Button, Group, PasswordInput, Select, Stack, TextInput } from "@mantine/core";
import { hasLength, isEmail, useForm } from "@mantine/form";
import { type WorkspaceRole, workspaceRoles } from "@michi/core";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";
import type { UserInput } from "../users.queries";

type Values = { email: string; name: string; role: WorkspaceRole; password: string };
const FIELDS = ["email", "name", "role", "password"] as const;
const MIN_PASSWORD = 8;

type Props = {
  pending: boolean;
  error: unknown;
  onSubmit: (body: UserInput) => void;
  onCancel: () => void;
};

export const AddUserForm = ({ pending, error, onSubmit, onCancel }: Props) => {
  const { t } = useTranslation();
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: { email: "", name: "", role: "csm", password: "" },
    validate: {
      email: (value) => isEmail(t("users.emailInvalid"))(value.trim()),
      name: (value) =>
        value.trim()
          ? hasLength({ max: 200 }, t("common.tooLong", { max: 200 }))(value)
          : t("users.nameRequired"),
      password: (value) =>
        value && value.length < MIN_PASSWORD ? t("users.passwordTooShort") : null,
    },
  });
  const otherProblems = useServerErrors(form, error, FIELDS);
  const submit = form.onSubmit((values) =>
    onSubmit({
      email: values.email.trim(),
      name: values.name.trim(),
      role: values.role,
      ...(values.password ? { password: values.password } : {}),
    }),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={error} otherProblems={otherProblems} />
        <TextInput
          {...requiredField(t("users.name"))}
          data-autofocus
          key={form.key("name")}
          {...form.getInputProps("name")}
        />
        <TextInput
          {...requiredField(t("users.email"))}
          type="email"
          key={form.key("email")}
          {...form.getInputProps("email")}
        />
        <Select
          label={t("users.role")}
          data={workspaceRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          allowDeselect={false}
          key={form.key("role")}
          {...form.getInputProps("role")}
        />
        <PasswordInput
          visibilityToggleButtonProps={{ "aria-label": t("common.toggleVisibility") }}
          label={t("users.password")}
          description={t("users.passwordHint")}
          autoComplete="new-password"
          key={form.key("password")}
          {...form.getInputProps("password")}
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
