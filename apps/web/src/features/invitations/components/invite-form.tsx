import { Button, Group, Select, Stack, TextInput } from "@mantine/core";
import { isEmail, useForm } from "@mantine/form";
import type { WorkspaceRole } from "@michi/core";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";
import type { InvitationInput } from "../invitations.queries";

type Values = { email: string; role: WorkspaceRole };
const FIELDS = ["email", "role"] as const;

type Props = {
  /** The roles the user may invite as: their own and those below it. */
  roles: readonly WorkspaceRole[];
  pending: boolean;
  error: unknown;
  onSubmit: (input: InvitationInput) => void;
  onCancel: () => void;
};

export const InviteForm = ({ roles, pending, error, onSubmit, onCancel }: Props) => {
  const { t } = useTranslation();
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: { email: "", role: roles.includes("csm") ? "csm" : (roles.at(-1) ?? "viewer") },
    validate: { email: (value) => isEmail(t("users.emailInvalid"))(value.trim()) },
  });
  const otherProblems = useServerErrors(form, error, FIELDS);
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        onSubmit({ email: values.email.trim(), role: values.role }),
      )}
      noValidate
    >
      <Stack>
        <FormErrorAlert error={error} otherProblems={otherProblems} />
        <TextInput
          {...requiredField(t("users.email"))}
          type="email"
          data-autofocus
          key={form.key("email")}
          {...form.getInputProps("email")}
        />
        <Select
          label={t("users.role")}
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
            {t("invitations.send")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
