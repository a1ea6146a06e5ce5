import { Button, Group } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "./confirm-dialog";

type DangerButtonProps = {
  /** Accessible name; names the row, e.g. "Delete Jane Doe". */
  label: string;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
};

/** The red text button at the end of a table row (delete, revoke, remove). */
export const RowDangerButton = ({
  label,
  disabled = false,
  onClick,
  children,
}: DangerButtonProps) => (
  <Button
    size="compact-sm"
    variant="subtle"
    color="red"
    disabled={disabled}
    aria-label={label}
    onClick={onClick}
  >
    {children}
  </Button>
);

type RowActionsProps = {
  editLabel: string;
  deleteLabel: string;
  onEdit: () => void;
  onDelete: () => void;
};

/** Edit and delete buttons for a table row; the labels are their accessible names. */
export const RowActions = ({ editLabel, deleteLabel, onEdit, onDelete }: RowActionsProps) => {
  const { t } = useTranslation();
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <Button size="compact-sm" variant="subtle" aria-label={editLabel} onClick={onEdit}>
        {t("common.edit")}
      </Button>
      <RowDangerButton label={deleteLabel} onClick={onDelete}>
        {t("common.delete")}
      </RowDangerButton>
    </Group>
  );
};

type RowConfirmDialogProps<T> = {
  /** The row awaiting confirmation; the dialog is open while this is set. */
  row: T | null;
  /** The mutation to run on the row (a TanStack Query mutation fits). */
  action: { isPending: boolean; error: unknown; mutate: (row: T) => void; reset: () => void };
  title: string;
  message: string;
  confirmLabel: string;
  onClose: () => void;
};

/** A ConfirmDialog wired to a row mutation: confirm runs it, closing clears its error. */
export const RowConfirmDialog = <T,>({
  row,
  action,
  onClose,
  ...text
}: RowConfirmDialogProps<T>) => (
  <ConfirmDialog
    opened={row !== null}
    {...text}
    loading={action.isPending}
    error={action.error}
    onConfirm={() => row !== null && action.mutate(row)}
    onClose={() => {
      onClose();
      action.reset();
    }}
  />
);
