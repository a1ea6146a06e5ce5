import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
} from "@mantine/core";
import { type ReportLanguage, type ReportSection, reportSections } from "@michi/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../lib/i18n";
import { planPptxUrl, planPrintUrl } from "../success-plans.queries";

type Props = { opened: boolean; planId: string; onClose: () => void };

/**
 * 評価者への報告: the language and the sections, then the PowerPoint or the
 * print view (A4) of the same choice.
 */
export const ReportExportDialog = ({ opened, planId, onClose }: Props) => {
  const { t } = useTranslation();
  const [lang, setLang] = useState<ReportLanguage>(currentLanguage);
  const [sections, setSections] = useState<ReportSection[]>([...reportSections]);
  const choice = { lang, sections: reportSections.filter((s) => sections.includes(s)) };
  const none = choice.sections.length === 0;
  return (
    <Modal opened={opened} onClose={onClose} title={t("plans.report.title")} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t("plans.report.hint")}
        </Text>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="report-language">
            {t("plans.report.language")}
          </Text>
          <SegmentedControl<ReportLanguage>
            aria-labelledby="report-language"
            value={lang}
            onChange={setLang}
            data={[
              { value: "ja", label: t("language.ja") },
              { value: "en", label: t("language.en") },
            ]}
          />
        </Stack>
        <Checkbox.Group
          label={t("plans.report.sections")}
          value={sections}
          onChange={(value) => setSections(value as ReportSection[])}
          error={none ? t("plans.report.chooseOne") : null}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
            {reportSections.map((section) => (
              <Checkbox
                key={section}
                value={section}
                label={t(`plans.report.section.${section}`)}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {sections.length < reportSections.length ? (
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => setSections([...reportSections])}
          >
            {t("plans.report.allSections")}
          </Anchor>
        ) : null}
        <Group justify="flex-end">
          <Button
            component="a"
            variant="default"
            href={none ? undefined : planPrintUrl(planId, choice)}
            target="_blank"
            rel="noopener"
            disabled={none}
          >
            {t("plans.report.openPrint")}
          </Button>
          <Button
            component="a"
            href={none ? undefined : planPptxUrl(planId, choice)}
            download
            disabled={none}
          >
            {t("plans.report.downloadPptx")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
};
