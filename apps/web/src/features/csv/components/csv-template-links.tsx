import { Anchor, Group, Stack, Text } from "@mantine/core";
import { type CsvEntity, csvLanguages } from "@michi/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type CsvFileEncoding, csvTemplateUrl } from "../csv.queries";
import { CsvEncodingChoice } from "./csv-encoding-choice";

/** Templates of the chosen file: its columns headed in Japanese or English, one example row. */
export const CsvTemplateLinks = ({ entity }: { entity: CsvEntity }) => {
  const { t } = useTranslation();
  const [encoding, setEncoding] = useState<CsvFileEncoding>("utf-8-bom");
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t("csv.template")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("csv.templateHint")}
      </Text>
      <CsvEncodingChoice value={encoding} onChange={setEncoding} />
      <Group gap="lg">
        {csvLanguages.map((lang) => (
          <Anchor key={lang} href={csvTemplateUrl({ entity, lang, encoding })} download size="sm">
            {t(`csv.templateIn.${lang}`, { entity: t(`csv.entities.${entity}`) })}
          </Anchor>
        ))}
      </Group>
    </Stack>
  );
};
