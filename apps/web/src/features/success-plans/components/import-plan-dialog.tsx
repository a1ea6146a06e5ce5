import { Alert, Button, FileInput, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { isApiError } from "../../../lib/api-client";
import { problemText } from "../../../lib/problem-text";
import { importPlan, planKeys } from "../success-plans.queries";

type Props = {
  opened: boolean;
  accountId: string;
  onClose: () => void;
  onImported: (planId: string) => void;
};

/** Imports a michi.plan/v1 file for this account; a refused file lists every problem by pointer. */
export const ImportPlanDialog = ({ opened, accountId, onClose, onImported }: Props) => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [parseError, setParseError] = useState(false);
  const upload = useMutation({
    mutationFn: async (chosen: File) => {
      let document: unknown;
      try {
        document = JSON.parse(await chosen.text());
      } catch {
        setParseError(true);
        throw new Error("not JSON");
      }
      return importPlan({ document, accountId });
    },
    onSuccess: (plan) => {
      queryClient.setQueryData(planKeys.detail(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: planKeys.ofAccount(accountId) });
      notifications.show({ color: "teal", message: t("plans.imported") });
      close();
      onImported(plan.id);
    },
  });
  const close = () => {
    upload.reset();
    setFile(null);
    setParseError(false);
    onClose();
  };
  const problems =
    isApiError(upload.error) && upload.error.status === 422 ? upload.error.errors : [];

  return (
    <Modal opened={opened} onClose={close} title={t("plans.importTitle")} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t("plans.importHint")}
        </Text>
        <FileInput
          label={t("plans.importFileLabel")}
          accept="application/json,.json"
          clearable
          value={file}
          onChange={(next) => {
            setFile(next);
            setParseError(false);
            upload.reset();
          }}
        />
        {parseError ? (
          <Alert color="red" variant="light" role="alert" title={t("plans.importNotJson")} />
        ) : problems.length > 0 ? (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={t("plans.importRefused", { count: problems.length })}
          >
            <Table.ScrollContainer minWidth={420} mah={280}>
              <Table fz="xs" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("plans.importPointer")}</Table.Th>
                    <Table.Th>{t("plans.importProblem")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {problems.map((problem) => (
                    <Table.Tr key={`${problem.pointer}-${problem.message}`}>
                      <Table.Td ff="monospace">{problem.pointer || "/"}</Table.Td>
                      <Table.Td>{problemText(problem)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Alert>
        ) : upload.error && !parseError ? (
          <ApiErrorAlert error={upload.error} />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t("common.cancel")}
          </Button>
          <Button
            disabled={!file}
            loading={upload.isPending}
            onClick={() => file && upload.mutate(file)}
          >
            {t("plans.importSubmit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
