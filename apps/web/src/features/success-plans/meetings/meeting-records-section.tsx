import {
  Accordion,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { type MeetingAudience, meetingAudiences } from "@michi/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { DateField } from "../../../components/date-field";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { formatDate } from "../../../lib/format";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";
import {
  type PlanMeeting,
  type PlanMeetingInput,
  planKeys,
  recordMeeting,
} from "../success-plans.queries";

type Props = { planId: string; today: string; canWrite: boolean; meetings: PlanMeeting[] };

/** 議事録: meetings held, with what was decided. */
export const MeetingRecordsSection = ({ planId, today, canWrite, meetings }: Props) => {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      date: today,
      audience: "users" as MeetingAudience,
      title: "",
      notes: "",
      decisions: "",
    },
    validate: { title: (value) => (value.trim() ? null : t("plans.pufu.titleRequired")) },
  });
  const record = useMutation({
    mutationFn: (input: PlanMeetingInput) => recordMeeting(planId, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKeys.meetings(planId) });
      void queryClient.invalidateQueries({ queryKey: planKeys.detail(planId) });
      notifications.show({ color: "teal", message: t("plans.meetings.recorded") });
      form.reset();
    },
  });
  const otherProblems = useServerErrors(form, record.error, [
    "date",
    "audience",
    "title",
    "notes",
    "decisions",
  ]);
  const submit = form.onSubmit((values) =>
    record.mutate({
      date: values.date,
      audience: values.audience,
      title: values.title.trim(),
      ...(values.notes.trim() ? { notes: values.notes.trim() } : {}),
      ...(values.decisions.trim() ? { decisions: values.decisions.trim() } : {}),
    }),
  );

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t("plans.meetings.records")}
      </Title>
      {canWrite ? (
        <Paper
          withBorder
          radius="md"
          p="sm"
          component="form"
          onSubmit={submit}
          noValidate
          aria-label={t("plans.meetings.record")}
        >
          <Stack gap="sm">
            <FormErrorAlert error={record.error} otherProblems={otherProblems} />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <DateField
                {...requiredField(t("plans.meetings.date"))}
                key={form.key("date")}
                {...form.getInputProps("date")}
              />
              <Select
                label={t("plans.meetings.audience")}
                data={meetingAudiences.map((value) => ({
                  value,
                  label: t(`plans.audience.${value}`),
                }))}
                allowDeselect={false}
                key={form.key("audience")}
                {...form.getInputProps("audience")}
              />
              <TextInput
                {...requiredField(t("plans.meetings.meetingTitle"))}
                key={form.key("title")}
                {...form.getInputProps("title")}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Textarea
                label={t("plans.meetings.notes")}
                autosize
                minRows={2}
                key={form.key("notes")}
                {...form.getInputProps("notes")}
              />
              <Textarea
                label={t("plans.meetings.decisions")}
                autosize
                minRows={2}
                key={form.key("decisions")}
                {...form.getInputProps("decisions")}
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button type="submit" loading={record.isPending}>
                {t("plans.meetings.record")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}
      {meetings.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("plans.meetings.noRecords")}
        </Text>
      ) : (
        <Accordion variant="separated" radius="md">
          {meetings.map((meeting) => (
            <Accordion.Item key={meeting.id} value={meeting.id}>
              <Accordion.Control>
                <Group gap="sm">
                  <Text size="sm" c="dimmed" w={110}>
                    {formatDate(meeting.date, i18n.language)}
                  </Text>
                  <Badge variant="light" size="sm">
                    {t(`plans.audience.${meeting.audience}`)}
                  </Badge>
                  <Text size="sm" fw={600}>
                    {meeting.title}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                  <div>
                    <Text size="xs" fw={700} c="dimmed">
                      {t("plans.meetings.notes")}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                      {meeting.notes ?? "—"}
                    </Text>
                  </div>
                  <div>
                    <Text size="xs" fw={700} c="dimmed">
                      {t("plans.meetings.decisions")}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                      {meeting.decisions ?? "—"}
                    </Text>
                  </div>
                </SimpleGrid>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
};
