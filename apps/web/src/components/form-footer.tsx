import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";

type Props = {
  /** Shown only when editing an existing element. */
  onDelete?: (() => void) | undefined;
  deleteLabel: string;
  onCancel: () => void;
  submitLabel: string;
};

/** The footer every element form shares: Delete on the left, Cancel and submit on the right. */
export const FormFooter = ({ onDelete, deleteLabel, onCancel, submitLabel }: Props) => {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      {onDelete ? (
        <Button variant="subtle" color="red" onClick={onDelete}>
          {deleteLabel}
        </Button>
      ) : (
        <span />
      )}
      <Group gap="xs">
        <Button variant="default" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
        <Button type="submit">{submitLabel}</Button>
      </Group>
    </Group>
  );
};
