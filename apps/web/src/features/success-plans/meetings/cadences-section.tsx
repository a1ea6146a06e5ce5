import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { type MeetingAudience, meetingAudiences, type PlanMeetingCadence } from "@michi/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormFooter } from "../../../components/form-footer";
import { formatDate } from "../../../lib/format";
import { requiredField } from "../../../lib/required-field";
import { nextKey, putMeetingCadence, removeMeetingCadence } from "../plan-edits";
import { useFindingMessage } from "../plan-findings";
import type { PlanMeeting } from "../success-plans.queries";
import type { PlanEditor } from "../use-plan-editor";

const CadenceForm = ({
  cadence,
  onSubmit,
  onCancel,
  onDelete,
}: {
  cadence?: PlanMeetingCadence;
  onSubmit: (values: Omit<PlanMeetingCadence, "key">) => void;
  onCancel: () => void;
  onDelete?: () => void;
}) => {
  const { t } = useTranslation();
  const form = useForm({
    mode: "uncontrolled",
    initialValues: {
      name: cadence?.name ?? "",
      audience: (cadence?.audience ?? "users") as MeetingAudience,
      everyDays: (cadence?.everyDays ?? 7) as number | string,
    },
    validate: {
      name: (value) => (value.trim() ? null : t("plans.pufu.titleRequired")),
      everyDays: (value) =>
        Number(value) >= 1 && Number(value) <= 366 ? null : t("plans.meetings.everyDaysRange"),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        onSubmit({
          name: values.name.trim(),
          audience: values.audience,
          everyDays: Math.round(Number(values.everyDays)),
        }),
      )}
    >
      <Stack gap="sm">
        <TextInput
          {...requiredField(t("plans.meetings.cadenceName"))}
          data-autofocus
          key={form.key("name")}
          {...form.getInputProps("name")}
        />
        <Group grow>
          <Select
            label={t("plans.meetings.audience")}
            data={meetingAudiences.map((value) => ({ value, label: t(`plans.audience.${value}`) }))}
            allowDeselect={false}
            key={form.key("audience")}
            {...form.getInputProps("audience")}
          />
          <NumberInput
            label={t("plans.meetings.everyDays")}
            min={1}
            max={366}
            key={form.key("everyDays")}
            {...form.getInputProps("everyDays")}
          />
        </Group>
        <FormFooter
          onDelete={onDelete}
          deleteLabel={t("plans.meetings.deleteCadence")}
          onCancel={onCancel}
          submitLabel={cadence ? t("common.save") : t("plans.meetings.addCadence")}
        />
      </Stack>
    </form>
  );
};

/** 会議体: who meets how often; when each last met, and when it is due next. */
export const CadencesSection = ({
  editor,
  canWrite,
  meetings,
}: {
  editor: PlanEditor;
  canWrite: boolean;
  meetings: PlanMeeting[];
}) => {
  const { t, i18n } = useTranslation();
  const message = useFindingMessage();
  const cadences = editor.document.meetingCadences ?? [];
  const [editing, setEditing] = useState<{ cadence?: PlanMeetingCadence } | null>(null);
  const findings = editor.findings.filter((f) => f.code === "evaluator-not-met");
  const lastMet = (audience: MeetingAudience) =>
    meetings
      .filter((m) => m.audience === audience || m.audience === "all")
      .map((m) => m.date)
      .sort()
      .at(-1);
  const addDays = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t("plans.meetings.cadences")}
        </Title>
        {canWrite ? (
          <Button variant="light" onClick={() => setEditing({})}>
            {t("plans.meetings.addCadence")}
          </Button>
        ) : null}
      </Group>
      {findings.map((finding) => (
        <Alert
          key={finding.target}
          color="orange"
          variant="light"
          title={t("plans.severity.warning")}
        >
          {message(finding)}
        </Alert>
      ))}
      {cadences.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("plans.meetings.noCadences")}
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label={t("plans.meetings.cadences")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("plans.meetings.cadenceName")}</Table.Th>
              <Table.Th>{t("plans.meetings.audience")}</Table.Th>
              <Table.Th>{t("plans.meetings.every")}</Table.Th>
              <Table.Th>{t("plans.meetings.lastMet")}</Table.Th>
              <Table.Th>{t("plans.meetings.nextDue")}</Table.Th>
              {canWrite ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cadences.map((cadence) => {
              const last = lastMet(cadence.audience);
              const next = last ? addDays(last, cadence.everyDays) : null;
              return (
                <Table.Tr key={cadence.key}>
                  <Table.Td fw={600}>{cadence.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`plans.audience.${cadence.audience}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{t("plans.meetings.everyN", { count: cadence.everyDays })}</Table.Td>
                  <Table.Td>
                    {last ? formatDate(last, i18n.language) : t("plans.meetings.never")}
                  </Table.Td>
                  <Table.Td>
                    {next ? (
                      <Text
                        size="sm"
                        c={next < editor.today ? "red.7" : undefined}
                        fw={next < editor.today ? 700 : undefined}
                      >
                        {formatDate(next, i18n.language)}
                      </Text>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  {canWrite ? (
                    <Table.Td ta="right">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={t("plans.meetings.editNamed", { name: cadence.name })}
                        onClick={() => setEditing({ cadence })}
                      >
                        {t("common.edit")}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.cadence ? t("plans.meetings.editCadence") : t("plans.meetings.addCadence")}
      >
        {editing ? (
          <CadenceForm
            {...(editing.cadence
              ? {
                  cadence: editing.cadence,
                  onDelete: () => {
                    void editor.update(removeMeetingCadence(editing.cadence?.key ?? ""));
                    setEditing(null);
                  },
                }
              : {})}
            onCancel={() => setEditing(null)}
            onSubmit={(values) => {
              void editor.update(
                putMeetingCadence({
                  ...values,
                  key: editing.cadence?.key ?? nextKey(editor.document, "mc"),
                }),
              );
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
};
