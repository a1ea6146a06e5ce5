import { Button, Group, Text, Title } from "@mantine/core";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "../../../components/button-link";
import { LanguageSwitch } from "../../../components/language-switch";
import { usePageTitle } from "../../../components/use-page-title";
import { formatDate } from "../../../lib/format";
import { useMe } from "../../auth/use-me";
import { PhaseTable } from "../components/phase-table";
import { phasesQueryOptions } from "../cs-settings.queries";
import { uiLanguage } from "../display-text";
import classes from "./phase-print.module.css";

const today = () => new Date().toISOString().slice(0, 10);

/** The saved phase design table on an A4 landscape sheet, for the team's wall or a workshop. */
export const PhasePrintPage = () => {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { data } = useSuspenseQuery(phasesQueryOptions());
  const lang = uiLanguage(i18n.resolvedLanguage);
  usePageTitle(t("csSettings.print.title"));
  return (
    <div className={classes.root}>
      <Group className={classes.toolbar} justify="space-between">
        <ButtonLink to="/settings" search={{ tab: "phases" }} variant="default">
          {t("csSettings.print.back")}
        </ButtonLink>
        <Group gap="sm">
          <LanguageSwitch />
          <Button onClick={() => window.print()}>{t("csSettings.print.print")}</Button>
        </Group>
      </Group>
      <section className={classes.sheet} aria-label={t("csSettings.print.title")}>
        <div className={classes.header}>
          <div>
            <Text size="xs" c="dimmed">
              {me.workspace.name}
            </Text>
            <Title order={1} size="h3" ff="var(--print-font)">
              {t("csSettings.print.title")}
            </Title>
          </div>
          <Text size="xs" c="dimmed" ta="right">
            {t("csSettings.print.mode", {
              mode: t(
                data.mode === "auto"
                  ? "csSettings.phases.modeAuto"
                  : "csSettings.phases.modePropose",
              ),
            })}
            <br />
            {t("csSettings.print.printedOn", { date: formatDate(today(), i18n.language) })}
          </Text>
        </div>
        <PhaseTable
          phases={data.phases}
          lang={lang}
          accountsByPhase={data.accountsByPhase}
          className={classes.table}
        />
      </section>
    </div>
  );
};
