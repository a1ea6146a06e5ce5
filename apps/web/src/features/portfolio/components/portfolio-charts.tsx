import { Text } from "@mantine/core";
import { formatMoney, fromMinorUnits } from "@michi/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import { chartColors } from "../../success-plans/charts/echarts";
import type { Portfolio } from "../portfolio.queries";
import { bandChartColors, levelColors, type PortfolioChartOption } from "../portfolio-echarts";
import { PortfolioChart } from "./portfolio-chart";

const bands = ["red", "yellow", "green", "none"] as const;
const axisLabel = { color: chartColors.text };
const splitLine = { lineStyle: { color: chartColors.grid } };

const useBandNames = () => {
  const { t } = useTranslation();
  return {
    red: t("health.band.red"),
    yellow: t("health.band.yellow"),
    green: t("health.band.green"),
    none: t("portfolio.bandNone"),
  };
};

/** Accounts per band today, as a donut. */
export const HealthDistributionChart = ({ health }: { health: Portfolio["health"] }) => {
  const { t } = useTranslation();
  const names = useBandNames();
  const data = bands.map((band) => ({
    name: names[band],
    value: health.distribution[band],
    itemStyle: { color: bandChartColors[band] },
  }));
  const option: PortfolioChartOption = {
    tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
    legend: { bottom: 0, textStyle: { color: chartColors.text } },
    series: [
      {
        type: "pie",
        radius: ["45%", "72%"],
        center: ["50%", "45%"],
        label: { formatter: "{c}", color: chartColors.text },
        data,
      },
    ],
  };
  const summary = data.map((slice) => `${slice.name} ${slice.value}`).join(", ");
  return (
    <PortfolioChart
      option={option}
      height={260}
      label={t("portfolio.distributionLabel", { summary })}
    />
  );
};

/** Accounts per band per day (stacked areas) and the average score (line, right axis). */
export const HealthTrendChart = ({ health }: { health: Portfolio["health"] }) => {
  const { t, i18n } = useTranslation();
  const names = useBandNames();
  if (health.trend.every((point) => point.averageScore === null)) {
    return (
      <Text size="sm" c="dimmed">
        {t("portfolio.noTrend")}
      </Text>
    );
  }
  const option: PortfolioChartOption = {
    grid: { left: 48, right: 48, top: 24, bottom: 56 },
    tooltip: { trigger: "axis" },
    legend: { bottom: 0, textStyle: { color: chartColors.text } },
    xAxis: {
      type: "category",
      boundaryGap: false,
      data: health.trend.map((point) => formatDate(point.day, i18n.language)),
      axisLabel,
    },
    yAxis: [
      { type: "value", name: t("portfolio.accounts"), axisLabel, splitLine },
      {
        type: "value",
        name: t("portfolio.average"),
        min: 0,
        max: 100,
        axisLabel,
        splitLine: { show: false },
      },
    ],
    series: [
      ...bands.map((band) => ({
        type: "line" as const,
        name: names[band],
        stack: "bands",
        areaStyle: { color: bandChartColors[band], opacity: 0.85 },
        lineStyle: { width: 0 },
        itemStyle: { color: bandChartColors[band] },
        showSymbol: false,
        data: health.trend.map((point) => point[band]),
      })),
      {
        type: "line",
        name: t("portfolio.average"),
        yAxisIndex: 1,
        showSymbol: false,
        lineStyle: { color: chartColors.indigo, width: 2 },
        itemStyle: { color: chartColors.indigo },
        data: health.trend.map((point) => point.averageScore),
      },
    ],
  };
  return <PortfolioChart option={option} height={300} label={t("portfolio.trendLabel")} />;
};

/** Accounts per phase in order, labelled with the median days of completed stays. */
export const PhaseFunnelChart = ({ phases }: { phases: Portfolio["phases"] }) => {
  const { t } = useTranslation();
  const labelOf = (phase: Portfolio["phases"][number]) =>
    `${t("portfolio.phaseAccounts", { count: phase.accounts })} · ${
      phase.medianDaysInPhase === null
        ? t("portfolio.noMedian")
        : t("portfolio.medianDays", { days: Math.round(phase.medianDaysInPhase * 10) / 10 })
    }`;
  const option: PortfolioChartOption = {
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", axisLabel, splitLine },
    yAxis: {
      type: "category",
      inverse: true,
      data: phases.map((phase) => phase.name),
      axisLabel: { ...axisLabel, interval: 0 },
    },
    series: [
      {
        type: "bar",
        name: t("portfolio.accounts"),
        barMaxWidth: 28,
        itemStyle: { color: chartColors.indigo, borderRadius: [0, 4, 4, 0] },
        label: {
          show: true,
          position: "insideLeft",
          color: "#fff",
          formatter: (params: { dataIndex: number }) => {
            const phase = phases[params.dataIndex];
            return phase && phase.accounts > 0 ? String(phase.accounts) : "";
          },
        },
        data: phases.map((phase) => phase.accounts),
      },
    ],
  };
  const summary = phases
    .map((phase) => t("portfolio.phaseSummary", { name: phase.name, count: phase.accounts }))
    .join(", ");
  return (
    <>
      <PortfolioChart
        option={option}
        height={Math.max(200, phases.length * 40)}
        label={t("portfolio.phasesLabel", { summary })}
      />
      <Text component="ul" size="xs" c="dimmed" mt="xs" pl="md">
        {phases.map((phase) => (
          <li key={phase.key}>
            {phase.name}: {labelOf(phase)}
          </li>
        ))}
      </Text>
    </>
  );
};

/** Each product's accounts split by maturity level, not started first. */
export const MaturityChart = ({ maturity }: { maturity: Portfolio["maturity"] }) => {
  const { t } = useTranslation();
  const top = Math.max(0, ...maturity.map((product) => product.levels.length - 1));
  const option: PortfolioChartOption = {
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { bottom: 0, textStyle: { color: chartColors.text } },
    xAxis: { type: "value", axisLabel, splitLine },
    yAxis: { type: "category", data: maturity.map((product) => product.name), axisLabel },
    series: Array.from({ length: top + 1 }, (_, level) => ({
      type: "bar" as const,
      stack: "levels",
      barMaxWidth: 32,
      name:
        level === 0
          ? t("portfolio.notStarted")
          : `Lv.${level} ${maturity.find((p) => p.levels[level])?.levels[level]?.name ?? ""}`.trim(),
      itemStyle: { color: levelColors[Math.min(level, levelColors.length - 1)] },
      data: maturity.map((product) => product.levels[level]?.accounts ?? 0),
    })),
  };
  return (
    <PortfolioChart
      option={option}
      height={Math.max(160, maturity.length * 56 + 80)}
      label={t("portfolio.maturityLabel")}
    />
  );
};

/** Accounts (left axis) and MRR in the main currency (right axis) per touch model. */
export const TouchModelChart = ({
  touchModels,
  currency,
}: {
  touchModels: Portfolio["touchModels"];
  /** The workspace's largest currency; others are listed under the chart. */
  currency: string | null;
}) => {
  const { t, i18n } = useTranslation();
  const names = touchModels.map((entry) =>
    entry.model === null ? t("portfolio.unassigned") : t(`touchModel.${entry.model}`),
  );
  const mrrOf = (entry: Portfolio["touchModels"][number]) => {
    const minor = entry.mrr.find((total) => total.currency === currency)?.minor ?? 0;
    return currency === null ? 0 : fromMinorUnits(minor, currency);
  };
  const others = touchModels.flatMap((entry, index) =>
    entry.mrr
      .filter((total) => total.currency !== currency)
      .map((total) => `${names[index]} ${formatMoney(total.minor, total.currency, i18n.language)}`),
  );
  const option: PortfolioChartOption = {
    grid: { left: 8, right: 8, top: 32, bottom: 40, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { bottom: 0, textStyle: { color: chartColors.text } },
    // Every model named, even when labels crowd (ECharts skips some by default).
    xAxis: { type: "category", data: names, axisLabel: { ...axisLabel, interval: 0 } },
    yAxis: [
      { type: "value", name: t("portfolio.accounts"), axisLabel, splitLine },
      ...(currency === null
        ? []
        : [
            {
              type: "value" as const,
              name: t("portfolio.mrrIn", { currency }),
              axisLabel: {
                ...axisLabel,
                formatter: (value: number) =>
                  new Intl.NumberFormat(i18n.language, { notation: "compact" }).format(value),
              },
              splitLine: { show: false },
            },
          ]),
    ],
    series: [
      {
        type: "bar",
        name: t("portfolio.accounts"),
        barMaxWidth: 32,
        itemStyle: { color: chartColors.indigo },
        data: touchModels.map((entry) => entry.accounts),
      },
      ...(currency === null
        ? []
        : [
            {
              type: "bar" as const,
              name: t("portfolio.mrrIn", { currency }),
              yAxisIndex: 1,
              barMaxWidth: 32,
              itemStyle: { color: chartColors.teal },
              data: touchModels.map(mrrOf),
            },
          ]),
    ],
  };
  return (
    <>
      <PortfolioChart option={option} height={280} label={t("portfolio.touchModelsLabel")} />
      {others.length > 0 ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t("portfolio.otherCurrencies", { amounts: others.join(", ") })}
        </Text>
      ) : null}
    </>
  );
};
