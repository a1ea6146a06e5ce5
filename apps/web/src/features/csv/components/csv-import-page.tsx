import { Alert, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../../components/use-page-title";
import { useCan } from "../../auth/use-me";
import { CsvExportPanel } from "./csv-export-panel";
import { CsvImportCard } from "./csv-import-card";

export const CsvImportPage = () => {
  const { t } = useTranslation();
  const canWrite = useCan("write");
  usePageTitle(t("csv.title"));
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("csv.title")}
        </Title>
        <Text c="dimmed" size="sm" maw={760}>
          {t("csv.description")}
        </Text>
      </Stack>
      {canWrite ? (
        <CsvImportCard />
      ) : (
        <Alert color="gray" variant="light">
          {t("errors.forbidden")}
        </Alert>
      )}
      <CsvExportPanel />
    </Stack>
  );
};
