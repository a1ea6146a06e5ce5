import {
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { useServerErrors } from "../../../lib/use-server-errors";
import { addNote, type InteractionInput, logInteraction, timelineKeys } from "../timeline.queries";
import { insertToken, MentionPicker } from "./mention-picker";

type LoggedKind = "note" | "call" | "meeting";
type Values = { kind: LoggedKind; subject: string; body: string; occurredAt: string };
type Logged = { kind: "note"; body: string } | InteractionInput;

const FIELDS = ["kind", "subject", "body", "occurredAt"];
const MAX_BODY = 20_000;

/** A datetime-local input's value ("YYYY-MM-DDTHH:mm", local time) for a moment. */
const localInputValue = (date: Date) => {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

type Props = {
  accountId: string;
  opened: boolean;
  onClose: () => void;
  /** Called once it is logged, after the timeline has been told. */
  onLogged?: () => void;
  /** What the form starts as (default: a call). */
  initialKind?: LoggedKind;
};

/**
 * Log a call or a meeting, or add a note, on an account's timeline: the
 * account page uses it, and the work queue can (it needs only the
 * account's id).
 */
export const LogInteractionModal = ({
  accountId,
  opened,
  onClose,
  onLogged,
  initialKind = "call",
}: Props) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const log = useMutation({
    mutationFn: (json: Logged) =>
      json.kind === "note" ? addNote(accountId, json.body) : logInteraction(accountId, json),
    onSuccess: (_item, json) => {
      void queryClient.invalidateQueries({ queryKey: timelineKeys.ofAccount(accountId) });
      notifications.show({
        color: "teal",
        message: t(json.kind === "note" ? "timeline.posted" : "timeline.logged"),
      });
      onLogged?.();
      onClose();
    },
  });
  const close = () => {
    log.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t("timeline.logTitle")} centered size="lg">
      {opened ? (
        <LogInteractionForm
          initialKind={initialKind}
          pending={log.isPending}
          error={log.error}
          onSubmit={(json) => log.mutate(json)}
          onCancel={close}
        />
      ) : null}
    </Modal>
  );
};

const LogInteractionForm = ({
  initialKind,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initialKind: LoggedKind;
  pending: boolean;
  error: unknown;
  onSubmit: (json: Logged) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      kind: initialKind,
      subject: "",
      body: "",
      occurredAt: localInputValue(new Date()),
    },
    validate: {
      subject: (value) => (value.length > 300 ? t("common.tooLong", { max: 300 }) : null),
      body: (value, values) =>
        value.length > MAX_BODY
          ? t("common.tooLong", { max: MAX_BODY })
          : value.trim() !== ""
            ? null
            : values.kind === "note"
              ? t("timeline.bodyRequired")
              : values.subject.trim() === ""
                ? t("timeline.subjectOrBody")
                : null,
      occurredAt: (value, values) => {
        if (values.kind === "note") return null;
        const when = new Date(value);
        if (!value || Number.isNaN(when.getTime())) return t("common.required");
        return when.getTime() > Date.now() + 5 * 60_000 ? t("timeline.occurredAtInFuture") : null;
      },
    },
  });
  const otherProblems = useServerErrors(form, error, FIELDS);
  const submit = form.onSubmit((values) =>
    onSubmit(
      values.kind === "note"
        ? { kind: "note", body: values.body }
        : {
            kind: values.kind,
            body: values.body,
            ...(values.subject.trim() ? { subject: values.subject.trim() } : {}),
            occurredAt: new Date(values.occurredAt).toISOString(),
          },
    ),
  );
  const isNote = form.values.kind === "note";
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={error} otherProblems={otherProblems} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="log-interaction-kind">
            {t("timeline.interactionKind")}
          </Text>
          <SegmentedControl
            aria-labelledby="log-interaction-kind"
            data={[
              { value: "note", label: t("timeline.kindNote") },
              { value: "call", label: t("timeline.kindCall") },
              { value: "meeting", label: t("timeline.kindMeeting") },
            ]}
            {...form.getInputProps("kind")}
          />
        </Stack>
        {isNote ? null : (
          <>
            <TextInput
              label={t("timeline.subject")}
              data-autofocus
              {...form.getInputProps("subject")}
            />
            <TextInput
              type="datetime-local"
              label={t("timeline.occurredAt")}
              {...form.getInputProps("occurredAt")}
            />
          </>
        )}
        <Textarea
          label={t("timeline.body")}
          description={t("timeline.plainTextHint")}
          autosize
          minRows={3}
          maxRows={10}
          {...form.getInputProps("body")}
        />
        <Group justify="space-between">
          <MentionPicker
            onPick={(token) => form.setFieldValue("body", insertToken(form.values.body, token))}
          />
          <Group gap="xs">
            <Button variant="default" onClick={onCancel} disabled={pending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={pending}>
              {t("timeline.log")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
};
