import { Box, Button, Grid, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { linkMeasure, removeMeasure, removeObjective, unlinkMeasure } from "../plan-edits";
import type { PlanEditor } from "../use-plan-editor";
import { FactorsForm } from "./factors-form";
import { GoalForm } from "./goal-form";
import { MeasureForm } from "./measure-form";
import { ObjectiveForm } from "./objective-form";
import { PufuCanvas } from "./pufu-canvas";
import { buildPufuGraph, FACTORS_ID, GOAL_ID, WIN_CONDITION_ID } from "./pufu-graph";
import { layoutPufu } from "./pufu-layout";
import { PufuOutline } from "./pufu-outline";

type Props = {
  editor: PlanEditor;
  canWrite: boolean;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
};

type Adding = "objective" | "measure" | null;

/** The プ譜 tab: the map, and beside it forms that do everything the map does. */
export const PufuPanel = ({ editor, canWrite, selectedId, onSelect }: Props) => {
  const { t } = useTranslation();
  const { document: doc, findings, plan } = editor;
  const [adding, setAdding] = useState<Adding>(null);
  const [deleting, setDeleting] = useState<{
    kind: "objective" | "measure";
    key: string;
    title: string;
  } | null>(null);
  const graph = useMemo(
    () => buildPufuGraph(doc, findings, { asOf: editor.today }),
    [doc, findings, editor.today],
  );
  const positions = useMemo(() => layoutPufu(graph, plan.layout), [graph, plan.layout]);
  const objective = doc.pufu.objectives?.find((o) => o.key === selectedId);
  const measure = doc.pufu.measures?.find((m) => m.key === selectedId);

  const select = (id: string | null) => {
    setAdding(null);
    onSelect(id);
  };
  const done = (key?: string) => {
    setAdding(null);
    onSelect(key ?? null);
  };

  const editorBody = () => {
    if (!canWrite) return null;
    if (adding === "objective")
      return <ObjectiveForm key="new-objective" editor={editor} onDone={done} />;
    if (adding === "measure")
      return <MeasureForm key="new-measure" editor={editor} onDone={done} />;
    if (selectedId === GOAL_ID || selectedId === WIN_CONDITION_ID) {
      return (
        <GoalForm
          key={`goal:${JSON.stringify([doc.pufu.goal, doc.pufu.winCondition])}`}
          editor={editor}
          onDone={() => select(null)}
        />
      );
    }
    if (selectedId === FACTORS_ID)
      return (
        <FactorsForm
          key={`factors:${JSON.stringify(doc.pufu.factors ?? {})}`}
          editor={editor}
          onDone={() => select(null)}
        />
      );
    if (objective) {
      return (
        <ObjectiveForm
          // A change made elsewhere (the map, another person) reopens the form with it.
          key={`${objective.key}:${JSON.stringify(objective)}`}
          editor={editor}
          objective={objective}
          onDone={() => select(null)}
          onDelete={() =>
            setDeleting({ kind: "objective", key: objective.key, title: objective.title })
          }
        />
      );
    }
    if (measure) {
      return (
        <MeasureForm
          key={`${measure.key}:${JSON.stringify(measure)}`}
          editor={editor}
          measure={measure}
          onDone={() => select(null)}
          onDelete={() => setDeleting({ kind: "measure", key: measure.key, title: measure.title })}
        />
      );
    }
    return null;
  };
  const formTitle =
    adding === "objective"
      ? t("plans.pufu.newObjective")
      : adding === "measure"
        ? t("plans.pufu.newMeasure")
        : selectedId === GOAL_ID || selectedId === WIN_CONDITION_ID
          ? t("plans.pufu.editGoal")
          : selectedId === FACTORS_ID
            ? t("plans.pufu.editFactors")
            : objective
              ? t("plans.pufu.editObjective")
              : measure
                ? t("plans.pufu.editMeasure")
                : null;
  const body = editorBody();

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 8, xl: 9 }}>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {canWrite ? t("plans.pufu.canvasHint") : t("plans.pufu.canvasHintReadOnly")}
            </Text>
            {canWrite && Object.keys(plan.layout).length > 0 ? (
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() =>
                  editor.savePositions(
                    Object.fromEntries(Object.keys(plan.layout).map((key) => [key, null])),
                  )
                }
              >
                {t("plans.pufu.resetLayout")}
              </Button>
            ) : null}
          </Group>
          <Box
            h={{ base: 520, lg: "max(640px, calc(100vh - 260px))" }}
            role="region"
            aria-label={t("plans.pufu.mapLabel")}
          >
            <PufuCanvas
              graph={graph}
              positions={positions}
              selectedId={selectedId}
              readOnly={!canWrite}
              onSelect={select}
              onMove={editor.savePositions}
              onLink={(m, o) => void editor.update(linkMeasure(m, o))}
              onUnlink={(m, o) => void editor.update(unlinkMeasure(m, o))}
            />
          </Box>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4, xl: 3 }}>
        <Stack gap="md">
          {canWrite ? (
            <Group gap="xs" grow>
              <Button
                variant="light"
                onClick={() => {
                  onSelect(null);
                  setAdding("objective");
                }}
              >
                {t("plans.pufu.addObjective")}
              </Button>
              <Button
                variant="light"
                onClick={() => {
                  onSelect(null);
                  setAdding("measure");
                }}
              >
                {t("plans.pufu.addMeasure")}
              </Button>
            </Group>
          ) : null}
          {body && formTitle ? (
            <Paper withBorder p="md" radius="md" component="section" aria-label={formTitle}>
              <Title order={3} size="h5" mb="sm">
                {formTitle}
              </Title>
              {body}
            </Paper>
          ) : null}
          <PufuOutline graph={graph} selectedId={selectedId} onSelect={select} />
        </Stack>
      </Grid.Col>
      <ConfirmDialog
        opened={deleting !== null}
        title={
          deleting?.kind === "objective"
            ? t("plans.pufu.deleteObjectiveTitle")
            : t("plans.pufu.deleteMeasureTitle")
        }
        message={t("plans.pufu.deleteBody", { name: deleting?.title ?? "" })}
        confirmLabel={t("common.delete")}
        onConfirm={() => {
          if (deleting) {
            void editor.update(
              deleting.kind === "objective"
                ? removeObjective(deleting.key)
                : removeMeasure(deleting.key),
            );
          }
          setDeleting(null);
          select(null);
        }}
        onClose={() => setDeleting(null)}
      />
    </Grid>
  );
};
