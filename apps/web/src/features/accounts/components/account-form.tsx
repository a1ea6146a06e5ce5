import {
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import { type TouchModel, touchModels } from "@michi/core";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";
import { useAccountPicklists } from "../../cs-settings/use-account-picklists";
import type { Account, AccountInput } from "../accounts.queries";
import { useOwners } from "../use-owners";

type Values = {
  name: string;
  nameKana: string;
  externalId: string;
  industry: string;
  segment: string;
  ownerUserId: string | null;
  touchModel: TouchModel | null;
  profile: { persona: string; challenges: string; successFactors: string };
};

const FIELDS = [
  "name",
  "nameKana",
  "externalId",
  "industry",
  "segment",
  "ownerUserId",
  "touchModel",
  "profile.persona",
  "profile.challenges",
  "profile.successFactors",
] as const;

const valuesOf = (account?: Account): Values => ({
  name: account?.name ?? "",
  nameKana: account?.nameKana ?? "",
  externalId: account?.externalId ?? "",
  industry: account?.industry ?? "",
  segment: account?.segment ?? "",
  ownerUserId: account?.ownerUserId ?? null,
  touchModel: account?.touchModel ?? null,
  profile: {
    persona: account?.profile.persona ?? "",
    challenges: account?.profile.challenges ?? "",
    successFactors: account?.profile.successFactors ?? "",
  },
});

const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** Empty texts become null (cleared); profile keeps only what was written. */
const bodyOf = (values: Values): AccountInput => {
  const profile = Object.fromEntries(
    Object.entries(values.profile)
      .map(([key, text]) => [key, text.trim()] as const)
      .filter(([, text]) => text !== ""),
  );
  return {
    name: values.name.trim(),
    nameKana: orNull(values.nameKana),
    externalId: orNull(values.externalId),
    industry: orNull(values.industry),
    segment: orNull(values.segment),
    ownerUserId: values.ownerUserId,
    touchModel: values.touchModel,
    profile,
  };
};

type Props = {
  account?: Account;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (body: AccountInput) => void;
  onCancel: () => void;
};

export const AccountForm = ({
  account,
  pending,
  error,
  submitLabel,
  onSubmit,
  onCancel,
}: Props) => {
  const { t } = useTranslation();
  const owners = useOwners();
  const picklists = useAccountPicklists();
  const maxLength = (max: number) => hasLength({ max }, t("common.tooLong", { max }));
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: valuesOf(account),
    validate: {
      name: (value) => (!value.trim() ? t("accounts.nameRequired") : maxLength(200)(value)),
      nameKana: maxLength(200),
      externalId: maxLength(200),
      industry: maxLength(100),
      segment: maxLength(100),
      profile: {
        persona: maxLength(4000),
        challenges: maxLength(4000),
        successFactors: maxLength(4000),
      },
    },
  });
  const otherProblems = useServerErrors(form, error, FIELDS);

  return (
    <form onSubmit={form.onSubmit((values) => onSubmit(bodyOf(values)))} noValidate>
      <Stack>
        <FormErrorAlert error={error} otherProblems={otherProblems} />
        <TextInput
          {...requiredField(t("accounts.name"))}
          data-autofocus
          key={form.key("name")}
          {...form.getInputProps("name")}
        />
        <TextInput
          label={t("accounts.nameKana")}
          description={t("accounts.nameKanaHint")}
          key={form.key("nameKana")}
          {...form.getInputProps("nameKana")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("accounts.externalId")}
            key={form.key("externalId")}
            {...form.getInputProps("externalId")}
          />
          {(["industry", "segment"] as const).map((field) => {
            const choices = picklists.choices(field);
            const label = t(`accounts.${field}`);
            if (choices.length === 0) {
              return (
                <TextInput key={form.key(field)} label={label} {...form.getInputProps(field)} />
              );
            }
            // A value stored before the list changed stays choosable, under its value.
            const stored = account?.[field];
            const data =
              stored && !choices.some((choice) => choice.value === stored)
                ? [...choices, { value: stored, label: stored }]
                : choices;
            return (
              <Select
                key={form.key(field)}
                label={label}
                data={data}
                clearable
                searchable
                {...form.getInputProps(field)}
                onChange={(value) => form.setFieldValue(field, value ?? "")}
              />
            );
          })}
          <Select
            label={t("touchModel.label")}
            data={touchModels.map((value) => ({ value, label: t(`touchModel.${value}`) }))}
            clearable
            key={form.key("touchModel")}
            {...form.getInputProps("touchModel")}
          />
          <Select
            label={t("accounts.owner")}
            data={owners.options}
            searchable
            clearable
            nothingFoundMessage={t("common.none")}
            key={form.key("ownerUserId")}
            {...form.getInputProps("ownerUserId")}
          />
        </SimpleGrid>
        <Title order={3} size="h5" mt="xs">
          {t("accounts.profile")}
        </Title>
        <Textarea
          label={t("accounts.persona")}
          description={t("accounts.personaHint")}
          autosize
          minRows={2}
          key={form.key("profile.persona")}
          {...form.getInputProps("profile.persona")}
        />
        <Textarea
          label={t("accounts.challenges")}
          autosize
          minRows={2}
          key={form.key("profile.challenges")}
          {...form.getInputProps("profile.challenges")}
        />
        <Textarea
          label={t("accounts.successFactors")}
          autosize
          minRows={2}
          key={form.key("profile.successFactors")}
          {...form.getInputProps("profile.successFactors")}
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
