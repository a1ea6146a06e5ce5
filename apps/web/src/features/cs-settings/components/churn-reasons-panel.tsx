import { ActionIcon, Alert, Button, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ChurnReason, churnReasonsSchema, localizeText } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { QueryView } from "../../../components/query-view";
import { useCan } from "../../auth/use-me";
import {
  type ChurnReasonsAnswer,
  churnReasonsQueryOptions,
  csSettingsKeys,
  saveChurnReasons,
} from "../cs-settings.queries";
import { normaliseTexts, uiLanguage } from "../display-text";
import { apiErrorsToErrors, errorsUnder, issuesToErrors } from "../schema-errors";
import { moveItem } from "../scorecard-drafts";
import { DisplayTextInput } from "./display-text-input";
import { SettingsFooter } from "./settings-footer";

export const ChurnReasonsPanel = () => {
  const reasons = useQuery(churnReasonsQueryOptions());
  return (
    <QueryView query={reasons}>{(answer) => <ChurnReasonsEditor answer={answer} />}</QueryView>
  );
};

const newReason = (taken: readonly string[]): ChurnReason => {
  let n = taken.length + 1;
  while (taken.includes(`reason-${n}`)) n += 1;
  return { key: `reason-${n}`, label: "" };
};

/**
 * The reasons a person picks when marking an account churned, in the order
 * offered: a key (kept on the account) and a label in Japanese and English.
 * Save sends the whole list, checked first with core's schema.
 */
export const ChurnReasonsEditor = ({ answer }: { answer: ChurnReasonsAnswer }) => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const canEdit = useCan("manage-settings");
  const queryClient = useQueryClient();
  const [reasons, setReasons] = useState<ChurnReason[]>(answer.reasons);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [resetting, setResetting] = useState(false);

  useEffect(() => {
    setReasons(answer.reasons);
    setDirty(false);
  }, [answer]);

  const edit = (next: ChurnReason[]) => {
    setReasons(next);
    setDirty(true);
  };

  const save = useMutation({
    mutationFn: saveChurnReasons,
    onSuccess: (saved) => {
      queryClient.setQueryData(csSettingsKeys.churnReasons(), saved);
      setErrors({});
      setResetting(false);
      notifications.show({ color: "teal", message: t("csSettings.saved") });
    },
    onError: (error) => setErrors(apiErrorsToErrors(error, "reasons")),
  });

  const submit = () => {
    const parsed = churnReasonsSchema.safeParse(normaliseTexts(reasons));
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues, "reasons"));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("csSettings.churnReasons.intro")}
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
      {save.isError && Object.keys(apiErrorsToErrors(save.error)).length === 0 ? (
        <ApiErrorAlert error={save.error} />
      ) : null}
      {errors.reasons ? (
        <Text size="sm" c="red" role="alert">
          {errors.reasons}
        </Text>
      ) : null}
      <Stack gap="xs">
        {reasons.map((reason, index) => {
          const name = localizeText(reason.label, lang) || reason.key;
          const rowErrors = errorsUnder(errors, `reasons.${index}`);
          return (
            <Paper
              // biome-ignore lint/suspicious/noArrayIndexKey: keys are being edited; position is stable.
              key={index}
              withBorder
              p="sm"
              radius="md"
              component="fieldset"
              disabled={!canEdit}
              aria-label={name}
            >
              <Group align="flex-start" gap="sm" wrap="nowrap">
                <Text c="dimmed" size="sm" mt={30} w={20}>
                  {index + 1}
                </Text>
                <TextInput
                  label={t("csSettings.key")}
                  aria-label={`${name}: ${t("csSettings.key")}`}
                  value={reason.key}
                  error={rowErrors.key}
                  w={200}
                  onChange={(event) =>
                    edit(
                      reasons.map((r, at) =>
                        at === index ? { ...r, key: event.currentTarget.value } : r,
                      ),
                    )
                  }
                />
                <div style={{ flex: 1 }}>
                  <DisplayTextInput
                    label={t("csSettings.churnReasons.label")}
                    required
                    value={reason.label}
                    errors={errorsUnder(rowErrors, "label")}
                    onChange={(label) =>
                      edit(
                        reasons.map((r, at) => (at === index ? { ...r, label: label ?? "" } : r)),
                      )
                    }
                  />
                </div>
                {canEdit ? (
                  <Group gap={2} wrap="nowrap" mt={26}>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      aria-label={`${name}: ${t("csSettings.moveUp")}`}
                      disabled={index === 0}
                      onClick={() => edit(moveItem(reasons, index, -1))}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      aria-label={`${name}: ${t("csSettings.moveDown")}`}
                      disabled={index === reasons.length - 1}
                      onClick={() => edit(moveItem(reasons, index, 1))}
                    >
                      ↓
                    </ActionIcon>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="red"
                      aria-label={`${name}: ${t("csSettings.remove")}`}
                      disabled={reasons.length === 1}
                      onClick={() => edit(reasons.filter((_, at) => at !== index))}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ) : null}
              </Group>
            </Paper>
          );
        })}
      </Stack>
      {canEdit ? (
        <>
          <Button
            variant="light"
            size="xs"
            w="fit-content"
            onClick={() => edit([...reasons, newReason(reasons.map((r) => r.key))])}
          >
            {t("csSettings.churnReasons.add")}
          </Button>
          <SettingsFooter
            dirty={dirty}
            saving={save.isPending}
            onSave={submit}
            onDiscard={() => {
              setReasons(answer.reasons);
              setErrors({});
              setDirty(false);
            }}
            onReset={() => setResetting(true)}
          />
        </>
      ) : null}
      <ConfirmDialog
        opened={resetting}
        title={t("csSettings.resetConfirmTitle")}
        message={t("csSettings.churnReasons.resetBody")}
        confirmLabel={t("csSettings.resetToDefault")}
        loading={save.isPending}
        error={save.error}
        onConfirm={() => save.mutate(null)}
        onClose={() => setResetting(false)}
      />
    </Stack>
  );
};
