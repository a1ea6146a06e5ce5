import { Button, Group, Text, Title } from "@mantine/core";
import { checkPlan, kpiProgress } from "@michi/core";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "../../../components/button-link";
import { LanguageSwitch } from "../../../components/language-switch";
import { usePageTitle } from "../../../components/use-page-title";
import { formatDate } from "../../../lib/format";
import { accountQueryOptions } from "../../accounts/accounts.queries";
import { formatKpiValue } from "../kpis/kpi-format";
import { PufuCanvas } from "../pufu/pufu-canvas";
import { buildPufuGraph } from "../pufu/pufu-graph";
import { layoutPufu } from "../pufu/pufu-layout";
import { planQueryOptions } from "../success-plans.queries";
import { usePlanCheckOptions } from "../use-plan-check-options";
import classes from "./plan-print.module.css";

/**
 * The plan on A4 landscape sheets: the プ譜 fitted to the first sheet, the
 * KGI/KPI sheet on the next. What is on screen is what prints (same box in mm).
 */
export const PlanPrintPage = ({ planId }: { planId: string }) => {
  const { t, i18n } = useTranslation();
  const { data: plan } = useSuspenseQuery(planQueryOptions(planId));
  const account = useQuery(accountQueryOptions(plan.accountId));
  const checkOptions = usePlanCheckOptions(planId);
  const doc = plan.document;
  const today = checkOptions.today;
  usePageTitle(doc.title);
  const graph = useMemo(
    () => buildPufuGraph(doc, checkPlan(doc, checkOptions), { asOf: today }),
    [doc, checkOptions, today],
  );
  const positions = useMemo(() => layoutPufu(graph, plan.layout), [graph, plan.layout]);
  const lang = i18n.language;
  const period =
    doc.period?.start || doc.period?.end
      ? `${formatDate(doc.period?.start, lang)} – ${formatDate(doc.period?.end, lang)}`
      : "";

  const header = (subtitle: string) => (
    <div className={classes.header}>
      <div>
        <Text size="xs" c="dimmed">
          {account.data?.name ?? ""} · {subtitle}
        </Text>
        <Title order={1} size="h3" ff="var(--print-font)">
          {doc.title}
        </Title>
      </div>
      <Text size="xs" c="dimmed" ta="right">
        {t("plans.stageNumber", { number: plan.stage })}
        {period ? ` · ${period}` : ""}
        <br />
        {t("plans.print.printedOn", { date: formatDate(today, lang) })}
      </Text>
    </div>
  );

  return (
    <div className={classes.root}>
      <Group className={classes.toolbar} justify="space-between">
        <ButtonLink
          to="/accounts/$accountId/plans/$planId"
          params={{ accountId: plan.accountId, planId }}
          variant="default"
        >
          {t("plans.print.back")}
        </ButtonLink>
        <Group gap="sm">
          <LanguageSwitch />
          <Button onClick={() => window.print()}>{t("plans.printView")}</Button>
        </Group>
      </Group>

      <section className={classes.sheet} aria-label={t("plans.tabs.pufu")}>
        {header(t("plans.tabs.pufu"))}
        <section className={classes.map} aria-label={t("plans.pufu.mapLabel")}>
          <PufuCanvas graph={graph} positions={positions} readOnly still />
        </section>
      </section>

      <section className={classes.sheet} aria-label={t("plans.kpis.sheet")}>
        {header(`${t("plans.purpose.title")} · ${t("plans.kpis.sheet")}`)}
        <div className={classes.purpose}>
          {(["businessIssue", "problem", "solution", "benefit"] as const).map((field) => (
            <div key={field} className={classes.purposeCell}>
              <Text size="xs" fw={700} c="indigo.8">
                {t(`plans.fields.purpose_${field}`)}
              </Text>
              <Text size="xs">{doc.purpose?.[field] || "—"}</Text>
            </div>
          ))}
        </div>
        {(doc.team ?? []).length > 0 ? (
          <Text size="xs" mb="3mm">
            <Text span fw={700}>
              {t("plans.team.title")}:{" "}
            </Text>
            {(doc.team ?? [])
              .map((member) => `${t(`plans.role.${member.role}`)} ${member.name}`)
              .join(" / ")}
          </Text>
        ) : null}
        <table className={classes.table}>
          <thead>
            <tr>
              <th>{t("plans.kpis.kind")}</th>
              <th>{t("plans.kpis.name")}</th>
              <th className={classes.num}>{t("plans.kpis.baseline")}</th>
              <th className={classes.num}>{t("plans.kpis.target")}</th>
              <th className={classes.num}>{t("plans.kpis.latest")}</th>
              <th className={classes.num}>{t("plans.kpis.progress")}</th>
              <th>{t("plans.kpis.dueDate")}</th>
              <th>{t("plans.kpis.evaluationMethod")}</th>
              <th>{t("plans.kpis.dataSource")}</th>
              <th>{t("plans.kpis.aggregation")}</th>
            </tr>
          </thead>
          <tbody>
            {(doc.kpis ?? []).map((kpi) => {
              const progress = kpiProgress(kpi, today);
              return (
                <tr key={kpi.key}>
                  <td>{t(`plans.kpiKind.${kpi.kind}`)}</td>
                  <td>{kpi.name}</td>
                  <td className={classes.num}>{formatKpiValue(kpi.baseline, kpi.unit, lang)}</td>
                  <td className={classes.num}>
                    {formatKpiValue(kpi.target, kpi.unit, lang)}
                    <br />
                    {t(`plans.kpiDirection.${progress.direction}`)}
                  </td>
                  <td className={classes.num}>
                    {formatKpiValue(progress.latest?.value, kpi.unit, lang)}
                  </td>
                  <td className={classes.num}>
                    {progress.percent === null ? "—" : `${Math.round(progress.percent)}%`}
                  </td>
                  <td>{formatDate(kpi.dueDate, lang) || "—"}</td>
                  <td>{kpi.evaluationMethod || "—"}</td>
                  <td>{kpi.dataSource || "—"}</td>
                  <td>{kpi.aggregation || "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {(doc.kpis ?? []).length === 0 ? (
          <Text size="sm" c="dimmed" mt="md">
            {t("plans.kpis.empty")}
          </Text>
        ) : null}
      </section>
    </div>
  );
};
