import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { csvEntities } from "@michi/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { type CsvFileEncoding, downloadCsvExport } from "../csv.queries";
import { CsvEncodingChoice } from "./csv-encoding-choice";

/** Downloads of the workspace's data, in the encoding chosen; a refused one says why. */
export const CsvExportPanel = () => {
  const { t } = useTranslation();
  const [encoding, setEncoding] = useState<CsvFileEncoding>("utf-8-bom");
  const download = useMutation({ mutationFn: downloadCsvExport });
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Stack gap={4}>
          <Title order={2} size="h4">
            {t("csv.export")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("csv.exportDescription")}
          </Text>
        </Stack>
        <CsvEncodingChoice
          value={encoding}
          onChange={(next) => {
            setEncoding(next);
            download.reset();
          }}
        />
        <Group gap="sm">
          {csvEntities.map((entity) => (
            <Button
              key={entity}
              variant="default"
              size="sm"
              loading={download.isPending && download.variables?.entity === entity}
              disabled={download.isPending && download.variables?.entity !== entity}
              onClick={() => download.mutate({ entity, encoding })}
            >
              {t("csv.exportLink", { entity: t(`csv.entities.${entity}`) })}
            </Button>
          ))}
        </Group>
        {download.isError ? <ApiErrorAlert error={download.error} /> : null}
      </Stack>
    </Paper>
  );
};
