import { Button, Checkbox, Group, Stack, Textarea, TextInput } from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";
import { eventTypeKey, type WebhookEventType, type WebhookInput } from "../webhooks.queries";

type Values = { url: string; description: string; eventTypes: WebhookEventType[] };
const FIELDS = ["url", "description", "eventTypes"] as const;

type Props = {
  /** Every type a subscription may name (from the list's answer). */
  eventTypes: readonly WebhookEventType[];
  initial?: Values;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: WebhookInput) => void;
  onCancel: () => void;
};

const isHttpUrl = (value: string) => {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** Create or edit a subscription: URL, event types, description. */
export const WebhookForm = ({
  eventTypes,
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: Props) => {
  const { t } = useTranslation();
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: initial ?? { url: "", description: "", eventTypes: [] },
    validate: {
      url: (value) =>
        !value.trim()
          ? t("webhooks.urlRequired")
          : isHttpUrl(value.trim())
            ? null
            : t("webhooks.urlInvalid"),
      eventTypes: (value) => (value.length === 0 ? t("webhooks.eventTypesRequired") : null),
      description: hasLength({ max: 500 }, t("common.tooLong", { max: 500 })),
    },
  });
  const otherProblems = useServerErrors(form, error, FIELDS);
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        onSubmit({
          url: values.url.trim(),
          description: values.description.trim(),
          // In the list's order, whatever order they were ticked in.
          eventTypes: eventTypes.filter((type) => values.eventTypes.includes(type)),
        }),
      )}
      noValidate
    >
      <Stack>
        <FormErrorAlert error={error} otherProblems={otherProblems} />
        <TextInput
          {...requiredField(t("webhooks.url"))}
          placeholder="https://example.com/michi/webhooks"
          description={t("webhooks.urlHint")}
          data-autofocus
          key={form.key("url")}
          {...form.getInputProps("url")}
        />
        <Checkbox.Group
          label={t("webhooks.eventTypesLabel")}
          withAsterisk
          key={form.key("eventTypes")}
          {...form.getInputProps("eventTypes")}
        >
          <Stack gap={6} mt="xs">
            {eventTypes.map((type) => (
              <Checkbox key={type} value={type} label={t(eventTypeKey(type))} description={type} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea
          label={t("webhooks.descriptionLabel")}
          autosize
          minRows={2}
          key={form.key("description")}
          {...form.getInputProps("description")}
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
