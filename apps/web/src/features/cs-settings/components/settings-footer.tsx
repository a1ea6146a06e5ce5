import { Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

type Props = {
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
  /** Shown on the left when given: back to Michi's default. */
  onReset?: () => void;
};

/** Reset on the left; unsaved note, Discard and Save on the right. */
export const SettingsFooter = ({ dirty, saving, onSave, onDiscard, onReset }: Props) => {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      {onReset ? (
        <Button variant="subtle" color="red" onClick={onReset}>
          {t("csSettings.resetToDefault")}
        </Button>
      ) : (
        <span />
      )}
      <Group gap="xs">
        {dirty ? (
          <Text size="sm" c="dimmed">
            {t("csSettings.unsaved")}
          </Text>
        ) : null}
        <Button variant="default" disabled={!dirty} onClick={onDiscard}>
          {t("csSettings.discard")}
        </Button>
        <Button onClick={onSave} loading={saving}>
          {t("common.save")}
        </Button>
      </Group>
    </Group>
  );
};
