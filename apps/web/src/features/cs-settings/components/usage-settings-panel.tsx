import { Alert, Checkbox, NumberInput, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { QueryView } from "../../../components/query-view";
import { useCan } from "../../auth/use-me";
import {
  csSettingsKeys,
  saveUsageSettings,
  type UsageSettingsAnswer,
  usageSettingsQueryOptions,
} from "../cs-settings.queries";
import { apiErrorsToErrors } from "../schema-errors";
import { SettingsFooter } from "./settings-footer";

const MIN_DAYS = 30;
const MAX_DAYS = 3650;

export const UsageSettingsPanel = () => {
  const usage = useQuery(usageSettingsQueryOptions());
  return <QueryView query={usage}>{(answer) => <UsageSettingsEditor answer={answer} />}</QueryView>;
};

/** How long raw usage events are kept (null: forever). */
const UsageSettingsEditor = ({ answer }: { answer: UsageSettingsAnswer }) => {
  const { t } = useTranslation();
  const canEdit = useCan("manage-settings");
  const queryClient = useQueryClient();
  const [days, setDays] = useState<number | string | null>(answer.retentionDays);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDays(answer.retentionDays);
    setDirty(false);
  }, [answer]);

  const save = useMutation({
    mutationFn: saveUsageSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(csSettingsKeys.usage(), saved);
      notifications.show({ color: "teal", message: t("csSettings.saved") });
    },
    onError: (failure) => setError(apiErrorsToErrors(failure).retentionDays ?? null),
  });

  const submit = () => {
    if (days === null) {
      setError(null);
      save.mutate(null);
      return;
    }
    if (typeof days !== "number" || !Number.isInteger(days) || days < MIN_DAYS || days > MAX_DAYS) {
      setError(t("csSettings.usage.retentionHelp"));
      return;
    }
    setError(null);
    save.mutate(days);
  };

  return (
    <Stack gap="md" maw={560}>
      <Text size="sm" c="dimmed">
        {t("csSettings.usage.intro")}
      </Text>
      {!canEdit ? (
        <Alert color="gray" variant="light">
          {t("csSettings.readOnly")}
        </Alert>
      ) : null}
      {save.isError && error === null ? <ApiErrorAlert error={save.error} /> : null}
      <Checkbox
        label={t("csSettings.usage.forever")}
        checked={days === null}
        disabled={!canEdit}
        onChange={(event) => {
          setDays(event.currentTarget.checked ? null : (answer.retentionDays ?? 365));
          setDirty(true);
        }}
      />
      {days !== null ? (
        <NumberInput
          label={t("csSettings.usage.retentionDays")}
          description={t("csSettings.usage.retentionHelp")}
          value={days}
          min={MIN_DAYS}
          max={MAX_DAYS}
          allowDecimal={false}
          w={260}
          disabled={!canEdit}
          error={error}
          onChange={(next) => {
            setDays(next);
            setDirty(true);
          }}
        />
      ) : null}
      {canEdit ? (
        <SettingsFooter
          dirty={dirty}
          saving={save.isPending}
          onSave={submit}
          onDiscard={() => {
            setDays(answer.retentionDays);
            setError(null);
            setDirty(false);
          }}
        />
      ) : null}
    </Stack>
  );
};
