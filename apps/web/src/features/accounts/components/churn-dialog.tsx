import { Button, Group, Modal, Select, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { localizeText } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { DateField } from "../../../components/date-field";
import { FormErrorAlert } from "../../../components/form-error-alert";
import { requiredField } from "../../../lib/required-field";
import { useServerErrors } from "../../../lib/use-server-errors";
import { utcToday } from "../../../lib/utc-today";
import { churnReasonsQueryOptions } from "../../cs-settings/cs-settings.queries";
import { uiLanguage } from "../../cs-settings/display-text";
import { portfolioKeys } from "../../portfolio/portfolio.queries";
import { accountKeys, type ChurnMark, markAccountChurned } from "../accounts.queries";

type Values = { churnedOn: string; reason: string | null; note: string };

const FIELDS = ["churnedOn", "reason", "note"];

type Props = {
  accountId: string;
  opened: boolean;
  onClose: () => void;
  /** Prefilled: the day the contracts say, or the reason already recorded. */
  initial?: { churnedOn?: string; reason?: string | null; note?: string } | undefined;
};

/**
 * "Mark as churned": the day (today or before), one of the workspace's
 * churn reasons and an optional note. The mark stands over what the
 * contracts say until it is taken away.
 */
export const ChurnDialog = ({ accountId, opened, onClose, initial }: Props) => {
  const { t } = useTranslation();
  const close = () => {
    mark.reset();
    onClose();
  };
  const queryClient = useQueryClient();
  const mark = useMutation({
    mutationFn: (body: ChurnMark) => markAccountChurned(accountId, body),
    onSuccess: (answer) => {
      queryClient.setQueryData(accountKeys.churn(accountId), answer);
      void queryClient.invalidateQueries({ queryKey: accountKeys.detail(accountId) });
      void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: portfolioKeys.all });
      notifications.show({ color: "teal", message: t("churn.marked") });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={close} title={t("churn.markTitle")} centered>
      {opened ? (
        <ChurnForm
          initial={initial}
          pending={mark.isPending}
          error={mark.error}
          onSubmit={(body) => mark.mutate(body)}
          onCancel={close}
        />
      ) : null}
    </Modal>
  );
};

export const ChurnForm = ({
  initial,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: Props["initial"];
  pending: boolean;
  error: unknown;
  onSubmit: (body: ChurnMark) => void;
  onCancel: () => void;
}) => {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const reasons = useQuery(churnReasonsQueryOptions());
  const today = utcToday();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      churnedOn: initial?.churnedOn ?? today,
      reason: initial?.reason ?? null,
      note: initial?.note ?? "",
    },
    validate: {
      churnedOn: (value) =>
        !value ? t("churn.dateRequired") : value > today ? t("churn.dateInFuture") : null,
      reason: (value) => (value ? null : t("churn.reasonRequired")),
      note: (value) => (value.length > 4000 ? t("common.tooLong", { max: 4000 }) : null),
    },
  });
  const otherProblems = useServerErrors(form, error, FIELDS);
  const submit = form.onSubmit((values) =>
    onSubmit({
      churnedOn: values.churnedOn,
      reason: values.reason ?? "",
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormErrorAlert error={error} otherProblems={otherProblems} />
        <DateField
          {...requiredField(t("churn.churnedOn"))}
          max={today}
          data-autofocus
          {...form.getInputProps("churnedOn")}
        />
        <Select
          {...requiredField(t("churn.reason"))}
          placeholder={t("churn.reasonPlaceholder")}
          data={(reasons.data?.reasons ?? []).map((reason) => ({
            value: reason.key,
            label: localizeText(reason.label, lang),
          }))}
          comboboxProps={{ withinPortal: false }}
          {...form.getInputProps("reason")}
        />
        <Textarea
          label={t("churn.note")}
          description={t("churn.noteHint")}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps("note")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="red" loading={pending}>
            {t("churn.markConfirm")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
