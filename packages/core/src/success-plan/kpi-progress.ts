import { daysBetween } from "./plan-dates";
import type { KpiDirection, PlanKpi, PlanKpiMeasurement } from "./plan-document";

/**
 * The measurement with the latest date on or before `asOf` (all of them when
 * `asOf` is not given). Two on the same date: the one written later wins.
 */
export const latestKpiMeasurement = (
  kpi: Pick<PlanKpi, "measurements">,
  asOf?: string,
): PlanKpiMeasurement | null => {
  let latest: PlanKpiMeasurement | null = null;
  for (const measurement of kpi.measurements ?? []) {
    if (asOf !== undefined && measurement.date > asOf) continue;
    if (latest === null || measurement.date >= latest.date) latest = measurement;
  }
  return latest;
};

export type KpiProgress = {
  latest: PlanKpiMeasurement | null;
  /** The declared direction, or read from baseline → target when none is declared. */
  direction: KpiDirection;
  /** Share of the way from baseline to target, clamped to 0..100; null when it cannot be told. */
  percent: number | null;
  /** The same before clamping: below 0 went the wrong way, above 100 overshot. */
  unclampedPercent: number | null;
  /** The latest value is at or past the target in the KPI's direction; null without both. */
  reached: boolean | null;
};

/**
 * How far a KPI has come, as of a date.
 *
 * percent = (latest − baseline) / (target − baseline) × 100, which honours the
 * direction by itself (for a decrease both differences are negative). It is
 * clamped to 0..100 for progress bars; `unclampedPercent` keeps the raw value
 * for charts and explanations. No rounding: the UI rounds.
 *
 * It is null when there is no measurement, no baseline or no target, or when
 * the declared direction contradicts baseline → target (a "decrease" KPI
 * whose target is above its baseline): we cannot tell which way is forward,
 * so `reached` is null then too.
 * When baseline equals target, the KPI is 100% once reached and 0% before.
 * `reached` needs only the latest value and the target, so it is known even
 * without a baseline.
 */
export const kpiProgress = (kpi: PlanKpi, asOf?: string): KpiProgress => {
  const latest = latestKpiMeasurement(kpi, asOf);
  const { baseline, target } = kpi;
  const direction: KpiDirection =
    kpi.direction ??
    (baseline !== undefined && target !== undefined && target < baseline ? "decrease" : "increase");
  const contradicts =
    baseline !== undefined &&
    target !== undefined &&
    (direction === "increase" ? target < baseline : target > baseline);
  const reached =
    latest === null || target === undefined || contradicts
      ? null
      : direction === "increase"
        ? latest.value >= target
        : latest.value <= target;

  let unclampedPercent: number | null = null;
  if (latest !== null && baseline !== undefined && target !== undefined && !contradicts) {
    unclampedPercent =
      target === baseline
        ? reached
          ? 100
          : 0
        : ((latest.value - baseline) / (target - baseline)) * 100;
  }
  const percent = unclampedPercent === null ? null : Math.min(100, Math.max(0, unclampedPercent));
  return { latest, direction, percent, unclampedPercent, reached };
};

export type KpiPlanPoint = { date: string; value: number };

/** The straight line a KPI is planned to follow: baseline at the plan's start, target on its due date. */
export type KpiPlanLine = { from: KpiPlanPoint; to: KpiPlanPoint };

/**
 * The plan line for charts, or null when the plan has no start or the KPI
 * lacks a baseline, target or due date, or is due before the plan starts.
 */
export const kpiPlanLine = (kpi: PlanKpi, planStart: string | undefined): KpiPlanLine | null => {
  const { baseline, target, dueDate } = kpi;
  if (planStart === undefined || baseline === undefined || target === undefined) return null;
  if (dueDate === undefined || dueDate < planStart) return null;
  return { from: { date: planStart, value: baseline }, to: { date: dueDate, value: target } };
};

/** Where the plan line says the KPI should be on a date: baseline before the start, target after the due date. */
export const plannedKpiValueAt = (line: KpiPlanLine, date: string): number => {
  const { from, to } = line;
  if (date <= from.date) return from.value;
  if (date >= to.date) return to.value;
  const share = daysBetween(from.date, date) / daysBetween(from.date, to.date);
  return from.value + (to.value - from.value) * share;
};

/**
 * Whether a measurement is behind the plan line on its date, in the KPI's
 * direction (below it for an increase, above it for a decrease).
 */
const behindPlan = (kpi: PlanKpi, line: KpiPlanLine, measurement: PlanKpiMeasurement): boolean => {
  const planned = plannedKpiValueAt(line, measurement.date);
  const direction = kpi.direction ?? (line.to.value < line.from.value ? "decrease" : "increase");
  return direction === "increase" ? measurement.value < planned : measurement.value > planned;
};

/**
 * The date of the first measurement of the KPI's current run behind its plan
 * line, or null when the latest measurement (on or before `asOf`) is on
 * track or there is no line. A KPI that stays behind keeps the same date, so
 * it names one "off track" spell however often it is measured.
 */
export const kpiOffTrackSince = (
  kpi: PlanKpi,
  planStart: string | undefined,
  asOf?: string,
): string | null => {
  const line = kpiPlanLine(kpi, planStart);
  if (line === null) return null;
  const measurements = (kpi.measurements ?? [])
    .filter((measurement) => asOf === undefined || measurement.date <= asOf)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let since: string | null = null;
  for (const measurement of measurements) {
    since = behindPlan(kpi, line, measurement) ? (since ?? measurement.date) : null;
  }
  return since;
};
