import { Alert, Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { csvEntities } from "@michi/core";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../../components/use-page-title";
import { useCan } from "../../auth/use-me";
import { csvExportUrl } from "../csv.queries";
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
      <Paper withBorder p="lg" radius="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t("csv.export")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("csv.exportDescription")}
          </Text>
          <Group gap="lg">
            {csvEntities.map((entity) => (
              <Anchor key={entity} href={csvExportUrl(entity)} download size="sm">
                {t("csv.exportLink", { entity: t(`csv.entities.${entity}`) })}
              </Anchor>
            ))}
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
};
