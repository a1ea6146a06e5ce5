import { Badge, Button, Group, Loader, Menu, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "../../../components/button-link";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { formatDate } from "../../../lib/format";
import { deletePlan, patchPlan, planExportUrl, planKeys } from "../success-plans.queries";
import type { PlanEditor } from "../use-plan-editor";
import { PlanStatusBadge } from "./plan-status-badge";
import { ReportExportDialog } from "./report-export-dialog";
import { SaveTemplateDialog } from "./save-template-dialog";

type Props = { editor: PlanEditor; canWrite: boolean; onDeleted: () => void };

/** The plan's title, status and stage, with exports and the less frequent actions. */
export const PlanHeader = ({ editor, canWrite, onDeleted }: Props) => {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { plan, document: doc } = editor;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [savingTemplate, setSavingTemplate] = useState(false);
  const [exporting, setExporting] = useState(false);
  const status = doc.status ?? "draft";
  const activate = useMutation({
    mutationFn: () => patchPlan(plan.id, { active: true }),
    onSuccess: (saved) => {
      queryClient.setQueryData(planKeys.detail(plan.id), saved);
      void queryClient.invalidateQueries({ queryKey: planKeys.ofAccount(plan.accountId) });
      notifications.show({ color: "teal", message: t("plans.activated") });
    },
  });
  const remove = useMutation({
    mutationFn: () => deletePlan(plan.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: planKeys.detail(plan.id) });
      void queryClient.invalidateQueries({ queryKey: planKeys.ofAccount(plan.accountId) });
      notifications.show({ color: "teal", message: t("plans.deleted") });
      onDeleted();
    },
  });
  const period =
    doc.period?.start || doc.period?.end
      ? `${formatDate(doc.period?.start, i18n.language)} – ${formatDate(doc.period?.end, i18n.language)}`
      : null;

  return (
    <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
      <Stack gap={6}>
        <Title order={1} size="h2">
          {doc.title}
        </Title>
        <Group gap="xs">
          <PlanStatusBadge status={status} current={plan.active} />
          <Badge color="grape" variant="outline">
            {t("plans.stageNumber", { number: plan.stage })}
          </Badge>
          {period ? (
            <Text size="sm" c="dimmed">
              {period}
            </Text>
          ) : null}
          {editor.saving ? (
            <Group gap={4} aria-live="polite">
              <Loader size={12} />
              <Text size="xs" c="dimmed">
                {t("common.saving")}
              </Text>
            </Group>
          ) : null}
        </Group>
      </Stack>
      <Group gap="xs">
        <Button component="a" variant="default" href={planExportUrl(plan.id)} download>
          {t("plans.exportJson")}
        </Button>
        <Button variant="default" onClick={() => setExporting(true)}>
          {t("plans.exportPptx")}
        </Button>
        <ButtonLink to="/plans/$planId/print" params={{ planId: plan.id }} variant="default">
          {t("plans.printView")}
        </ButtonLink>
        {canWrite ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="subtle">{t("plans.moreActions")}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {!plan.active ? (
                <Menu.Item onClick={() => activate.mutate()}>{t("plans.setActive")}</Menu.Item>
              ) : null}
              <Menu.Item onClick={() => setSavingTemplate(true)}>
                {t("plans.saveAsTemplate")}
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={() => setConfirmDelete(true)}>
                {t("plans.delete")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Group>
      <ReportExportDialog opened={exporting} planId={plan.id} onClose={() => setExporting(false)} />
      <SaveTemplateDialog
        opened={savingTemplate}
        planId={plan.id}
        defaultName={doc.title}
        onClose={() => setSavingTemplate(false)}
      />
      <ConfirmDialog
        opened={confirmDelete}
        title={t("plans.deleteTitle")}
        message={t("plans.deleteBody", { name: doc.title })}
        confirmLabel={t("common.delete")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setConfirmDelete(false);
          remove.reset();
        }}
      />
    </Group>
  );
};
