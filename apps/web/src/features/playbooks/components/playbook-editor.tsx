import {
  Button,
  Code,
  Divider,
  Group,
  NumberInput,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type PlaybookInput, templateFieldNames } from "@michi/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { isApiError } from "../../../lib/api-client";
import { useServerErrors } from "../../../lib/use-server-errors";
import { DisplayTextInput } from "../../cs-settings/components/display-text-input";
import {
  buildDefinition,
  defaultStep,
  type EditorValues,
  editorFieldPaths,
  problemAliases,
  type StepDraft,
  toEditorValues,
  toStepDraft,
} from "../editor-model";
import { type PlaybookRecord, patchPlaybook, playbookKeys } from "../playbooks.queries";
import { usePlaybookWords } from "../use-playbook-words";
import { ConditionWords } from "./condition-words";
import { StepCard } from "./step-card";
import { TriggerFields } from "./trigger-fields";

type Props = {
  playbook: PlaybookRecord;
  canManage: boolean;
  onDelete: () => void;
};

const fieldsText = templateFieldNames.map((name) => `{{${name}}}`).join(" ");

/** The playbook as a form: name, trigger, steps, conditions; Save sends the whole definition. */
export const PlaybookEditor = ({ playbook, canManage, onDelete }: Props) => {
  const { t } = useTranslation();
  const words = usePlaybookWords();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<EditorValues>(() => toEditorValues(playbook.definition));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fields = useMemo(() => editorFieldPaths(values), [values]);

  const save = useMutation({
    mutationFn: (definition: PlaybookInput) => patchPlaybook(playbook.id, { definition }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(playbookKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: playbookKeys.list() });
      setValues(toEditorValues(saved.definition));
      setErrors({});
      notifications.show({ color: "teal", message: t("playbooks.editor.saved") });
    },
  });
  const aliases = useMemo(
    () => (isApiError(save.error) ? problemAliases(save.error.errors, fields) : {}),
    [save.error, fields],
  );
  const otherProblems = useServerErrors({ setErrors }, save.error, fields, aliases);

  const update = (patch: Partial<EditorValues>, clear: string[] = []) => {
    setValues((current) => ({ ...current, ...patch }));
    if (clear.length > 0) {
      setErrors((current) =>
        Object.fromEntries(
          Object.entries(current).filter(
            ([path]) => !clear.some((prefix) => path === prefix || path.startsWith(`${prefix}.`)),
          ),
        ),
      );
    }
  };
  const setStep = (index: number, step: StepDraft) =>
    update({ steps: values.steps.map((s, i) => (i === index ? step : s)) }, [`steps.${index}`]);
  // Problems are keyed by position: after a move or removal they no longer match, so they go.
  const reshapeSteps = (steps: StepDraft[]) => update({ steps }, ["steps"]);
  const textErrors = (path: string) => ({
    ...(errors[path] ? { "": errors[path] } : {}),
    ...(errors[`${path}.ja`] ? { ja: errors[`${path}.ja`] } : {}),
    ...(errors[`${path}.en`] ? { en: errors[`${path}.en`] } : {}),
  });

  const submit = () => {
    const built = buildDefinition(values, (message) =>
      t("playbooks.editor.invalidJson", { message }),
    );
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    save.mutate(built.definition);
  };

  const triggerErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([path]) => path === "trigger" || path.startsWith("trigger."))
      .map(([path, message]) => [path === "trigger" ? "" : path.slice("trigger.".length), message]),
  );

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <fieldset disabled={!canManage} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="lg">
          <FormErrorAlert error={save.error} otherProblems={otherProblems} />
          <DisplayTextInput
            label={t("playbooks.editor.name")}
            value={values.name}
            onChange={(name) => update({ name: name ?? { ja: "", en: "" } }, ["name"])}
            errors={textErrors("name")}
            required
          />
          <DisplayTextInput
            label={t("playbooks.editor.description")}
            value={values.description}
            onChange={(description) => update({ description }, ["description"])}
            errors={textErrors("description")}
            multiline
          />

          <Divider />
          <Title order={2} size="h4">
            {t("playbooks.editor.triggerSection")}
          </Title>
          <TriggerFields
            trigger={values.trigger}
            onChange={(trigger) => update({ trigger }, ["trigger"])}
            errors={triggerErrors}
            phaseOptions={words.phaseOptions}
          />
          <Group grow align="flex-start">
            <NumberInput
              label={t("playbooks.editor.coolDownDays")}
              description={t("playbooks.editor.coolDownHelp")}
              min={0}
              max={365}
              allowDecimal={false}
              value={values.coolDownDays}
              onChange={(value) =>
                update({ coolDownDays: typeof value === "number" ? value : 0 }, ["coolDownDays"])
              }
              error={errors.coolDownDays}
            />
            <Switch
              mt="xl"
              label={t("playbooks.editor.paused")}
              checked={values.paused}
              onChange={(event) => update({ paused: event.currentTarget.checked }, ["paused"])}
              error={errors.paused}
            />
          </Group>

          <Divider />
          <Title order={2} size="h4">
            {t("playbooks.editor.stepsSection")}
          </Title>
          <Text size="xs" c="dimmed">
            {t("playbooks.editor.fieldsHelp", { fields: "" })}
            <Code>{fieldsText}</Code>
          </Text>
          {errors.steps ? (
            <Text size="sm" c="red" role="alert">
              {errors.steps}
            </Text>
          ) : null}
          <Stack gap="sm" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {values.steps.map((step, index) => (
              <StepCard
                key={step.uid}
                step={step}
                index={index}
                count={values.steps.length}
                onChange={(next) => setStep(index, next)}
                onMove={(offset) => {
                  const steps = [...values.steps];
                  const [moved] = steps.splice(index, 1);
                  if (moved) steps.splice(index + offset, 0, moved);
                  reshapeSteps(steps);
                }}
                onRemove={() => reshapeSteps(values.steps.filter((_, i) => i !== index))}
                errorAt={(path) => errors[path ? `steps.${index}.${path}` : `steps.${index}`]}
                memberOptions={words.memberOptions}
              />
            ))}
          </Stack>
          {canManage ? (
            <Group>
              <Button
                variant="light"
                onClick={() =>
                  update({ steps: [...values.steps, toStepDraft(defaultStep("createTask"))] }, [
                    "steps",
                  ])
                }
              >
                {t("playbooks.editor.addStep")}
              </Button>
            </Group>
          ) : null}

          <Divider />
          <Title order={2} size="h4">
            {t("playbooks.editor.conditionsSection")}
          </Title>
          <ConditionWords json={values.conditionsText} />
          <Textarea
            label={t("playbooks.editor.conditions")}
            description={t("playbooks.editor.conditionsHelp")}
            value={values.conditionsText}
            onChange={(event) =>
              update({ conditionsText: event.currentTarget.value }, ["conditionsText"])
            }
            error={errors.conditionsText}
            autosize
            minRows={3}
            ff="monospace"
          />
        </Stack>
      </fieldset>
      {canManage ? (
        <Group justify="space-between" mt="xl">
          <Button variant="subtle" color="red" onClick={onDelete}>
            {t("common.delete")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      ) : null}
    </form>
  );
};
