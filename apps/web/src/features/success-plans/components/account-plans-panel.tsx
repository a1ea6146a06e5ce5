import { Button, Center, EmptyState, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/anchor-link";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { formatDate, formatDateTime } from "../../../lib/format";
import { useCan } from "../../auth/use-me";
import { accountPlansQueryOptions, patchPlan, planKeys } from "../success-plans.queries";
import { CreatePlanDialog } from "./create-plan-dialog";
import { ImportPlanDialog } from "./import-plan-dialog";
import { PlanStatusBadge } from "./plan-status-badge";

/** The account's "Success plan" tab: its plans, the current one first; create, import, open. */
export const AccountPlansPanel = ({ accountId }: { accountId: string }) => {
  const { t, i18n } = useTranslation();
  const canWrite = useCan("write");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const plans = useQuery(accountPlansQueryOptions(accountId));
  const [dialog, setDialog] = useState<"create" | "import" | null>(null);
  const activate = useMutation({
    mutationFn: (planId: string) => patchPlan(planId, { active: true }),
    onSuccess: (saved) => {
      queryClient.setQueryData(planKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: planKeys.ofAccount(accountId) });
      notifications.show({ color: "teal", message: t("plans.activated") });
    },
  });
  const open = (planId: string) =>
    navigate({ to: "/accounts/$accountId/plans/$planId", params: { accountId, planId } });

  if (plans.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (plans.isError) return <ApiErrorAlert error={plans.error} />;
  const rows = plans.data.data;
  const dash = t("common.none");

  return (
    <Stack>
      <Group justify="space-between">
        <Text fw={600}>{t("plans.listTitle")}</Text>
        {canWrite ? (
          <Group gap="xs">
            <Button variant="default" size="sm" onClick={() => setDialog("import")}>
              {t("plans.importFile")}
            </Button>
            <Button size="sm" onClick={() => setDialog("create")}>
              {t("plans.new")}
            </Button>
          </Group>
        ) : null}
      </Group>
      <ApiErrorAlert error={activate.error} />
      {rows.length === 0 ? (
        <EmptyState py="lg" title={t("plans.empty")} description={t("plans.emptyDescription")} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("plans.title")}</Table.Th>
                <Table.Th>{t("plans.statusLabel")}</Table.Th>
                <Table.Th>{t("plans.stage")}</Table.Th>
                <Table.Th>{t("plans.period")}</Table.Th>
                <Table.Th>{t("plans.updatedAt")}</Table.Th>
                {canWrite ? <Table.Th ta="right">{t("common.actions")}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((plan) => (
                <Table.Tr key={plan.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <AnchorLink
                        to="/accounts/$accountId/plans/$planId"
                        params={{ accountId, planId: plan.id }}
                        fw={600}
                        size="sm"
                      >
                        {plan.title}
                      </AnchorLink>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <PlanStatusBadge status={plan.status} current={plan.active} size="sm" />
                  </Table.Td>
                  <Table.Td>{t("plans.stageNumber", { number: plan.stage })}</Table.Td>
                  <Table.Td>
                    {plan.period.start || plan.period.end
                      ? `${formatDate(plan.period.start, i18n.language) || dash} – ${formatDate(plan.period.end, i18n.language) || dash}`
                      : dash}
                  </Table.Td>
                  <Table.Td>{formatDateTime(plan.updatedAt, i18n.language)}</Table.Td>
                  {canWrite ? (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {!plan.active ? (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            loading={activate.isPending && activate.variables === plan.id}
                            aria-label={t("plans.setActiveNamed", { name: plan.title })}
                            onClick={() => activate.mutate(plan.id)}
                          >
                            {t("plans.setActiveShort")}
                          </Button>
                        ) : null}
                        <Button
                          size="compact-sm"
                          variant="light"
                          aria-label={t("plans.openNamed", { name: plan.title })}
                          onClick={() => open(plan.id)}
                        >
                          {t("plans.open")}
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreatePlanDialog
        opened={dialog === "create"}
        accountId={accountId}
        onClose={() => setDialog(null)}
        onCreated={(planId) => open(planId)}
      />
      <ImportPlanDialog
        opened={dialog === "import"}
        accountId={accountId}
        onClose={() => setDialog(null)}
        onImported={(planId) => open(planId)}
      />
    </Stack>
  );
};
