import { Box, Button, Center, EmptyState, Group, Loader, Modal, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { localizeText } from "@michi/core";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { usePageTitle } from "../../../components/use-page-title";
import { useCan } from "../../auth/use-me";
import { phasesQueryOptions } from "../../cs-settings/cs-settings.queries";
import { uiLanguage } from "../../cs-settings/display-text";
import { useAccountPicklists } from "../../cs-settings/use-account-picklists";
import {
  type AccountListSearch,
  accountKeys,
  accountListQueryOptions,
  createAccount,
} from "../accounts.queries";
import { useOwners } from "../use-owners";
import { AccountFilters } from "./account-filters";
import { AccountForm } from "./account-form";
import { AccountsTable } from "./accounts-table";
import { SavedViewsMenu } from "./saved-views-menu";

type Props = {
  search: AccountListSearch;
  onSearchChange: (next: AccountListSearch) => void;
  onOpenAccount: (accountId: string) => void;
};

export const AccountListPage = ({ search, onSearchChange, onOpenAccount }: Props) => {
  const { t, i18n } = useTranslation();
  const canWrite = useCan("write");
  usePageTitle(t("accounts.title"));
  const owners = useOwners();
  const phases = useQuery(phasesQueryOptions());
  const phaseNames = useMemo(() => {
    const lang = uiLanguage(i18n.language);
    return new Map(
      (phases.data?.phases ?? []).map((phase) => [phase.key, localizeText(phase.name, lang)]),
    );
  }, [phases.data, i18n.language]);
  const segmentChoices = useAccountPicklists().choices("segment");
  const segmentNames = new Map(segmentChoices.map((choice) => [choice.value, choice.label]));
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useInfiniteQuery(accountListQueryOptions(search));
  const accounts = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isPlaceholderData } = list;
  const loadMore = useCallback(() => {
    // The old search's pages are on screen until the new one answers: no paging then.
    if (hasNextPage && !isFetchingNextPage && !isPlaceholderData) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isPlaceholderData, fetchNextPage]);

  const create = useMutation({
    mutationFn: createAccount,
    onSuccess: async (account) => {
      await queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
      notifications.show({ color: "teal", message: t("accounts.created", { name: account.name }) });
      setCreating(false);
      onOpenAccount(account.id);
    },
  });
  const closeCreate = () => {
    setCreating(false);
    create.reset();
  };
  const filtered = Boolean(
    search.q ||
      search.ownerUserId ||
      search.segment ||
      search.touchModel ||
      search.band ||
      search.status,
  );

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t("accounts.title")}
        </Title>
        <Group gap="sm">
          <SavedViewsMenu search={search} onApply={onSearchChange} />
          {canWrite ? <Button onClick={() => setCreating(true)}>{t("accounts.new")}</Button> : null}
        </Group>
      </Group>
      <AccountFilters search={search} onChange={onSearchChange} />
      {list.isPending ? (
        <Center py="xl">
          <Loader size="sm" aria-label={t("common.loading")} />
        </Center>
      ) : list.isError ? (
        <ApiErrorAlert error={list.error} />
      ) : accounts.length === 0 ? (
        <EmptyState
          py="xl"
          title={filtered ? t("accounts.noMatch") : t("accounts.empty")}
          description={filtered ? undefined : t("accounts.emptyDescription")}
        />
      ) : (
        <Box
          style={{ opacity: isPlaceholderData ? 0.6 : 1, transition: "opacity 150ms" }}
          aria-busy={isPlaceholderData}
        >
          <AccountsTable
            accounts={accounts}
            ownerNames={owners.names}
            phaseNames={phaseNames}
            segmentNames={segmentNames}
            hasNextPage={hasNextPage && !isPlaceholderData}
            isFetchingNextPage={isFetchingNextPage}
            onLoadMore={loadMore}
            onOpen={onOpenAccount}
            sort={search.sort ?? "name"}
            onSortChange={(sort) =>
              onSearchChange({ ...search, sort: sort === "name" ? undefined : sort })
            }
          />
        </Box>
      )}
      <Modal opened={creating} onClose={closeCreate} title={t("accounts.createTitle")} size="lg">
        <AccountForm
          pending={create.isPending}
          error={create.error}
          submitLabel={t("common.create")}
          onSubmit={(body) => create.mutate(body)}
          onCancel={closeCreate}
        />
      </Modal>
    </Stack>
  );
};
