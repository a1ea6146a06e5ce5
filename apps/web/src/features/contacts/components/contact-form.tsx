import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { hasLength, isEmail, useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";
import type { Contact, ContactInput } from "../contacts.queries";

type Values = {
  name: string;
  email: string;
  title: string;
  department: string;
  externalId: string;
  notes: string;
};

const FIELDS = ["name", "email", "title", "department", "externalId", "notes"] as const;

const orNull = (text: string) => (text.trim() ? text.trim() : null);

type Props = {
  contact?: Contact;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (body: ContactInput) => void;
  onCancel: () => void;
};

export const ContactForm = ({
  contact,
  pending,
  error,
  submitLabel,
  onSubmit,
  onCancel,
}: Props) => {
  const { t } = useTranslation();
  const maxLength = (max: number) => hasLength({ max }, t("common.tooLong", { max }));
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: {
      name: contact?.name ?? "",
      email: contact?.email ?? "",
      title: contact?.title ?? "",
      department: contact?.department ?? "",
      externalId: contact?.externalId ?? "",
      notes: contact?.notes ?? "",
    },
    validate: {
      name: (value) => (value.trim() ? maxLength(200)(value) : t("contacts.nameRequired")),
      email: (value) => (value.trim() ? isEmail(t("contacts.emailInvalid"))(value.trim()) : null),
      title: maxLength(200),
      department: maxLength(200),
      externalId: maxLength(200),
      notes: maxLength(10_000),
    },
  });
  const otherProblems = useServerErrors(form, error, FIELDS);
  const submit = form.onSubmit((values) =>
    onSubmit({
      name: values.name.trim(),
      email: orNull(values.email),
      title: orNull(values.title),
      department: orNull(values.department),
      externalId: orNull(values.externalId),
      notes: orNull(values.notes),
    }),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={error} otherProblems={otherProblems} />
        <TextInput
          {...requiredField(t("contacts.name"))}
          data-autofocus
          key={form.key("name")}
          {...form.getInputProps("name")}
        />
        <TextInput
          label={t("contacts.email")}
          type="email"
          key={form.key("email")}
          {...form.getInputProps("email")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("contacts.jobTitle")}
            key={form.key("title")}
            {...form.getInputProps("title")}
          />
          <TextInput
            label={t("contacts.department")}
            key={form.key("department")}
            {...form.getInputProps("department")}
          />
        </SimpleGrid>
        <TextInput
          label={t("contacts.externalId")}
          key={form.key("externalId")}
          {...form.getInputProps("externalId")}
        />
        <Textarea
          label={t("contacts.notes")}
          autosize
          minRows={2}
          key={form.key("notes")}
          {...form.getInputProps("notes")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
