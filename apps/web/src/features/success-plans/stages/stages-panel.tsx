import {
  Badge,
  Button,
  Center,
  EmptyState,
  Group,
  Loader,
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
  closeStage,
  planKeys,
  planStagesQueryOptions,
  type Retrospective,
} from "../success-plans.queries";
import type { PlanEditor } from "../use-plan-editor";
import { RetrospectiveForm } from "./retrospective-form";
import { StageDiffSection } from "./stage-diff-section";
import { StageView } from "./stage-view";

type Props = {
  editor: PlanEditor;
  canWrite: boolean;
  viewing: number | null;
  onView: (stage: number | null) => void;
};

const directionColor = { closer: "teal", unchanged: "gray", further: "red" } as const;

/** 局面: close the current stage with a retrospective; past stages read-only; what changed between two. */
export const StagesPanel = ({ editor, canWrite, viewing, onView }: Props) => {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const planId = editor.plan.id;
  const stages = useQuery(planStagesQueryOptions(planId));
  const [closing, setClosing] = useState(false);
  const close = useMutation({
    mutationFn: (retrospective: Retrospective) => closeStage(planId, retrospective),
    onSuccess: async (closed) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.detail(planId) }),
        queryClient.invalidateQueries({ queryKey: planKeys.ofAccount(editor.plan.accountId) }),
      ]);
      notifications.show({
        color: "teal",
        message: t("plans.stages.closed", { stage: closed.number, next: closed.number + 1 }),
      });
      setClosing(false);
    },
  });

  if (viewing !== null) {
    return <StageView planId={planId} number={viewing} onBack={() => onView(null)} />;
  }
  const current = stages.data?.current ?? editor.plan.stage;
  const past = stages.data?.data ?? [];

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md" bg="var(--mantine-color-grape-0)">
        <Group justify="space-between" align="center">
          <div>
            <Title order={3} size="h4">
              {t("plans.stages.current", { number: current })}
            </Title>
            <Text size="sm" c="dimmed">
              {t("plans.stages.currentHint")}
            </Text>
          </div>
          {canWrite && !closing ? (
            <Button color="grape" onClick={() => setClosing(true)}>
              {t("plans.stages.close")}
            </Button>
          ) : null}
        </Group>
      </Paper>
      {closing ? (
        <Paper
          withBorder
          radius="md"
          p="md"
          component="section"
          aria-label={t("plans.stages.retroTitle")}
        >
          <Title order={3} size="h4" mb="sm">
            {t("plans.stages.retroTitle")}
          </Title>
          <RetrospectiveForm
            document={editor.document}
            stage={current}
            pending={close.isPending}
            error={close.error}
            onSubmit={(retrospective) => close.mutate(retrospective)}
            onCancel={() => {
              setClosing(false);
              close.reset();
            }}
          />
        </Paper>
      ) : null}
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t("plans.stages.past")}
        </Title>
        {stages.isPending ? (
          <Center py="md">
            <Loader size="sm" aria-label={t("common.loading")} />
          </Center>
        ) : stages.isError ? (
          <ApiErrorAlert error={stages.error} />
        ) : past.length === 0 ? (
          <EmptyState
            py="md"
            title={t("plans.stages.none")}
            description={t("plans.stages.noneDescription")}
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" aria-label={t("plans.stages.past")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("plans.stage")}</Table.Th>
                  <Table.Th>{t("plans.stages.closedAt")}</Table.Th>
                  <Table.Th>{t("plans.stages.closedBy")}</Table.Th>
                  <Table.Th>{t("plans.stages.objectives")}</Table.Th>
                  <Table.Th>{t("plans.stages.summary")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...past].reverse().map((stage) => (
                  <Table.Tr key={stage.number}>
                    <Table.Td fw={600}>{t("plans.stageNumber", { number: stage.number })}</Table.Td>
                    <Table.Td>{formatDateTime(stage.closedAt, i18n.language)}</Table.Td>
                    <Table.Td>{stage.closedBy.name}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {(["closer", "unchanged", "further"] as const).map((direction) => {
                          const count = stage.retrospective.objectives.filter(
                            (o) => o.direction === direction,
                          ).length;
                          return count > 0 ? (
                            <Badge
                              key={direction}
                              size="sm"
                              variant="light"
                              color={directionColor[direction]}
                            >
                              {t(`plans.direction.${direction}`)} {count}
                            </Badge>
                          ) : null;
                        })}
                      </Group>
                    </Table.Td>
                    <Table.Td maw={320}>
                      <Text size="sm" lineClamp={2}>
                        {stage.retrospective.summary ?? "—"}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="compact-sm"
                        variant="light"
                        aria-label={t("plans.stages.viewNamed", { number: stage.number })}
                        onClick={() => onView(stage.number)}
                      >
                        {t("plans.stages.view")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {past.length > 0 ? (
        <StageDiffSection
          planId={planId}
          version={editor.plan.version}
          stages={past.map((s) => s.number)}
        />
      ) : null}
    </Stack>
  );
};
