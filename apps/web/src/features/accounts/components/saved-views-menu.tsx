import { ActionIcon, Button, Group, Menu, Modal, Stack, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import {
  type AccountListSearch,
  accountViewsQueryOptions,
  deleteAccountView,
  saveAccountView,
} from "../accounts.queries";

type Props = {
  search: AccountListSearch;
  onApply: (search: AccountListSearch) => void;
};

/** The person's saved views of the list: apply one, save the current filters, delete one. */
export const SavedViewsMenu = ({ search, onApply }: Props) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const views = useQuery(accountViewsQueryOptions());
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: accountViewsQueryOptions().queryKey });
  const save = useMutation({
    mutationFn: saveAccountView,
    onSuccess: async () => {
      await refresh();
      setNaming(false);
      setName("");
    },
  });
  const remove = useMutation({ mutationFn: deleteAccountView, onSuccess: refresh });
  const list = views.data?.data ?? [];

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default">{t("accounts.views.title")}</Button>
        </Menu.Target>
        <Menu.Dropdown>
          {list.length === 0 ? <Menu.Label>{t("accounts.views.none")}</Menu.Label> : null}
          {list.map((view) => (
            <Group key={view.id} gap={0} wrap="nowrap">
              <Menu.Item onClick={() => onApply(view.search)}>{view.name}</Menu.Item>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t("accounts.views.delete", { name: view.name })}
                onClick={() => remove.mutate(view.id)}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setNaming(true)}>{t("accounts.views.save")}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={naming} onClose={() => setNaming(false)} title={t("accounts.views.save")}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) save.mutate({ name: name.trim(), search });
          }}
        >
          <Stack>
            <ApiErrorAlert error={save.error} />
            <TextInput
              label={t("accounts.views.name")}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              maxLength={100}
              data-autofocus
              required
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
};
