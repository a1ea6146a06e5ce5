import {
  AppError,
  backtestScores,
  coded,
  DEFAULT_SCORECARD_KEY,
  defaultScorecard,
  fitCandidateRefs,
  fitScorecard,
  type MetricRef,
  metricKey,
  rocAuc,
  type Scorecard,
  type ScoredObservation,
  scorecardSchema,
} from "@michi/core";
import type { Db } from "../../db/client";
import { utcDay } from "../../lib/days";
import type { Actor } from "../../lib/hono-env";
import { type CsModel, loadCsModel } from "../../recompute";
import { parseDefinition, putScorecards } from "../cs-settings/cs-settings.service";
import {
  acceptScorecardDraft,
  findScorecardDraft,
  findTopEvents,
  insertScorecardDraft,
} from "./health-lab.queries";
import type { DraftReport } from "./health-lab.schemas";
import { collectObservations, type LabRange, observationDays } from "./observations";

/*
 * The Health Lab (ヘルスラボ): a workspace's scorecards proved against its own
 * churn history (backtest), a better one fitted to it (fit) and adopted by a
 * person (accept). Pure parts are core's (health-lab/); here the history is
 * read through the recompute engine, as the daily scores were computed.
 */

/** The bootstrap's seed: the same interval for the same question. */
const SEED = 20_261_207;
/** Event names tried by the fit and suggested as key events. */
const TOP_EVENTS = 12;
/** A scorecard evaluated alone, for every account, whatever the workspace's choice rules. */
const CANDIDATE_KEY = "candidate";

const withOnly = (model: CsModel, scorecard: Scorecard): CsModel => ({
  ...model,
  scorecards: [{ key: CANDIDATE_KEY, scorecard, appliesTo: {} }],
});

/** A saved scorecard's key (core's "default" included), or a scorecard document. */
const resolveScorecard = (model: CsModel, value: unknown): Scorecard => {
  if (typeof value === "string") {
    if (value === DEFAULT_SCORECARD_KEY) return defaultScorecard;
    const saved = model.scorecards.find((entry) => entry.key === value);
    if (saved) return saved.scorecard;
    const known = [DEFAULT_SCORECARD_KEY, ...model.scorecards.map((s) => s.key)];
    throw new AppError("validation-failed", "There is no such scorecard.", [
      {
        pointer: "/scorecard",
        message: `"${value}" is not a scorecard of this workspace; known: ${known.join(", ")}`,
        ...coded("unknown-scorecard", { key: value, known }),
      },
    ]);
  }
  return parseDefinition(scorecardSchema, value, "/scorecard");
};

/** How a scorecard's scores of past days told the accounts that churned from the rest. */
export const backtestScorecard = async (
  db: Db,
  actor: Actor,
  body: LabRange & { scorecard: unknown },
) => {
  const { workspaceId } = actor;
  const days = observationDays(body, utcDay(new Date()));
  const model = await loadCsModel(db, workspaceId);
  const scorecard = resolveScorecard(model, body.scorecard);
  const observations: ScoredObservation[] = [];
  await collectObservations(
    db,
    { workspaceId, days, horizonDays: body.horizonDays, model: withOnly(model, scorecard) },
    ({ evaluation, churned }) => {
      const { health } = evaluation;
      observations.push({
        score: health.score,
        band: health.band,
        churned,
        measures: Object.fromEntries(health.measures.map((m) => [m.key, m.points])),
      });
    },
  );
  return { days, horizonDays: body.horizonDays, ...backtestScores(observations, { seed: SEED }) };
};

/**
 * A scorecard fitted to the workspace's churn history (core's fitScorecard:
 * candidate metrics, earlier days to learn from, later ones to prove it on),
 * stored as a draft that scores nothing until a person accepts it, and
 * answered beside the held-out AUC of the scorecards in use.
 */
export const fitScorecardToHistory = async (db: Db, actor: Actor, body: LabRange) => {
  const { workspaceId } = actor;
  const days = observationDays(body, utcDay(new Date()));
  const model = await loadCsModel(db, workspaceId);
  const events = await findTopEvents(db, {
    workspaceId,
    from: days[0]!,
    to: days[days.length - 1]!,
    limit: TOP_EVENTS,
  });
  const candidates: MetricRef[] = [
    ...fitCandidateRefs(events.map((e) => e.event)),
    { name: "eventsPerActiveUser", windowDays: 30 },
    { name: "eventsPerSeat", windowDays: 30 },
    { name: "tenureDays" },
  ];
  const keys = candidates.map((ref) => metricKey(ref));
  const observations: { day: string; churned: boolean; values: Record<string, number | null> }[] =
    [];
  const current: { day: string; score: number | null; churned: boolean }[] = [];
  await collectObservations(
    db,
    { workspaceId, days, horizonDays: body.horizonDays, model, refs: candidates },
    ({ day, evaluation, churned }) => {
      const values: Record<string, number | null> = {};
      for (const key of keys) values[key] = evaluation.values[key] ?? null;
      observations.push({ day, churned, values });
      current.push({ day, score: evaluation.health.score, churned });
    },
  );
  const result = fitScorecard({
    candidates,
    observations,
    seed: SEED,
    horizonDays: body.horizonDays,
    usageLabels: model.usageLabels,
  });
  if (!result.ok) {
    throw new AppError("validation-failed", `No scorecard could be fitted: ${result.message}.`, [
      { pointer: "/from", message: result.message, ...coded(`fit-${result.reason}`) },
    ]);
  }
  const { fit } = result;
  const held = new Set(fit.holdoutDays);
  const heldCurrent = current.filter((o) => held.has(o.day) && o.score !== null);
  const report: DraftReport = {
    observations: observations.length,
    churned: observations.filter((o) => o.churned).length,
    horizonDays: body.horizonDays,
    trainingDays: fit.trainingDays,
    holdoutDays: fit.holdoutDays,
    trainingAuc: fit.trainingAuc,
    holdoutAuc: fit.holdoutAuc,
    holdoutAucInterval: fit.holdoutAucInterval,
    holdoutObservations: fit.holdoutObservations,
    measures: fit.measures.map((m) => ({
      key: m.key,
      metric: metricKey(m.metric),
      weight: m.weight,
      trainingAuc: m.trainingAuc,
      explanation: m.explanation,
    })),
    current: {
      holdoutAuc: rocAuc(
        heldCurrent.map((o) => o.score as number),
        heldCurrent.map((o) => o.churned),
        "lower-is-positive",
      ),
    },
    candidates: candidates.length,
    events: events.map((e) => e.event),
  };
  const draft = await insertScorecardDraft(db, {
    workspaceId,
    scorecard: fit.scorecard,
    report,
    createdByUserId: actor.kind === "user" ? actor.userId : null,
  });
  return draftDto(draft);
};

type DraftRow = NonNullable<Awaited<ReturnType<typeof findScorecardDraft>>>;

const draftDto = (row: DraftRow) => ({
  id: row.id,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
  acceptedAt: row.acceptedAt?.toISOString() ?? null,
  scorecard: scorecardSchema.parse(row.scorecard),
  report: row.report as DraftReport,
});

export const getScorecardDraft = async (db: Db, actor: Actor, id: string) => {
  const row = await findScorecardDraft(db, { workspaceId: actor.workspaceId, id });
  if (!row) throw new AppError("not-found", "There is no such scorecard draft in this workspace.");
  return draftDto(row);
};

/**
 * Adopts a draft (as fitted, or as the person edited it): it becomes the
 * workspace's scorecard for every account no segment or phase rule picks out
 * (it takes the place of the catch-all scorecard, or of core's default), and
 * every account is rescored by the job. A draft is accepted once.
 */
export const acceptScorecardDraftAs = async (
  db: Db,
  actor: Actor,
  params: { id: string; scorecard?: unknown },
) => {
  const { workspaceId } = actor;
  const draft = await getScorecardDraft(db, actor, params.id);
  if (draft.status !== "draft") {
    throw new AppError("conflict", "This draft has been accepted already.");
  }
  const scorecard =
    params.scorecard === undefined
      ? draft.scorecard
      : parseDefinition(scorecardSchema, params.scorecard, "/scorecard");
  const model = await loadCsModel(db, workspaceId);
  const entry = { key: "fitted", scorecard, appliesTo: {} };
  const others = model.scorecards.filter((s) => s.key !== entry.key);
  const catchAll = others.findIndex(
    (s) => (s.appliesTo.segments ?? []).length === 0 && (s.appliesTo.phases ?? []).length === 0,
  );
  const scorecards =
    catchAll < 0 ? [...others, entry] : others.map((s, i) => (i === catchAll ? entry : s));
  const saved = await putScorecards(db, actor, { scorecards });
  await acceptScorecardDraft(db, { workspaceId, id: draft.id });
  return { draft: await getScorecardDraft(db, actor, draft.id), scorecards: saved.scorecards };
};

/**
 * Events the product sends, most frequent first, as key events to name: each
 * with its volume and, once accounts have churned, how well its 30-day count
 * alone told churners apart (AUC over monthly observations of the last six
 * months, 30 days ahead).
 */
export const suggestKeyEvents = async (db: Db, actor: Actor) => {
  const { workspaceId } = actor;
  const today = utcDay(new Date());
  const events = await findTopEvents(db, {
    workspaceId,
    from: utcDay(new Date(Date.now() - 90 * 86_400_000)),
    to: today,
    limit: TOP_EVENTS,
  });
  const refs: MetricRef[] = events.map((e) => ({
    name: "eventCount",
    windowDays: 30,
    event: e.event,
  }));
  const aucOf = new Map<string, number | null>();
  if (refs.length > 0) {
    const days = observationDays(
      {
        from: utcDay(new Date(Date.now() - 210 * 86_400_000)),
        to: utcDay(new Date(Date.now() - 31 * 86_400_000)),
        everyDays: 30,
        horizonDays: 30,
      },
      today,
    );
    const model = await loadCsModel(db, workspaceId);
    const valuesOf = refs.map(() => [] as number[]);
    const churned: boolean[] = [];
    await collectObservations(
      db,
      { workspaceId, days, horizonDays: 30, model, refs },
      (observation) => {
        churned.push(observation.churned);
        refs.forEach((ref, i) => {
          valuesOf[i]!.push(observation.evaluation.values[metricKey(ref)] ?? 0);
        });
      },
    );
    refs.forEach((ref, i) => {
      aucOf.set(metricKey(ref), rocAuc(valuesOf[i]!, churned, "lower-is-positive"));
    });
  }
  return {
    events: events.map((e, i) => ({
      event: e.event,
      count: e.count,
      accounts: e.accounts,
      auc: aucOf.get(metricKey(refs[i]!)) ?? null,
    })),
  };
};
