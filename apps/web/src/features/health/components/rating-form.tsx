import { Button, Group, Radio, Stack, Text, Textarea } from "@mantine/core";
import { hasLength, useForm } from "@mantine/form";
import { HEALTH_RATING_MAX, HEALTH_RATING_MIN } from "@michi/core";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { useServerErrors } from "../../../lib/use-server-errors";
import type { RatingInput, RatingMeasure } from "../health.queries";

const FIELDS = ["rating", "comment"] as const;
const COMMENT_MAX = 2000;

const steps = Array.from(
  { length: HEALTH_RATING_MAX - HEALTH_RATING_MIN + 1 },
  (_, index) => HEALTH_RATING_MIN + index,
);

type Values = { rating: string; comment: string };

type Props = {
  measure: RatingMeasure;
  pending: boolean;
  error: unknown;
  onSubmit: (body: RatingInput) => void;
  onCancel: () => void;
};

/** A CSM's rating of one qualitative measure: 1–5 (each with the scale's words) and why. */
export const RatingForm = ({ measure, pending, error, onSubmit, onCancel }: Props) => {
  const { t } = useTranslation();
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: {
      rating: measure.latest ? String(measure.latest.rating) : "",
      comment: "",
    },
    validate: {
      rating: (value) => (steps.includes(Number(value)) ? null : t("ratings.ratingRequired")),
      comment: hasLength({ max: COMMENT_MAX }, t("common.tooLong", { max: COMMENT_MAX })),
    },
  });
  const otherProblems = useServerErrors(form, error, FIELDS);

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        onSubmit({
          measure: measure.key,
          rating: Number(values.rating),
          comment: values.comment.trim(),
        }),
      )}
    >
      <Stack>
        <FormErrorAlert error={error} otherProblems={otherProblems} />
        {measure.description ? (
          <Text size="sm" c="dimmed">
            {measure.description}
          </Text>
        ) : null}
        <Radio.Group
          label={t("ratings.rating")}
          withAsterisk
          key={form.key("rating")}
          {...form.getInputProps("rating")}
        >
          <Stack gap="xs" mt="xs">
            {steps.map((step) => {
              const words = measure.scale?.[step - HEALTH_RATING_MIN];
              return (
                <Radio
                  key={step}
                  value={String(step)}
                  label={words ? `${step} — ${words}` : String(step)}
                />
              );
            })}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t("ratings.comment")}
          description={t("ratings.commentHint")}
          autosize
          minRows={3}
          key={form.key("comment")}
          {...form.getInputProps("comment")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={pending}>
            {t("ratings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
