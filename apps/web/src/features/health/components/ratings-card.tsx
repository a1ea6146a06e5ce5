import {
  Badge,
  Button,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatDateTime } from "../../../lib/format";
import {
  accountRatingsQueryOptions,
  healthKeys,
  type RatingInput,
  type RatingMeasure,
  rateAccount,
} from "../health.queries";
import { RatingForm } from "./rating-form";

type Props = { accountId: string; canWrite: boolean };

const scaleWords = (measure: RatingMeasure | undefined, rating: number) =>
  measure?.scale?.[rating - 1] ?? null;

/** The CSM's ratings of the qualitative measures: the latest of each with its comment, and all before. */
export const RatingsCard = ({ accountId, canWrite }: Props) => {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("ja") ? "ja" : "en";
  const queryClient = useQueryClient();
  const ratings = useQuery(accountRatingsQueryOptions(accountId, lang));
  const [rating, setRating] = useState<RatingMeasure | null>(null);
  const rate = useMutation({
    mutationFn: (body: RatingInput) => rateAccount(accountId, body),
    onSuccess: (health) => {
      queryClient.setQueryData(healthKeys.account(accountId), health);
      // Ratings, history and the change explanation all moved with the score.
      void queryClient.invalidateQueries({ queryKey: healthKeys.account(accountId) });
      notifications.show({ color: "teal", message: t("ratings.saved") });
      setRating(null);
    },
  });

  if (ratings.isPending) return <Loader size="sm" aria-label={t("common.loading")} />;
  if (ratings.isError) return <ApiErrorAlert error={ratings.error} />;
  const { measures, history } = ratings.data;
  const measureOf = (key: string) => measures.find((measure) => measure.key === key);

  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t("ratings.title")}
      </Title>
      {measures.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("ratings.noMeasures")}
        </Text>
      ) : null}
      {measures.map((measure) => (
        <Paper key={measure.key} withBorder radius="md" p="sm">
          <Stack gap={4}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Text fw={600}>{measure.name}</Text>
              {canWrite ? (
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => {
                    rate.reset();
                    setRating(measure);
                  }}
                  aria-label={t("ratings.rateMeasure", { name: measure.name })}
                >
                  {t("ratings.rate")}
                </Button>
              ) : null}
            </Group>
            {measure.latest ? (
              <>
                <Group gap="xs">
                  <Badge variant="filled" color="indigo">
                    {t("ratings.outOf", { rating: measure.latest.rating })}
                  </Badge>
                  <Text size="sm">{scaleWords(measure, measure.latest.rating)}</Text>
                </Group>
                {measure.latest.comment ? (
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {measure.latest.comment}
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed">
                  {t("ratings.ratedBy", {
                    name: measure.latest.ratedBy?.name ?? t("ratings.someone"),
                    at: formatDateTime(measure.latest.ratedAt, i18n.language),
                  })}
                </Text>
              </>
            ) : (
              <Group gap="xs">
                <Badge variant="light" color="gray" data-testid="not-rated">
                  {t("health.notRated")}
                </Badge>
              </Group>
            )}
          </Stack>
        </Paper>
      ))}

      {history.length > 0 ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t("ratings.historyCaption")}
          </Text>
          <List size="sm" spacing={6} listStyleType="none" aria-label={t("ratings.historyCaption")}>
            {history.map((row) => (
              <List.Item key={`${row.measure}-${row.ratedAt}`}>
                <Text size="sm">
                  {t("ratings.historyLine", {
                    measure: measureOf(row.measure)?.name ?? row.measure,
                    rating: row.rating,
                  })}
                </Text>
                {row.comment ? (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                    {row.comment}
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed">
                  {t("ratings.ratedBy", {
                    name: row.ratedBy?.name ?? t("ratings.someone"),
                    at: formatDateTime(row.ratedAt, i18n.language),
                  })}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : null}

      <Modal
        opened={rating !== null}
        onClose={() => setRating(null)}
        title={rating ? t("ratings.formTitle", { name: rating.name }) : ""}
        size="lg"
      >
        {rating ? (
          <RatingForm
            measure={rating}
            pending={rate.isPending}
            error={rate.error}
            onSubmit={(body) => rate.mutate(body)}
            onCancel={() => setRating(null)}
          />
        ) : null}
      </Modal>
    </Stack>
  );
};
