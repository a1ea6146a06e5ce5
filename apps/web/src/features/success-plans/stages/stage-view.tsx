import {
  Badge,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { checkPlan, todayInTokyo } from "@michi/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatDateTime } from "../../../lib/format";
import { PufuCanvas } from "../pufu/pufu-canvas";
import { buildPufuGraph } from "../pufu/pufu-graph";
import { layoutPufu } from "../pufu/pufu-layout";
import { planStageQueryOptions } from "../success-plans.queries";
import { usePlanCheckOptions } from "../use-plan-check-options";

const directionColor = { closer: "teal", unchanged: "gray", further: "red" } as const;

/** A closed stage, read-only: the map as it was, and the retrospective that closed it. */
export const StageView = ({
  planId,
  number,
  onBack,
}: {
  planId: string;
  number: number;
  onBack: () => void;
}) => {
  const { t, i18n } = useTranslation();
  const stage = useQuery(planStageQueryOptions(planId, number));
  // The map as it stood when the stage closed: KPI progress and findings as of that day.
  const closedOn = stage.data ? todayInTokyo(new Date(stage.data.closedAt)) : undefined;
  const checkOptions = usePlanCheckOptions(planId, closedOn);
  const graph = useMemo(() => {
    if (!stage.data) return null;
    const findings = checkPlan(stage.data.document, checkOptions);
    return buildPufuGraph(stage.data.document, findings, { asOf: checkOptions.today });
  }, [stage.data, checkOptions]);
  const positions = useMemo(() => (graph ? layoutPufu(graph) : {}), [graph]);
  if (stage.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (stage.isError) return <ApiErrorAlert error={stage.error} />;
  const { document: doc, retrospective } = stage.data;
  const titleOf = (key: string) => doc.pufu.objectives?.find((o) => o.key === key)?.title ?? key;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={3} size="h4">
            {t("plans.stages.viewTitle", { number })}
          </Title>
          <Text size="sm" c="dimmed">
            {t("plans.stages.viewSubtitle", {
              opened: formatDateTime(stage.data.openedAt, i18n.language),
              closed: formatDateTime(stage.data.closedAt, i18n.language),
              name: stage.data.closedBy.name,
            })}
          </Text>
        </div>
        <Button variant="default" onClick={onBack}>
          {t("plans.stages.backToStages")}
        </Button>
      </Group>
      <Badge color="gray" variant="light" w="fit-content">
        {t("plans.stages.readOnly")}
      </Badge>
      {graph ? (
        <Box h={560} role="region" aria-label={t("plans.stages.mapOf", { number })}>
          <PufuCanvas graph={graph} positions={positions} readOnly />
        </Box>
      ) : null}
      <Paper
        withBorder
        radius="md"
        p="md"
        component="section"
        aria-label={t("plans.stages.retroTitle")}
      >
        <Title order={4} size="h5" mb="sm">
          {t("plans.stages.retroTitle")}
        </Title>
        {retrospective.summary ? (
          <Text size="sm" mb="md" style={{ whiteSpace: "pre-wrap" }}>
            {retrospective.summary}
          </Text>
        ) : null}
        <Stack gap="sm">
          {retrospective.objectives.map((review) => (
            <Paper key={review.key} withBorder p="sm" radius="sm">
              <Group gap="xs" mb={4}>
                <Badge color={directionColor[review.direction]} variant="light">
                  {t(`plans.direction.${review.direction}`)}
                </Badge>
                <Text fw={600} size="sm">
                  {titleOf(review.key)}
                </Text>
              </Group>
              <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
                {(["held", "didNotHold", "changesNext"] as const).map((field) => (
                  <div key={field}>
                    <Text size="xs" fw={700} c="dimmed">
                      {t(`plans.stages.${field}`)}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                      {review[field] ?? "—"}
                    </Text>
                  </div>
                ))}
              </SimpleGrid>
            </Paper>
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
};
