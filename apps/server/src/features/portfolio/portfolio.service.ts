import {
  addCalendarDays,
  type DisplayLanguage,
  explainHealthChange,
  type HealthResult,
  localizeText,
  type TouchModel,
  todayInTokyo,
  touchModels,
} from "@michi/core";
import type { Db } from "../../db/client";
import { utcDay } from "../../lib/days";
import type { Actor } from "../../lib/hono-env";
import { type CsModel, readCsModel } from "../../recompute";
import { type HealthContribution, readStoredMeasures } from "../health/stored-measures";
import { findHealthTrendDays } from "./health-trend-days.queries";
import {
  type AtRiskRow,
  countAccountsByTouchModelAndPhase,
  countExistingAccountsByDay,
  countMaturityLevels,
  countOpenTasksByOwner,
  findHealthNow,
  findMedianTimeInPhase,
  findSegments,
  type PortfolioFilter,
  type SpreadMoneyRow,
  sumMrrByTouchModelAndPhase,
} from "./portfolio.queries";
import type { Portfolio, PortfolioQuery } from "./portfolio.schemas";

export const TREND_DAYS = 90;
export const CHANGE_DAYS = 30;
export const AT_RISK_LIMIT = 50;
const REASONS = 3;

/** The trend's past days (today's point is each account's latest score, health now). */
export const trendWindowOf = (asOf: string) => ({
  from: addCalendarDays(asOf, -(TREND_DAYS - 1)),
  to: addCalendarDays(asOf, -1),
});

const NOT_STARTED = { ja: "未着手", en: "Not started" } as const;

type Money = Portfolio["mrr"];

/** Sums per currency, largest first; currencies are kept apart. */
const moneyOf = (rows: readonly SpreadMoneyRow[]): Money => {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.minor);
  return [...totals.entries()]
    .map(([currency, minor]) => ({ currency, minor }))
    .sort((a, b) => b.minor - a.minor || a.currency.localeCompare(b.currency));
};

/** A stored day's measures in the form explainHealthChange reads. */
const healthResultOf = (measures: readonly HealthContribution[]): HealthResult => ({
  score: null,
  band: null,
  coverage: 0,
  measures: measures.map((m) => ({
    key: m.measure,
    name: m.name,
    kind: "metric",
    metric: null,
    value: m.value,
    points: m.points,
    weight: m.weight,
    effectiveWeight: 0,
    // Only whole contributions are stored; they order the change well enough.
    exactContribution: m.contribution,
    contribution: m.contribution,
    missing: m.points === null,
    comment: null,
  })),
});

/**
 * Why an account is at risk: the measures that lost most since the earlier
 * score (core's explainHealthChange), or, with nothing lost to show, its
 * lowest-scoring measures now. A measure without data scored nothing (it is
 * left out of the score, not 0): it is no reason, and listed first as "—
 * points" it pushed the real ones out.
 */
const reasonsOf = (row: AtRiskRow, model: CsModel, lang: DisplayLanguage) => {
  const measures = readStoredMeasures(model, row.scorecardKey, row.measures);
  const pointsOf = new Map(measures.map((m) => [m.measure, m.points]));
  if (row.previousMeasures !== null) {
    const lost = explainHealthChange(
      healthResultOf(readStoredMeasures(model, row.previousScorecardKey, row.previousMeasures)),
      healthResultOf(measures),
    ).measures.filter((m) => m.contributionChange < 0);
    if (lost.length > 0) {
      return lost.slice(0, REASONS).map((m) => ({
        measure: m.key,
        name: localizeText(m.name, lang),
        contributionChange: m.contributionChange,
        points: pointsOf.get(m.key) ?? null,
      }));
    }
  }
  return measures
    .filter((m): m is HealthContribution & { points: number } => m.weight > 0 && m.points !== null)
    .sort((a, b) => a.points - b.points)
    .slice(0, REASONS)
    .map((m) => ({
      measure: m.measure,
      name: localizeText(m.name, lang),
      contributionChange: null,
      points: m.points,
    }));
};

/** The portfolio dashboard of a workspace (any member), optionally filtered. */
export const getPortfolio = async (
  db: Db,
  actor: Actor,
  query: PortfolioQuery,
): Promise<Portfolio> => {
  const { lang } = query;
  const filter: PortfolioFilter = {
    workspaceId: actor.workspaceId,
    ownerUserId: query.owner,
    segment: query.segment,
    touchModel: query.touchModel,
  };
  const asOf = utcDay();
  const model = await readCsModel(db, actor.workspaceId);
  const firstPhase = model.phases[0]!.key;
  // Side by side on PostgreSQL's pool; PGlite queues them on its one connection.
  const trendWindow = trendWindowOf(asOf);
  const [spread, money, phaseTimes, maturityRows, trendDays, existing, now, segments, tasks] =
    await Promise.all([
      countAccountsByTouchModelAndPhase(db, { ...filter, firstPhase }),
      sumMrrByTouchModelAndPhase(db, { ...filter, firstPhase }),
      findMedianTimeInPhase(db, filter),
      countMaturityLevels(db, filter),
      findHealthTrendDays(db, { ...filter, ...trendWindow }),
      countExistingAccountsByDay(db, { ...filter, ...trendWindow }),
      findHealthNow(db, {
        ...filter,
        to: asOf,
        before: addCalendarDays(asOf, -CHANGE_DAYS),
        limit: AT_RISK_LIMIT,
      }),
      findSegments(db, actor.workspaceId),
      countOpenTasksByOwner(db, { ...filter, today: todayInTokyo(new Date()) }),
    ]);

  const accounts = spread.reduce((sum, row) => sum + row.accounts, 0);

  const averageOf = (scoreSum: number | null, scored: number) =>
    scored > 0 && scoreSum !== null ? Math.round((scoreSum / scored) * 10) / 10 : null;
  const current = now.distribution;
  const currentPoint = {
    red: current.red,
    yellow: current.yellow,
    green: current.green,
    none: accounts - current.red - current.yellow - current.green,
    averageScore: averageOf(current.scoreSum, current.scored),
  };
  const existingByDay = new Map(existing.map((row) => [row.day, row.existing]));
  const trend = [
    // Days nothing was scored (no recompute ran, e.g. weekly history) are left out, not drawn as all "none".
    ...trendDays
      .filter((row) => row.red + row.yellow + row.green + row.scored > 0)
      .map((row) => ({
        day: row.day,
        red: row.red,
        yellow: row.yellow,
        green: row.green,
        // Clamped: a score dated before its account's created_at still counts as a score.
        none: Math.max(0, (existingByDay.get(row.day) ?? 0) - row.red - row.yellow - row.green),
        averageScore: averageOf(row.scoreSum, row.scored),
      })),
    ...(current.red + current.yellow + current.green + current.scored > 0
      ? [{ day: asOf, ...currentPoint }]
      : []),
  ];

  const knownPhases = new Set(model.phases.map((phase) => phase.key));
  const strayPhases = [...new Set(spread.map((row) => row.phaseKey))]
    .filter((key) => !knownPhases.has(key))
    .sort();
  const phases = [
    ...model.phases.map((phase) => ({ key: phase.key, name: localizeText(phase.name, lang) })),
    // A key stored before the workspace changed its phases: shown under its key, not lost.
    ...strayPhases.map((key) => ({ key, name: key })),
  ].map(({ key, name }) => {
    const time = phaseTimes.find((row) => row.phaseKey === key);
    return {
      key,
      name,
      accounts: spread.filter((row) => row.phaseKey === key).reduce((s, r) => s + r.accounts, 0),
      mrr: moneyOf(money.filter((row) => row.phaseKey === key)),
      medianDaysInPhase: time?.medianDays ?? null,
      completedStays: time?.completedStays ?? 0,
    };
  });

  const maturity = model.maturityModels.map((product) => {
    const rows = maturityRows.filter((row) => row.product === product.product && row.level > 0);
    const top = Math.max(product.levels.length, ...rows.map((row) => row.level));
    const countAt = (level: number) =>
      rows.filter((row) => row.level === level).reduce((s, r) => s + r.accounts, 0);
    const started = rows.reduce((s, r) => s + r.accounts, 0);
    return {
      product: product.product,
      name: product.name ? localizeText(product.name, lang) : product.product,
      levels: Array.from({ length: top + 1 }, (_, level) => ({
        level,
        name:
          level === 0
            ? NOT_STARTED[lang]
            : localizeText(product.levels[level - 1]?.name ?? `Lv.${level}`, lang),
        accounts: level === 0 ? accounts - started : countAt(level),
      })),
    };
  });

  const models: (TouchModel | null)[] = [...touchModels];
  if (spread.some((row) => row.touchModel === null)) models.push(null);

  return {
    asOf,
    accounts,
    mrr: moneyOf(money),
    segments,
    health: {
      distribution: {
        red: currentPoint.red,
        yellow: currentPoint.yellow,
        green: currentPoint.green,
        none: currentPoint.none,
      },
      averageScore: currentPoint.averageScore,
      trend,
    },
    phases,
    maturity,
    touchModels: models.map((model) => ({
      model,
      accounts: spread
        .filter((row) => row.touchModel === model)
        .reduce((s, r) => s + r.accounts, 0),
      mrr: moneyOf(money.filter((row) => row.touchModel === model)),
    })),
    atRisk: now.atRisk.map((row) => ({
      accountId: row.accountId,
      name: row.name,
      owner: row.ownerUserId === null ? null : { id: row.ownerUserId, name: row.ownerName ?? "" },
      score: row.score,
      band: row.band,
      change: row.change,
      reasons: reasonsOf(row, model, lang),
    })),
    tasks: tasks.map((row) => ({
      owner: row.ownerUserId === null ? null : { id: row.ownerUserId, name: row.ownerName ?? "" },
      open: row.open,
      overdue: row.overdue,
    })),
  };
};
