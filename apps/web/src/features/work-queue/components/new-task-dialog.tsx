import { Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { DateField } from "../../../components/date-field";
import { useOwners } from "../../accounts/use-owners";
import {
  accountChoicesQueryOptions,
  createAccountTask,
  workQueueKeys,
} from "../work-queue.queries";

type Props = { opened: boolean; onClose: () => void };

/** A person's task on an account, owned by them unless another member is chosen. */
export const NewTaskDialog = ({ opened, onClose }: Props) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const owners = useOwners();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const accounts = useQuery({ ...accountChoicesQueryOptions(debounced), enabled: opened });
  const [accountId, setAccountId] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState("");
  const [problems, setProblems] = useState<{ account?: string; title?: string }>({});
  const close = () => {
    setAccountId(null);
    setTitle("");
    setOwner(null);
    setDueDate("");
    setProblems({});
    create.reset();
    onClose();
  };
  const create = useMutation({
    mutationFn: (id: string) =>
      createAccountTask(id, {
        title: title.trim(),
        ...(owner ? { ownerUserId: owner } : {}),
        ...(dueDate ? { dueDate } : {}),
      }),
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("workQueue.created") });
      void queryClient.invalidateQueries({ queryKey: workQueueKeys.all });
      close();
    },
  });
  const accountOptions = (accounts.data?.data ?? []).map((account) => ({
    value: account.id,
    label: account.name,
  }));
  return (
    <Modal opened={opened} onClose={close} title={t("workQueue.newTaskTitle")}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const next = {
            ...(accountId ? {} : { account: t("workQueue.accountRequired") }),
            ...(title.trim() ? {} : { title: t("workQueue.titleRequired") }),
          };
          setProblems(next);
          if (accountId && title.trim()) create.mutate(accountId);
        }}
      >
        <Stack>
          <ApiErrorAlert error={create.error} />
          <Select
            label={t("workQueue.account")}
            placeholder={t("workQueue.accountPlaceholder")}
            data={accountOptions}
            value={accountId}
            onChange={setAccountId}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options }) => options}
            nothingFoundMessage={accounts.isFetching ? t("common.loading") : undefined}
            error={problems.account}
            required
            data-autofocus
          />
          <TextInput
            label={t("workQueue.task")}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={problems.title}
            maxLength={500}
            required
          />
          <Select
            label={t("workQueue.owner")}
            placeholder={t("workQueue.ownerDefault")}
            data={owners.options}
            value={owner}
            onChange={setOwner}
            clearable
            searchable
          />
          <DateField label={t("workQueue.dueDate")} value={dueDate} onChange={setDueDate} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("workQueue.newTask")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
