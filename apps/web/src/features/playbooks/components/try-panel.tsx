import { Alert, Button, Group, List, Stack, Text, ThemeIcon } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatDate } from "../../../lib/format";
import { actionText, skipText } from "../playbook-words";
import {
  dryRunPlaybook,
  type PlaybookRecord,
  playbookKeys,
  startPlaybook,
} from "../playbooks.queries";
import { usePlaybookWords } from "../use-playbook-words";
import { AccountPicker, type PickedAccount } from "./account-picker";

type Props = { playbook: PlaybookRecord; canWrite: boolean };

/** What the playbook would do on one account now; and, for those who may, start it there. */
export const TryPanel = ({ playbook, canWrite }: Props) => {
  const { t } = useTranslation();
  const words = usePlaybookWords();
  const queryClient = useQueryClient();
  const [account, setAccount] = useState<PickedAccount | null>(null);
  const dryRun = useMutation({
    mutationFn: (accountId: string) => dryRunPlaybook(playbook.id, accountId),
  });
  const start = useMutation({
    mutationFn: (accountId: string) => startPlaybook(playbook.id, accountId),
    onSuccess: async () => {
      notifications.show({
        color: "teal",
        message: t("playbooks.try.started", { account: account?.name ?? "" }),
      });
      await queryClient.invalidateQueries({ queryKey: [...playbookKeys.all, "runs"] });
      await queryClient.invalidateQueries({ queryKey: playbookKeys.list() });
      await queryClient.invalidateQueries({ queryKey: playbookKeys.detail(playbook.id) });
    },
  });
  const result = dryRun.data;
  const steps = playbook.definition.steps;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("playbooks.try.intro")}
      </Text>
      <Group align="flex-end">
        <div style={{ flex: 1, minWidth: 240, maxWidth: 420 }}>
          <AccountPicker
            label={t("playbooks.try.account")}
            placeholder={t("playbooks.try.accountPlaceholder")}
            value={account}
            onChange={(next) => {
              setAccount(next);
              dryRun.reset();
              start.reset();
            }}
          />
        </div>
        <Button
          disabled={!account}
          loading={dryRun.isPending}
          onClick={() => account && dryRun.mutate(account.id)}
        >
          {t("playbooks.try.run")}
        </Button>
        {canWrite ? (
          <Button
            variant="light"
            disabled={!account || playbook.definition.paused}
            loading={start.isPending}
            onClick={() => account && start.mutate(account.id)}
          >
            {t("playbooks.try.start")}
          </Button>
        ) : null}
      </Group>
      <ApiErrorAlert error={dryRun.error} />
      <ApiErrorAlert error={start.error} />
      {result ? (
        <Stack gap="sm" aria-live="polite">
          <Alert
            color={result.fires ? "teal" : "yellow"}
            variant="light"
            title={result.fires ? t("playbooks.try.fires") : t("playbooks.try.notFires")}
          >
            {result.skipped ? <Text size="sm">{skipText(words, result.skipped)}</Text> : null}
          </Alert>
          <Text fw={600} size="sm">
            {t("playbooks.try.actions")}
          </Text>
          {result.actions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("playbooks.try.noActions")}
            </Text>
          ) : (
            <List type="ordered" spacing="xs" size="sm" aria-label={t("playbooks.try.actions")}>
              {result.actions.map((action, index) => {
                const step = steps[action.stepIndex];
                const condition = step?.kind === "stopIf" ? step.condition : undefined;
                return (
                  <List.Item
                    // biome-ignore lint/suspicious/noArrayIndexKey: a dry run's actions never move.
                    key={index}
                    icon={
                      <ThemeIcon size={20} radius="xl" variant="light" color="gray">
                        <Text size="xs">{action.stepIndex + 1}</Text>
                      </ThemeIcon>
                    }
                  >
                    <Text size="sm">{actionText(words, action, condition)}</Text>
                    <Text size="xs" c="dimmed">
                      {t("playbooks.try.onDay", { date: formatDate(action.on, words.lang) })}
                      {action.provisional ? ` · ${t("playbooks.try.provisional")}` : ""}
                    </Text>
                  </List.Item>
                );
              })}
            </List>
          )}
        </Stack>
      ) : null}
    </Stack>
  );
};
