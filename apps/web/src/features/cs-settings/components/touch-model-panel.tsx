import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  defaultTouchModelPolicy,
  type TouchModelPolicy,
  touchModelPolicySchema,
  touchModels,
} from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { QueryView } from "../../../components/query-view";
import { useCan } from "../../auth/use-me";
import {
  csSettingsKeys,
  saveTouchModelPolicy,
  type TouchModelPolicyAnswer,
  touchModelPolicyQueryOptions,
} from "../cs-settings.queries";
import { normaliseTexts } from "../display-text";
import { apiErrorsToErrors, errorsUnder, issuesToErrors } from "../schema-errors";
import { moveItem } from "../scorecard-drafts";
import { DisplayTextInput } from "./display-text-input";
import { ProblemsAlert } from "./problems-alert";
import { newComparison, RuleEditor } from "./rule-editor";
import { SegmentsInput } from "./segments-input";
import { SettingsFooter } from "./settings-footer";

export const TouchModelPanel = () => {
  const policy = useQuery(touchModelPolicyQueryOptions());
  return <QueryView query={policy}>{(answer) => <TouchModelEditor answer={answer} />}</QueryView>;
};

type Rule = TouchModelPolicy["rules"][number];

/** Ordered touch-model rules (model, segments, rule) and the default; off = set by hand. */
export const TouchModelEditor = ({ answer }: { answer: TouchModelPolicyAnswer }) => {
  const { t } = useTranslation();
  const canEdit = useCan("manage-settings");
  const queryClient = useQueryClient();
  const [policy, setPolicy] = useState<TouchModelPolicy | null>(answer.policy);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    setPolicy(answer.policy);
    setDirty(false);
  }, [answer]);

  const edit = (next: TouchModelPolicy | null) => {
    setPolicy(next);
    setDirty(true);
  };
  const modelOptions = touchModels.map((model) => ({
    value: model,
    label: t(`touchModel.${model}`),
  }));

  const save = useMutation({
    mutationFn: saveTouchModelPolicy,
    onSuccess: (saved) => {
      queryClient.setQueryData(csSettingsKeys.touchModel(), saved);
      setErrors({});
      notifications.show({ color: "teal", message: t("csSettings.saved") });
    },
    onError: (error) => setErrors(apiErrorsToErrors(error)),
  });

  const submit = () => {
    if (policy === null) {
      save.mutate(null);
      return;
    }
    const parsed = touchModelPolicySchema.safeParse(normaliseTexts(policy));
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues, "policy"));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  const setRule = (index: number, next: Rule) =>
    policy &&
    edit({ ...policy, rules: policy.rules.map((rule, at) => (at === index ? next : rule)) });

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("csSettings.touchModel.intro")}
      </Text>
      {!canEdit ? (
        <Alert color="gray" variant="light">
          {t("csSettings.readOnly")}
        </Alert>
      ) : null}
      {save.isError && Object.keys(apiErrorsToErrors(save.error)).length === 0 ? (
        <ApiErrorAlert error={save.error} />
      ) : null}
      <ProblemsAlert errors={errors} />
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="md">
          <Switch
            label={t("csSettings.touchModel.enabled")}
            description={policy === null ? t("csSettings.touchModel.disabledHelp") : undefined}
            checked={policy !== null}
            onChange={(event) =>
              edit(
                event.currentTarget.checked
                  ? (answer.policy ?? JSON.parse(JSON.stringify(defaultTouchModelPolicy)))
                  : null,
              )
            }
          />
          {policy === null ? null : (
            <>
              {policy.rules.map((rule, index) => {
                const ruleErrors = errorsUnder(errors, `policy.rules.${index}`);
                const label = t("csSettings.touchModel.rule", { number: index + 1 });
                return (
                  <Paper
                    // biome-ignore lint/suspicious/noArrayIndexKey: rules are positional.
                    key={index}
                    withBorder
                    p="sm"
                    radius="md"
                    component="section"
                    aria-label={label}
                  >
                    <Stack gap="xs">
                      <Group justify="space-between">
                        <Text fw={600}>{label}</Text>
                        {canEdit ? (
                          <Group gap={2}>
                            <ActionIcon
                              variant="subtle"
                              aria-label={`${label}: ${t("csSettings.moveUp")}`}
                              disabled={index === 0}
                              onClick={() =>
                                edit({ ...policy, rules: moveItem(policy.rules, index, -1) })
                              }
                            >
                              ↑
                            </ActionIcon>
                            <ActionIcon
                              variant="subtle"
                              aria-label={`${label}: ${t("csSettings.moveDown")}`}
                              disabled={index === policy.rules.length - 1}
                              onClick={() =>
                                edit({ ...policy, rules: moveItem(policy.rules, index, 1) })
                              }
                            >
                              ↓
                            </ActionIcon>
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              onClick={() =>
                                edit({
                                  ...policy,
                                  rules: policy.rules.filter((_, at) => at !== index),
                                })
                              }
                            >
                              {t("csSettings.touchModel.removeRule")}
                            </Button>
                          </Group>
                        ) : null}
                      </Group>
                      <DisplayTextInput
                        label={t("csSettings.touchModel.ruleName")}
                        value={rule.name}
                        errors={errorsUnder(ruleErrors, "name")}
                        onChange={(name) => {
                          const { name: _old, ...rest } = rule;
                          setRule(index, name === undefined ? rest : { ...rest, name });
                        }}
                      />
                      <Group grow align="flex-start">
                        <Select
                          label={t("csSettings.touchModel.model")}
                          data={modelOptions}
                          value={rule.model}
                          allowDeselect={false}
                          error={ruleErrors.model}
                          onChange={(model) => {
                            const next = touchModels.find((candidate) => candidate === model);
                            if (next) setRule(index, { ...rule, model: next });
                          }}
                        />
                        <SegmentsInput
                          label={t("csSettings.touchModel.segments")}
                          description={t("csSettings.touchModel.segmentsHelp")}
                          value={rule.segments ?? []}
                          error={ruleErrors.segments}
                          onChange={(segments) => {
                            const { segments: _old, ...rest } = rule;
                            setRule(index, segments.length === 0 ? rest : { ...rest, segments });
                          }}
                        />
                      </Group>
                      <Checkbox
                        label={t("csSettings.touchModel.withCondition")}
                        checked={rule.rule !== undefined}
                        onChange={(event) => {
                          const { rule: _old, ...rest } = rule;
                          setRule(
                            index,
                            event.currentTarget.checked ? { ...rest, rule: newComparison() } : rest,
                          );
                        }}
                      />
                      {rule.rule !== undefined ? (
                        <RuleEditor
                          value={rule.rule}
                          errors={errorsUnder(ruleErrors, "rule")}
                          onChange={(next) => setRule(index, { ...rule, rule: next })}
                        />
                      ) : null}
                    </Stack>
                  </Paper>
                );
              })}
              {canEdit ? (
                <Button
                  variant="light"
                  w="fit-content"
                  disabled={policy.rules.length >= 50}
                  onClick={() =>
                    edit({
                      ...policy,
                      rules: [...policy.rules, { model: "low", rule: newComparison() }],
                    })
                  }
                >
                  {t("csSettings.touchModel.addRule")}
                </Button>
              ) : null}
              <Select
                label={t("csSettings.touchModel.default")}
                data={modelOptions}
                value={policy.default}
                allowDeselect={false}
                w={280}
                error={errors["policy.default"]}
                onChange={(model) => {
                  const next = touchModels.find((candidate) => candidate === model);
                  if (next) edit({ ...policy, default: next });
                }}
              />
            </>
          )}
        </Stack>
      </fieldset>
      {canEdit ? (
        <SettingsFooter
          dirty={dirty}
          saving={save.isPending}
          onSave={submit}
          onDiscard={() => {
            setPolicy(answer.policy);
            setErrors({});
            setDirty(false);
          }}
        />
      ) : null}
    </Stack>
  );
};
