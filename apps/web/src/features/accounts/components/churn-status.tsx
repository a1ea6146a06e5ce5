import { Badge, Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { localizeText } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { formatDate } from "../../../lib/format";
import { churnReasonsQueryOptions } from "../../cs-settings/cs-settings.queries";
import { uiLanguage } from "../../cs-settings/display-text";
import { portfolioKeys } from "../../portfolio/portfolio.queries";
import { type Account, accountKeys, unmarkAccountChurned } from "../accounts.queries";
import { ChurnDialog } from "./churn-dialog";

/** The reason's label in the UI language; the key only when the workspace no longer lists it. */
const useReasonLabel = () => {
  const { i18n } = useTranslation();
  const lang = uiLanguage(i18n.resolvedLanguage);
  const reasons = useQuery(churnReasonsQueryOptions());
  return (key: string | null) => {
    if (key === null) return null;
    const found = reasons.data?.reasons.find((reason) => reason.key === key);
    return found ? localizeText(found.label, lang) : key;
  };
};

/** "Churned on 31 Oct 2026 · Price · contract ended", under the account's name. */
export const ChurnBadge = ({ churn }: { churn: Account["churn"] }) => {
  const { t, i18n } = useTranslation();
  const reasonLabel = useReasonLabel();
  if (!churn) return null;
  const reason = reasonLabel(churn.reason);
  return (
    <Group gap="xs" data-testid="churn-status">
      <Badge color="red" variant="filled">
        {t("churn.badge")}
      </Badge>
      <Text size="sm">
        {[
          t("churn.on", { date: formatDate(churn.churnedOn, i18n.language) }),
          reason ? t("churn.reasonIs", { reason }) : null,
          t(`churn.source.${churn.source}`),
        ]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      {churn.note ? (
        <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
          {churn.note}
        </Text>
      ) : null}
    </Group>
  );
};

/**
 * Mark the account churned, record a reason for churn the contracts tell,
 * or take a person's mark away.
 */
export const ChurnActions = ({ account }: { account: Account }) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [marking, setMarking] = useState(false);
  const [unmarking, setUnmarking] = useState(false);
  const { churn } = account;
  const unmark = useMutation({
    mutationFn: () => unmarkAccountChurned(account.id),
    onSuccess: (answer) => {
      queryClient.setQueryData(accountKeys.churn(account.id), answer);
      void queryClient.invalidateQueries({ queryKey: accountKeys.detail(account.id) });
      void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: portfolioKeys.all });
      notifications.show({ color: "teal", message: t("churn.unmarked") });
      setUnmarking(false);
    },
  });
  return (
    <>
      {churn === null ? (
        <Button variant="light" color="red" onClick={() => setMarking(true)}>
          {t("churn.mark")}
        </Button>
      ) : churn.source === "manual" ? (
        <Button variant="subtle" onClick={() => setUnmarking(true)}>
          {t("churn.unmark")}
        </Button>
      ) : (
        <Button variant="subtle" onClick={() => setMarking(true)}>
          {t("churn.recordReason")}
        </Button>
      )}
      <ChurnDialog
        accountId={account.id}
        opened={marking}
        onClose={() => setMarking(false)}
        initial={
          churn ? { churnedOn: churn.churnedOn, reason: churn.reason, note: churn.note } : undefined
        }
      />
      <ConfirmDialog
        opened={unmarking}
        title={t("churn.unmarkTitle")}
        message={t("churn.unmarkBody", { name: account.name })}
        confirmLabel={t("churn.unmark")}
        loading={unmark.isPending}
        error={unmark.error}
        onConfirm={() => unmark.mutate()}
        onClose={() => {
          setUnmarking(false);
          unmark.reset();
        }}
      />
    </>
  );
};
