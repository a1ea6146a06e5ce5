import { Button, Chip, Group, Loader, SegmentedControl, Stack, Text } from "@mantine/core";
import { type ReportLanguage, type ReportSection, reportSections } from "@michi/core";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../../components/api-error-alert";
import { ButtonLink } from "../../../components/button-link";
import { usePageTitle } from "../../../components/use-page-title";
import { currentLanguage } from "../../../lib/i18n";
import {
  planQueryOptions,
  planReportQueryOptions,
  type ReportChoice,
  reportQuery,
} from "../success-plans.queries";
import classes from "./plan-print.module.css";
import { ReportSheet } from "./report-sheet";

export type PrintSearch = { lang?: ReportLanguage | undefined; sections?: string | undefined };

/** The sections a ?sections= names; all when it names none we know. */
export const sectionsOf = (text: string | undefined): ReportSection[] => {
  const named = new Set((text ?? "").split(","));
  const chosen = reportSections.filter((section) => named.has(section));
  return chosen.length > 0 ? chosen : [...reportSections];
};

type Props = {
  planId: string;
  search: PrintSearch;
  onSearchChange: (search: PrintSearch) => void;
};

/**
 * The evaluator report on A4 landscape sheets, one a slide: the same pages as
 * the PowerPoint (the server builds both from core's report), in the chosen
 * language and sections. What is on screen is what prints (same box in mm).
 */
export const PlanPrintPage = ({ planId, search, onSearchChange }: Props) => {
  const { t } = useTranslation();
  const { data: plan } = useSuspenseQuery(planQueryOptions(planId));
  const choice: ReportChoice = {
    lang: search.lang ?? currentLanguage(),
    sections: sectionsOf(search.sections),
  };
  const report = useQuery(planReportQueryOptions(planId, choice, plan.version));
  usePageTitle(plan.document.title);
  const choose = (next: ReportChoice) => onSearchChange(reportQuery(next));

  return (
    <div className={classes.root}>
      <Stack className={classes.toolbar} gap="xs">
        <Group justify="space-between">
          <ButtonLink
            to="/accounts/$accountId/plans/$planId"
            params={{ accountId: plan.accountId, planId }}
            variant="default"
          >
            {t("plans.print.back")}
          </ButtonLink>
          <Group gap="sm">
            <SegmentedControl<ReportLanguage>
              size="xs"
              aria-label={t("plans.report.language")}
              value={choice.lang}
              onChange={(lang) => choose({ ...choice, lang })}
              data={[
                { value: "ja", label: t("language.ja") },
                { value: "en", label: t("language.en") },
              ]}
            />
            <Button onClick={() => window.print()}>{t("plans.printView")}</Button>
          </Group>
        </Group>
        <Chip.Group
          multiple
          value={[...choice.sections]}
          // Leaving no chip chosen shows every section again: the view always has pages.
          onChange={(value) => choose({ ...choice, sections: sectionsOf(value.join(",")) })}
        >
          <Group gap={6} role="group" aria-label={t("plans.report.sheetsLabel")}>
            {reportSections.map((section) => (
              <Chip key={section} value={section} size="xs">
                {t(`plans.report.section.${section}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>

      {report.isPending ? (
        <Group className={classes.toolbar} gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t("plans.report.loading")}</Text>
        </Group>
      ) : report.isError ? (
        <div className={classes.toolbar}>
          <ApiErrorAlert error={report.error} />
        </div>
      ) : (
        report.data.deck.slides.map((slide, index) => (
          <ReportSheet
            // The slides of a deck keep their order; a heading may repeat on paged slides.
            // biome-ignore lint/suspicious/noArrayIndexKey: the index is the page number
            key={index}
            deck={report.data.deck}
            slide={slide}
            number={index + 1}
            plan={plan}
          />
        ))
      )}
    </div>
  );
};
