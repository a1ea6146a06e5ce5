import {
  Button,
  Center,
  EmptyState,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { formatMoney } from "@michi/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { RowActions, RowConfirmDialog } from "../../../components/row-actions";
import { formatDate } from "../../../lib/format";
import { useCan } from "../../auth/use-me";
import {
  type Contract,
  type ContractInput,
  contractKeys,
  contractsQueryOptions,
  createContract,
  deleteContract,
  updateContract,
} from "../contracts.queries";
import { ContractForm } from "./contract-form";
import { ContractStatusBadge } from "./contract-status-badge";

type Editor = { mode: "create" } | { mode: "edit"; contract: Contract } | null;

/** Active MRR per currency: amounts in different currencies are never added together. */
const activeMrrByCurrency = (contracts: Contract[]) => {
  const totals = new Map<string, number>();
  for (const contract of contracts) {
    if (contract.status !== "active") continue;
    totals.set(contract.currency, (totals.get(contract.currency) ?? 0) + contract.mrrMinor);
  }
  return [...totals.entries()];
};

export const ContractsPanel = ({ accountId }: { accountId: string }) => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const canWrite = useCan("write");
  const queryClient = useQueryClient();
  const contracts = useQuery(contractsQueryOptions(accountId));
  const [editor, setEditor] = useState<Editor>(null);
  const [deleting, setDeleting] = useState<Contract | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: contractKeys.ofAccount(accountId) });

  const save = useMutation({
    mutationFn: (body: ContractInput) =>
      editor?.mode === "edit"
        ? updateContract(editor.contract.id, body)
        : createContract(accountId, body),
    onSuccess: async () => {
      await refresh();
      notifications.show({
        color: "teal",
        message: editor?.mode === "edit" ? t("common.saved") : t("contracts.created"),
      });
      setEditor(null);
    },
  });
  const remove = useMutation({
    mutationFn: (contract: Contract) => deleteContract(contract.id),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: "teal", message: t("common.deleted") });
      setDeleting(null);
    },
  });
  const closeEditor = () => {
    setEditor(null);
    save.reset();
  };

  if (contracts.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (contracts.isError) return <ApiErrorAlert error={contracts.error} />;
  const rows = contracts.data.data;
  const totals = activeMrrByCurrency(rows);
  const dash = t("common.none");

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="lg">
          <Text fw={600}>{t("contracts.title")}</Text>
          {totals.length > 0 ? (
            <Text size="sm" c="dimmed">
              {t("contracts.activeMrr")}:{" "}
              <Text span fw={600} c="var(--mantine-color-text)">
                {totals
                  .map(([currency, minor]) => formatMoney(minor, currency, locale))
                  .join(" + ")}
              </Text>
            </Text>
          ) : null}
        </Group>
        {canWrite ? (
          <Button size="sm" onClick={() => setEditor({ mode: "create" })}>
            {t("contracts.add")}
          </Button>
        ) : null}
      </Group>
      {rows.length === 0 ? (
        <EmptyState
          py="lg"
          title={t("contracts.empty")}
          description={t("contracts.emptyDescription")}
        />
      ) : (
        <Table.ScrollContainer minWidth={840}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("contracts.product")}</Table.Th>
                <Table.Th ta="right">{t("contracts.mrr")}</Table.Th>
                <Table.Th ta="right">{t("contracts.seats")}</Table.Th>
                <Table.Th>{t("contracts.startDate")}</Table.Th>
                <Table.Th>{t("contracts.endDate")}</Table.Th>
                <Table.Th>{t("contracts.status")}</Table.Th>
                <Table.Th>{t("contracts.externalId")}</Table.Th>
                {canWrite ? <Table.Th ta="right">{t("common.actions")}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((contract) => (
                <Table.Tr key={contract.id}>
                  <Table.Td fw={500}>{contract.product}</Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                    {formatMoney(contract.mrrMinor, contract.currency, locale)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                    {contract.seats === null ? dash : contract.seats.toLocaleString(locale)}
                  </Table.Td>
                  <Table.Td>{formatDate(contract.startDate, locale)}</Table.Td>
                  <Table.Td>
                    {contract.endDate ? formatDate(contract.endDate, locale) : t("contracts.noEnd")}
                  </Table.Td>
                  <Table.Td>
                    <ContractStatusBadge status={contract.status} />
                  </Table.Td>
                  <Table.Td ff="monospace" c="dimmed">
                    {contract.externalId ?? dash}
                  </Table.Td>
                  {canWrite ? (
                    <Table.Td>
                      <RowActions
                        editLabel={t("contracts.editNamed", { name: contract.product })}
                        deleteLabel={t("contracts.deleteNamed", { name: contract.product })}
                        onEdit={() => setEditor({ mode: "edit", contract })}
                        onDelete={() => setDeleting(contract)}
                      />
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editor !== null}
        onClose={closeEditor}
        title={editor?.mode === "edit" ? t("contracts.editTitle") : t("contracts.createTitle")}
        size="lg"
      >
        {editor ? (
          <ContractForm
            {...(editor.mode === "edit" ? { contract: editor.contract } : {})}
            pending={save.isPending}
            error={save.error}
            submitLabel={editor.mode === "edit" ? t("common.save") : t("common.create")}
            onSubmit={(body) => save.mutate(body)}
            onCancel={closeEditor}
          />
        ) : null}
      </Modal>
      <RowConfirmDialog
        row={deleting}
        action={remove}
        title={t("contracts.deleteTitle")}
        message={t("contracts.deleteBody", { product: deleting?.product ?? "" })}
        confirmLabel={t("common.delete")}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
};
