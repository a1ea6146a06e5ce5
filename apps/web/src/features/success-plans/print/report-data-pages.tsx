import {
  checkPlan,
  type ReportKpiSlide,
  type ReportLanguage,
  type ReportMilestoneSlide,
  type ReportRoadmapSlide,
} from "@michi/core";
import { useMemo } from "react";
import { I18nextProvider } from "react-i18next";
import { createFixedLanguageI18n } from "../../../lib/i18n";
import { Chart } from "../charts/chart";
import { kpiChartOption } from "../kpis/kpi-chart-option";
import { PufuCanvas } from "../pufu/pufu-canvas";
import { buildPufuGraph } from "../pufu/pufu-graph";
import { layoutPufu } from "../pufu/pufu-layout";
import { roadmapChartOption } from "../roadmap/roadmap-chart-option";
import type { Plan } from "../success-plans.queries";
import { usePlanCheckOptions } from "../use-plan-check-options";
import classes from "./plan-print.module.css";

/* The pages of the evaluator report that draw: the プ譜, KPI charts, milestones, roadmap. */

/** The プ譜 as the plan page draws it, its words in the report's language. */
export const PufuPage = ({ plan, lang }: { plan: Plan; lang: ReportLanguage }) => {
  const checkOptions = usePlanCheckOptions(plan.id);
  const doc = plan.document;
  const today = checkOptions.today;
  const graph = useMemo(
    () => buildPufuGraph(doc, checkPlan(doc, checkOptions), { asOf: today }),
    [doc, checkOptions, today],
  );
  const positions = useMemo(() => layoutPufu(graph, plan.layout), [graph, plan.layout]);
  const i18n = useMemo(() => createFixedLanguageI18n(lang), [lang]);
  return (
    <I18nextProvider i18n={i18n}>
      <div className={classes.map}>
        <PufuCanvas graph={graph} positions={positions} readOnly still />
      </div>
    </I18nextProvider>
  );
};

/** Two KPIs a page: the chart of actual against the plan line, then the facts. */
export const KpisPage = ({
  slide,
  plan,
  locale,
}: {
  slide: ReportKpiSlide;
  plan: Plan;
  locale: string;
}) => {
  if (slide.cards.length === 0) return <p className={classes.empty}>{slide.emptyText}</p>;
  return (
    <div className={classes.kpis}>
      {slide.cards.map((card) => {
        const kpi = plan.document.kpis?.find((k) => k.key === card.key);
        const targetLabel = card.facts[1]?.label ?? "";
        return (
          <section key={card.key} aria-label={card.name} className={classes.kpi}>
            <h3 className={classes.subheading}>
              <span className={classes.kind}>{card.kindLabel}</span> {card.name}
            </h3>
            {card.chart && kpi ? (
              <Chart
                option={kpiChartOption(kpi, plan.document.period?.start, {
                  ...card.chart.labels,
                  target: targetLabel,
                  locale,
                })}
                height={250}
                label={card.name}
              />
            ) : (
              <p className={classes.noChart}>{card.noDataText}</p>
            )}
            <dl className={classes.facts}>
              {card.facts.map((fact) => (
                <div key={fact.label}>
                  <dt>{fact.label}</dt>
                  <dd className={fact.date ? classes.nowrap : undefined}>{fact.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
};

export const MilestonesPage = ({ slide }: { slide: ReportMilestoneSlide }) => {
  if (slide.rows.length === 0) return <p className={classes.empty}>{slide.emptyText}</p>;
  const timeline = slide.timeline;
  const at = (position: number) => ({ left: `${position * 100}%` });
  return (
    <div>
      {timeline ? (
        <div className={classes.timeline}>
          <div className={classes.track} />
          {timeline.ticks.map((tick) => (
            <span key={tick.label} className={classes.tick} style={at(tick.at)}>
              {tick.label}
            </span>
          ))}
          {timeline.today ? (
            <span className={classes.today} style={at(timeline.today.at)}>
              {timeline.today.label}
            </span>
          ) : null}
          {timeline.items.map((item, i) => (
            <div
              key={item.key}
              className={classes.milestone}
              data-state={item.state}
              data-row={i % 2}
              style={at(item.at)}
            >
              <span className={classes.diamond} />
              <span className={classes.milestoneLabel}>
                <strong>{item.title}</strong>
                <span className={classes.nowrap}>{item.date}</span>
              </span>
            </div>
          ))}
        </div>
      ) : null}
      <table className={classes.table}>
        <thead>
          <tr>
            <th>{slide.columns.title}</th>
            <th>{slide.columns.dueDate}</th>
            <th>{slide.columns.doneDate}</th>
            <th>{slide.columns.state}</th>
          </tr>
        </thead>
        <tbody>
          {slide.rows.map((row) => (
            <tr key={row.key}>
              <td>{row.title}</td>
              <td className={classes.nowrap}>{row.dueDate}</td>
              <td className={classes.nowrap}>{row.doneDate}</td>
              <td className={classes[row.state]}>{row.stateLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export const RoadmapPage = ({ slide }: { slide: ReportRoadmapSlide }) => {
  if (slide.items.length === 0) return <p className={classes.empty}>{slide.emptyText}</p>;
  const c = slide.columns;
  const option = roadmapChartOption(
    slide.items.map((item) => ({
      key: item.key,
      process: `${item.rank}. ${item.process}`,
      status: item.status,
      ...(item.impact !== null ? { impact: item.impact } : {}),
      ...(item.difficulty !== null ? { difficulty: item.difficulty } : {}),
    })),
    { ...slide.quadrants, ...slide.axes },
  );
  return (
    <div className={classes.roadmap}>
      <Chart
        option={option}
        height={420}
        label={`${slide.axes.impact} × ${slide.axes.difficulty}`}
      />
      <div>
        <table className={classes.table}>
          <thead>
            <tr>
              <th>{c.rank}</th>
              <th>{c.process}</th>
              <th>{c.purpose}</th>
              <th>{c.how}</th>
              <th>{c.howMuch}</th>
              <th>{c.status}</th>
              <th>{c.startDate}</th>
            </tr>
          </thead>
          <tbody>
            {slide.items.map((item) => (
              <tr key={item.key}>
                <td>{item.rank}</td>
                <th scope="row">{item.process}</th>
                <td>{item.purpose || "—"}</td>
                <td>{item.how || "—"}</td>
                <td>{item.howMuch || "—"}</td>
                <td className={classes.nowrap}>{item.statusLabel}</td>
                <td className={classes.nowrap}>{item.startDate}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {slide.unrankedNote ? <p className={classes.muted}>{slide.unrankedNote}</p> : null}
      </div>
    </div>
  );
};
