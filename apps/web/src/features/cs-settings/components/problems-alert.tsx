import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The first few problems found (by path), above a settings form. */
export const ProblemsAlert = ({ errors }: { errors: Record<string, string> }) => {
  const { t } = useTranslation();
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={t("csSettings.invalid")}>
      {entries.slice(0, 5).map(([key, message]) => (
        <Text key={key} size="sm">
          {key}: {message}
        </Text>
      ))}
    </Alert>
  );
};
