import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { localizeText, type Phase, type PhaseMode, phasesSchema } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { ButtonLink } from "../../../components/button-link";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { QueryView } from "../../../components/query-view";
import { useCan } from "../../auth/use-me";
import {
  csSettingsKeys,
  type PhasesAnswer,
  phasesQueryOptions,
  savePhases,
} from "../cs-settings.queries";
import { normaliseTexts, uiLanguage } from "../display-text";
import { apiErrorsToErrors, errorsUnder, issuesToErrors } from "../schema-errors";
import { moveItem } from "../scorecard-drafts";
import { PhaseForm } from "./phase-form";
import { PhaseTable } from "./phase-table";

export const PhasesPanel = () => {
  const phases = useQuery(phasesQueryOptions());
  return <QueryView query={phases}>{(answer) => <PhasesEditor answer={answer} />}</QueryView>;
};

const newPhase = (taken: readonly string[], name: string): Phase => {
  let n = taken.length + 1;
  while (taken.includes(`phase-${n}`)) n += 1;
  return { key: `phase-${n}`, name, exitCriteria: [] };
};

/**
 * The phase design table, editable: columns moved, added and removed here,
 * each phase's texts and exit criteria edited in a dialog. Save sends all
 * phases and the mode (PUT), checked first with core's schema.
 */
export const PhasesEditor = ({ answer }: { answer: PhasesAnswer }) => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const canEdit = useCan("manage-settings");
  const queryClient = useQueryClient();
  const [phases, setPhases] = useState<Phase[]>(answer.phases);
  const [mode, setMode] = useState<PhaseMode>(answer.mode);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<number | null>(null);
  const [resetting, setResetting] = useState(false);

  useEffect(() => {
    setPhases(answer.phases);
    setMode(answer.mode);
    setDirty(false);
  }, [answer]);

  const edit = (next: Phase[]) => {
    setPhases(next);
    setDirty(true);
  };

  const save = useMutation({
    mutationFn: savePhases,
    onSuccess: (saved) => {
      queryClient.setQueryData(csSettingsKeys.phases(), saved);
      setErrors({});
      setResetting(false);
      notifications.show({ color: "teal", message: t("csSettings.saved") });
    },
    onError: (error) => setErrors(apiErrorsToErrors(error)),
  });

  const submit = () => {
    const parsed = phasesSchema.safeParse(normaliseTexts(phases));
    if (!parsed.success) {
      const found = issuesToErrors(parsed.error.issues, "phases");
      setErrors(found);
      const first = Object.keys(found)[0]?.split(".")[1];
      if (first !== undefined && /^\d+$/.test(first)) setEditing(Number(first));
      return;
    }
    setErrors({});
    save.mutate({ phases: parsed.data, mode });
  };

  const invalid = new Set(
    Object.keys(errors)
      .map((key) => key.split(".")[1])
      .filter((part): part is string => part !== undefined && /^\d+$/.test(part))
      .map(Number),
  );
  const editingPhase = editing === null ? undefined : phases[editing];

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("csSettings.phases.intro")}
      </Text>
      {!canEdit ? (
        <Alert color="gray" variant="light">
          {t("csSettings.readOnly")}
        </Alert>
      ) : null}
      {!answer.custom && !dirty ? (
        <Alert color="blue" variant="light">
          {t("csSettings.usingDefault")}
        </Alert>
      ) : null}
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("csSettings.phases.mode")}
          </Text>
          <SegmentedControl
            aria-label={t("csSettings.phases.mode")}
            value={mode}
            disabled={!canEdit}
            data={[
              { value: "propose", label: t("csSettings.phases.modePropose") },
              { value: "auto", label: t("csSettings.phases.modeAuto") },
            ]}
            onChange={(next) => {
              setMode(next === "auto" ? "auto" : "propose");
              setDirty(true);
            }}
          />
          <Text size="xs" c="dimmed" maw={560}>
            {t("csSettings.phases.modeHelp")}
          </Text>
        </Stack>
        <Group gap="xs">
          <ButtonLink to="/settings/phases/print" variant="default" target="_blank">
            {t("csSettings.phases.print")}
          </ButtonLink>
          {canEdit ? (
            <Button
              variant="light"
              onClick={() => {
                const next = [
                  ...phases,
                  newPhase(
                    phases.map((phase) => phase.key),
                    t("csSettings.phases.newPhase"),
                  ),
                ];
                edit(next);
                setEditing(next.length - 1);
              }}
            >
              {t("csSettings.phases.add")}
            </Button>
          ) : null}
        </Group>
      </Group>
      {save.isError && Object.keys(apiErrorsToErrors(save.error)).length === 0 ? (
        <ApiErrorAlert error={save.error} />
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <Alert color="red" variant="light" role="alert" title={t("csSettings.invalid")}>
          {Object.entries(errors)
            .slice(0, 5)
            .map(([key, message]) => (
              <Text key={key} size="sm">
                {key}: {message}
              </Text>
            ))}
        </Alert>
      ) : null}
      <div style={{ overflowX: "auto" }}>
        <PhaseTable
          phases={phases}
          lang={lang}
          accountsByPhase={answer.accountsByPhase}
          invalid={invalid}
          headerActions={
            canEdit
              ? (index) => {
                  const name = localizeText(phases[index]!.name, lang) || phases[index]!.key;
                  return (
                    <Group gap={2} wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="light"
                        aria-label={`${name}: ${t("csSettings.phases.edit")}`}
                        onClick={() => setEditing(index)}
                      >
                        {t("csSettings.phases.edit")}
                      </Button>
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        aria-label={`${name}: ${t("csSettings.moveLeft")}`}
                        disabled={index === 0}
                        onClick={() => edit(moveItem(phases, index, -1))}
                      >
                        ←
                      </ActionIcon>
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        aria-label={`${name}: ${t("csSettings.moveRight")}`}
                        disabled={index === phases.length - 1}
                        onClick={() => edit(moveItem(phases, index, 1))}
                      >
                        →
                      </ActionIcon>
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="red"
                        aria-label={`${name}: ${t("csSettings.remove")}`}
                        disabled={phases.length === 1}
                        onClick={() => edit(phases.filter((_, at) => at !== index))}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                  );
                }
              : undefined
          }
        />
      </div>
      {canEdit ? (
        <Group justify="space-between">
          <Button variant="subtle" color="red" onClick={() => setResetting(true)}>
            {t("csSettings.resetToDefault")}
          </Button>
          <Group gap="xs">
            {dirty ? (
              <Text size="sm" c="dimmed">
                {t("csSettings.unsaved")}
              </Text>
            ) : null}
            <Button
              variant="default"
              disabled={!dirty}
              onClick={() => {
                setPhases(answer.phases);
                setMode(answer.mode);
                setErrors({});
                setDirty(false);
              }}
            >
              {t("csSettings.discard")}
            </Button>
            <Button onClick={submit} loading={save.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Group>
      ) : null}
      <Modal
        opened={editingPhase !== undefined}
        onClose={() => setEditing(null)}
        size="xl"
        title={t("csSettings.phases.editTitle", {
          name: editingPhase ? localizeText(editingPhase.name, lang) || editingPhase.key : "",
        })}
      >
        {editingPhase !== undefined && editing !== null ? (
          <Stack>
            <PhaseForm
              value={editingPhase}
              errors={errorsUnder(errors, `phases.${editing}`)}
              onChange={(next) => edit(phases.map((phase, at) => (at === editing ? next : phase)))}
            />
            <Group justify="flex-end">
              <Button onClick={() => setEditing(null)}>{t("csSettings.phases.done")}</Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
      <ConfirmDialog
        opened={resetting}
        title={t("csSettings.resetConfirmTitle")}
        message={t("csSettings.resetConfirmBody")}
        confirmLabel={t("csSettings.resetToDefault")}
        loading={save.isPending}
        error={save.error}
        onConfirm={() => save.mutate({ phases: null, mode })}
        onClose={() => setResetting(false)}
      />
    </Stack>
  );
};
