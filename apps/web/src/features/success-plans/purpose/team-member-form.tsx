import { SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { isEmail, useForm } from "@mantine/form";
import { type PlanRole, type PlanSide, type PlanTeamMember, planRolesBySide } from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormFooter } from "../../../components/form-footer";
import { requiredField } from "../../../lib/required-field";
import { contactsQueryOptions } from "../../contacts/contacts.queries";
import { usersQueryOptions } from "../../users/users.queries";

type Props = {
  accountId: string;
  member?: PlanTeamMember;
  onSubmit: (member: Omit<PlanTeamMember, "key">) => void;
  onCancel: () => void;
  onDelete?: () => void;
};

/**
 * A person in the project team: a contact of the account or a workspace user
 * (picked, which fills name, title and email, so the server links them), or a
 * name typed in.
 */
export const TeamMemberForm = ({ accountId, member, onSubmit, onCancel, onDelete }: Props) => {
  const { t } = useTranslation();
  const contacts = useQuery(contactsQueryOptions(accountId));
  const users = useQuery(usersQueryOptions());
  const form = useForm({
    mode: "controlled",
    initialValues: {
      side: (member?.side ?? "customer") as PlanSide,
      role: (member?.role ?? "promoter") as PlanRole,
      name: member?.name ?? "",
      title: member?.title ?? "",
      email: member?.email ?? "",
    },
    validate: {
      name: (value) => (value.trim() ? null : t("plans.team.nameRequired")),
      email: (value) => (value.trim() ? isEmail(t("contacts.emailInvalid"))(value.trim()) : null),
    },
  });
  const side = form.values.side;
  const people =
    side === "customer"
      ? (contacts.data?.data ?? []).map((c) => ({
          value: `c:${c.id}`,
          label: c.name,
          name: c.name,
          title: c.title ?? "",
          email: c.email ?? "",
        }))
      : (users.data?.data ?? []).map((u) => ({
          value: `u:${u.userId}`,
          label: u.name || u.email,
          name: u.name || u.email,
          title: "",
          email: u.email,
        }));

  const submit = form.onSubmit((values) =>
    onSubmit({
      side: values.side,
      role: values.role,
      name: values.name.trim(),
      title: values.title.trim() || undefined,
      email: values.email.trim() || undefined,
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="team-side-label">
            {t("plans.team.side")}
          </Text>
          <SegmentedControl
            aria-labelledby="team-side-label"
            data={[
              { value: "customer", label: t("plans.team.customer") },
              { value: "vendor", label: t("plans.team.vendor") },
            ]}
            value={side}
            onChange={(value) => {
              const next = value === "vendor" ? "vendor" : "customer";
              form.setFieldValue("side", next);
              form.setFieldValue("role", planRolesBySide[next][0] ?? "other");
            }}
          />
        </Stack>
        <Select
          label={side === "customer" ? t("plans.team.pickContact") : t("plans.team.pickUser")}
          description={t("plans.team.pickHint")}
          data={people.map(({ value, label }) => ({ value, label }))}
          searchable
          clearable
          value={null}
          nothingFoundMessage={t("plans.team.nobody")}
          onChange={(value) => {
            const person = people.find((p) => p.value === value);
            if (!person) return;
            form.setFieldValue("name", person.name);
            form.setFieldValue("title", person.title);
            form.setFieldValue("email", person.email);
          }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput {...requiredField(t("plans.team.name"))} {...form.getInputProps("name")} />
          <Select
            label={t("plans.team.role")}
            data={planRolesBySide[side].map((role) => ({
              value: role,
              label: t(`plans.role.${role}`),
            }))}
            allowDeselect={false}
            {...form.getInputProps("role")}
          />
          <TextInput label={t("plans.team.jobTitle")} {...form.getInputProps("title")} />
          <TextInput label={t("plans.team.email")} type="email" {...form.getInputProps("email")} />
        </SimpleGrid>
        <FormFooter
          onDelete={onDelete}
          deleteLabel={t("plans.team.remove")}
          onCancel={onCancel}
          submitLabel={member ? t("plans.team.save") : t("plans.team.add")}
        />
      </Stack>
    </form>
  );
};
