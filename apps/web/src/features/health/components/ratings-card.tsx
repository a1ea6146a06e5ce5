import {
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
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
      void queryClient.invalidateQueries({ queryKey: healthKeys.ratingsAll(accountId) });
      void queryClient.invalidateQueries({ queryKey: healthKeys.historyAll(accountId) });
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
              <Text size="sm" c="dimmed">
                {t("ratings.notRated")}
              </Text>
            )}
          </Stack>
        </Paper>
      ))}

      {history.length > 0 ? (
        <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Caption>{t("ratings.historyCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("ratings.ratedAt")}</Table.Th>
                <Table.Th>{t("ratings.measure")}</Table.Th>
                <Table.Th ta="right">{t("ratings.rating")}</Table.Th>
                <Table.Th>{t("ratings.comment")}</Table.Th>
                <Table.Th>{t("ratings.by")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.map((row) => (
                <Table.Tr key={`${row.measure}-${row.ratedAt}`}>
                  <Table.Td>{formatDateTime(row.ratedAt, i18n.language)}</Table.Td>
                  <Table.Td>{measureOf(row.measure)?.name ?? row.measure}</Table.Td>
                  <Table.Td ta="right">{row.rating}</Table.Td>
                  <Table.Td style={{ whiteSpace: "pre-wrap" }}>{row.comment}</Table.Td>
                  <Table.Td>{row.ratedBy?.name ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
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
