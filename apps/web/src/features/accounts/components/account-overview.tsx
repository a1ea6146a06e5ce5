import { Button, DataList, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format";
import { AccountOverviewCards } from "../../account-overview/components/account-overview-cards";
import { useCan } from "../../auth/use-me";
import { useAccountPicklists } from "../../cs-settings/use-account-picklists";
import { type Account, accountKeys, updateAccount } from "../accounts.queries";
import { useOwners } from "../use-owners";
import { AccountForm } from "./account-form";
import { TouchModelBadge } from "./touch-model-badge";

/** Text the customer wrote in several lines keeps its line breaks. */
const Multiline = ({ text }: { text: string | undefined }) => {
  const { t } = useTranslation();
  return (
    <Text size="sm" style={{ whiteSpace: "pre-wrap" }} c={text ? undefined : "dimmed"}>
      {text || t("common.none")}
    </Text>
  );
};

export const AccountOverview = ({ account }: { account: Account }) => {
  const { t, i18n } = useTranslation();
  const picklists = useAccountPicklists();
  const canWrite = useCan("write");
  const owners = useOwners();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const update = useMutation({
    mutationFn: (body: Parameters<typeof updateAccount>[1]) => updateAccount(account.id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(accountKeys.detail(account.id), saved);
      void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
      notifications.show({ color: "teal", message: t("common.saved") });
      setEditing(false);
    },
  });

  if (editing) {
    return (
      <Stack>
        <Title order={2} size="h4">
          {t("accounts.editTitle")}
        </Title>
        <AccountForm
          account={account}
          pending={update.isPending}
          error={update.error}
          submitLabel={t("common.save")}
          onSubmit={(body) => update.mutate(body)}
          onCancel={() => {
            setEditing(false);
            update.reset();
          }}
        />
      </Stack>
    );
  }

  const dash = t("common.none");
  const owner = account.ownerUserId
    ? (owners.names.get(account.ownerUserId) ?? t("accounts.unknownOwner"))
    : dash;
  const rows = [
    [t("accounts.name"), account.name],
    [t("accounts.externalId"), account.externalId ?? dash],
    [t("accounts.industry"), picklists.label("industry", account.industry) ?? dash],
    [t("accounts.segment"), picklists.label("segment", account.segment) ?? dash],
    [t("accounts.owner"), owner],
    [
      t("touchModel.label"),
      account.touchModel ? <TouchModelBadge key="touchModel" value={account.touchModel} /> : dash,
    ],
    [t("accounts.createdAt"), formatDateTime(account.createdAt, i18n.language)],
    [t("accounts.updatedAt"), formatDateTime(account.updatedAt, i18n.language)],
  ] as const;

  return (
    <Stack gap="lg">
      <AccountOverviewCards accountId={account.id} />
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t("account.details")}
        </Title>
        {canWrite ? (
          <Button variant="light" onClick={() => setEditing(true)}>
            {t("common.edit")}
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <DataList labelWidth={140} withDivider>
          {rows.map(([label, value]) => (
            <DataList.Item key={label}>
              <DataList.ItemLabel>{label}</DataList.ItemLabel>
              <DataList.ItemValue>{value}</DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
        <Stack gap="md">
          <Title order={3} size="h5">
            {t("accounts.profile")}
          </Title>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t("accounts.persona")}
            </Text>
            <Multiline text={account.profile.persona} />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t("accounts.challenges")}
            </Text>
            <Multiline text={account.profile.challenges} />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t("accounts.successFactors")}
            </Text>
            <Multiline text={account.profile.successFactors} />
          </Stack>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
};
