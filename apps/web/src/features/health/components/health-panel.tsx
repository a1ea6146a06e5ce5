import { Button, Group, Loader, Paper, SimpleGrid, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { useCan } from "../../auth/use-me";
import { PhaseSection } from "../../lifecycle/components/phase-section";
import { lifecycleKeys } from "../../lifecycle/lifecycle.queries";
import {
  accountHealthHistoryQueryOptions,
  accountHealthQueryOptions,
  accountMaturityQueryOptions,
  healthKeys,
  recomputeHealth,
} from "../health.queries";
import { ContributionsTable } from "./contributions-table";
import { HealthChange } from "./health-change";
import { HealthScore } from "./health-score";
import { HealthTrend } from "./health-trend";
import { MaturityCard } from "./maturity-card";
import { RatingsCard } from "./ratings-card";

type Props = { accountId: string };

/**
 * The account's Health tab: score and band under its scorecard, lifecycle
 * phase, trend, why (contributions), the CSM's ratings, maturity per product.
 */
export const HealthPanel = ({ accountId }: Props) => {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("ja") ? "ja" : "en";
  const canRecompute = useCan("manage-settings");
  const canWrite = useCan("write");
  const queryClient = useQueryClient();
  const health = useQuery(accountHealthQueryOptions(accountId));
  const history = useQuery(accountHealthHistoryQueryOptions(accountId));
  const maturity = useQuery(accountMaturityQueryOptions(accountId, lang));
  const recompute = useMutation({
    mutationFn: recomputeHealth,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: healthKeys.account(accountId) });
      void queryClient.invalidateQueries({ queryKey: healthKeys.maturity(accountId) });
      void queryClient.invalidateQueries({ queryKey: lifecycleKeys.phaseAll(accountId) });
      notifications.show({ color: "teal", message: t("health.recomputed") });
    },
  });

  if (health.isPending) return <Loader size="sm" aria-label={t("common.loading")} />;
  if (health.isError) return <ApiErrorAlert error={health.error} />;

  return (
    <Stack gap="lg">
      {canRecompute ? (
        <Group justify="flex-end">
          <Button variant="light" loading={recompute.isPending} onClick={() => recompute.mutate()}>
            {t("health.recompute")}
          </Button>
        </Group>
      ) : null}
      <ApiErrorAlert error={recompute.error} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Paper withBorder radius="md" p="md">
          <HealthScore health={health.data} />
        </Paper>
        <Paper withBorder radius="md" p="md">
          <PhaseSection accountId={accountId} canWrite={canWrite} />
        </Paper>
      </SimpleGrid>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t("health.trend")}
        </Title>
        {history.isPending ? <Loader size="sm" aria-label={t("common.loading")} /> : null}
        {history.isError ? <ApiErrorAlert error={history.error} /> : null}
        {history.data ? <HealthTrend history={history.data.data} /> : null}
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t("health.contributions")}
        </Title>
        <ContributionsTable
          contributions={health.data.contributions}
          scored={health.data.score !== null}
        />
      </Stack>
      {/* A churned account's "why" ends on its last day as a customer: the score's day. */}
      <HealthChange key={health.data.day} accountId={accountId} lastDay={health.data.day} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder radius="md" p="md">
          <RatingsCard accountId={accountId} canWrite={canWrite} />
        </Paper>
        <Paper withBorder radius="md" p="md">
          {maturity.isPending ? <Loader size="sm" aria-label={t("common.loading")} /> : null}
          {maturity.isError ? <ApiErrorAlert error={maturity.error} /> : null}
          {maturity.data ? <MaturityCard maturity={maturity.data} /> : null}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
};
