import {
  Button,
  CloseButton,
  Group,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { todayInTokyo } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { DateField } from "../../../components/date-field";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { useServerErrors } from "../../../lib/use-server-errors";
import { useCan } from "../../auth/use-me";
import { contactsQueryOptions } from "../../contacts/contacts.queries";
import {
  createPlan,
  deleteTemplate,
  type PlanTemplate,
  planKeys,
  planTemplatesQueryOptions,
} from "../success-plans.queries";
import { type ContactChoice, CreatePlanTeam, chosenContacts } from "./create-plan-team";

type Props = {
  opened: boolean;
  accountId: string;
  onClose: () => void;
  onCreated: (planId: string) => void;
};

const EMPTY = "empty";

/** The period a new plan is offered: from today, six months (a success plan's usual first span). */
export const defaultPlanPeriod = (now: Date) => {
  const start = todayInTokyo(now);
  return { start, end: dayjs(start).add(6, "month").format("YYYY-MM-DD") };
};

type Values = { title: string; templateId: string; start: string; end: string };

/** A template's name and description in the UI language (built-ins carry both). */
export const templateText = (template: PlanTemplate, language: string) => {
  const localized = template.localized?.[language === "ja" ? "ja" : "en"];
  return {
    name: localized?.name ?? template.name,
    description: localized?.description ?? template.description ?? "",
  };
};

/** A new plan: empty, or from one of the workspace's templates. */
export const CreatePlanDialog = ({ opened, accountId, onClose, onCreated }: Props) => {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan("write");
  const templates = useQuery({ ...planTemplatesQueryOptions(), enabled: opened });
  const contacts = useQuery({ ...contactsQueryOptions(accountId), enabled: opened });
  const [choices, setChoices] = useState<Record<string, ContactChoice>>({});
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: { title: "", templateId: EMPTY, ...defaultPlanPeriod(new Date()) },
    validate: {
      start: (value) => (value ? null : t("plans.create.periodRequired")),
      end: (value, values) =>
        !value
          ? t("plans.create.periodRequired")
          : values.start && value <= values.start
            ? t("plans.create.periodEndAfterStart")
            : null,
    },
  });
  const create = useMutation({
    mutationFn: (values: Values) =>
      createPlan(accountId, {
        ...(values.title.trim() ? { title: values.title.trim() } : {}),
        ...(values.templateId !== EMPTY ? { templateId: values.templateId } : {}),
        period: { start: values.start, end: values.end },
        // Until the contacts are read, the server's default (every contact, as a user) stands.
        ...(contacts.data
          ? {
              contacts: chosenContacts(
                contacts.data.data.map((c) => c.id),
                choices,
              ),
            }
          : {}),
      }),
    onSuccess: (plan) => {
      queryClient.setQueryData(planKeys.detail(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: planKeys.ofAccount(accountId) });
      notifications.show({ color: "teal", message: t("plans.created") });
      close();
      onCreated(plan.id);
    },
  });
  const removeTemplate = useMutation({
    mutationFn: (id: string) => deleteTemplate(id),
    onSuccess: (_data, id) => {
      if (form.getValues().templateId === id) form.setFieldValue("templateId", EMPTY);
      void queryClient.invalidateQueries({ queryKey: planKeys.templates });
      notifications.show({ color: "teal", message: t("plans.templateDeleted") });
    },
  });
  const otherProblems = useServerErrors(
    form,
    create.error,
    ["title", "templateId", "start", "end"],
    { "period.start": "start", "period.end": "end" },
  );
  const close = () => {
    create.reset();
    form.reset();
    setChoices({});
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t("plans.createTitle")} size="lg">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <FormErrorAlert error={create.error} otherProblems={otherProblems} />
          <ApiErrorAlert error={removeTemplate.error} />
          <TextInput
            label={t("plans.title")}
            description={t("plans.titleHint")}
            data-autofocus
            key={form.key("title")}
            {...form.getInputProps("title")}
          />
          <div>
            <SimpleGrid cols={2} spacing="sm">
              <DateField
                label={t("plans.periodStart")}
                withAsterisk
                key={form.key("start")}
                {...form.getInputProps("start")}
              />
              <DateField
                label={t("plans.periodEnd")}
                withAsterisk
                key={form.key("end")}
                {...form.getInputProps("end")}
              />
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt={4}>
              {t("plans.create.periodHint")}
            </Text>
          </div>
          <Radio.Group
            label={t("plans.startFrom")}
            key={form.key("templateId")}
            {...form.getInputProps("templateId")}
          >
            <Stack gap="xs" mt="xs">
              <Radio.Card value={EMPTY} p="sm" radius="md">
                <Group wrap="nowrap" align="flex-start">
                  <Radio.Indicator />
                  <div>
                    <Text fw={600} size="sm">
                      {t("plans.emptyPlan")}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t("plans.emptyPlanHint")}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
              {(templates.data?.data ?? []).map((template) => {
                const text = templateText(template, i18n.language);
                return (
                  <Group key={template.id} wrap="nowrap" gap="xs" align="center">
                    <Radio.Card value={template.id} p="sm" radius="md" flex={1}>
                      <Group wrap="nowrap" align="flex-start">
                        <Radio.Indicator />
                        <div style={{ flex: 1 }}>
                          <Text fw={600} size="sm">
                            {text.name}
                            {template.builtIn ? ` · ${t("plans.builtIn")}` : ""}
                          </Text>
                          {text.description ? (
                            <Text size="xs" c="dimmed">
                              {text.description}
                            </Text>
                          ) : null}
                        </div>
                      </Group>
                    </Radio.Card>
                    {!template.builtIn && canWrite ? (
                      <CloseButton
                        aria-label={t("plans.deleteTemplateNamed", { name: text.name })}
                        disabled={removeTemplate.isPending}
                        onClick={() => removeTemplate.mutate(template.id)}
                      />
                    ) : null}
                  </Group>
                );
              })}
            </Stack>
          </Radio.Group>
          <CreatePlanTeam
            accountId={accountId}
            enabled={opened}
            choices={choices}
            onChoose={(contactId, choice) =>
              setChoices((current) => ({ ...current, [contactId]: choice }))
            }
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("common.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
