import {
  AppError,
  type HealthBand,
  scorecardApplies,
  scorecardAppliesToSchema,
  scorecardSchema,
} from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import {
  type AccountEvaluation,
  attachAllWaitingUsageEvents,
  evaluateAccounts,
  loadCsModel,
} from "../../recompute";
import {
  findAccountNames,
  findCustomerIdsPage,
  findLatestHealthScores,
} from "./cs-settings.queries";
import { parseDefinition } from "./cs-settings.service";

/** Accounts evaluated per batch, as in the recompute. */
const PREVIEW_BATCH_SIZE = 1000;
/** Rows answered: the accounts whose score would change most. */
export const PREVIEW_ROWS = 50;
/** Key of the candidate inside the model the preview evaluates with. */
const CANDIDATE_KEY = "preview";

type Score = { score: number | null; band: HealthBand | null };
type Distribution = Record<HealthBand | "none", number>;

const emptyDistribution = (): Distribution => ({ red: 0, yellow: 0, green: 0, none: 0 });
const count = (distribution: Distribution, band: HealthBand | null | undefined) => {
  distribution[band ?? "none"] += 1;
};

/** How far a score moves; to or from "no score" counts as the largest move. */
const changeOf = (current: Score | null, preview: Score) =>
  current?.score == null || preview.score === null
    ? (current?.score ?? null) === preview.score
      ? 0
      : 101
    : Math.abs(preview.score - current.score);

type Candidate = {
  accountId: string;
  change: number;
  current: Score | null;
  evaluation: AccountEvaluation;
};

/**
 * What a candidate scorecard would make of the workspace's customers (those
 * its appliesTo matches, all when absent; churned accounts are former
 * customers, left out as the portfolio leaves them), computed now and never stored:
 * the band distribution before (latest stored scores) and after, and the
 * accounts that would change most, with the candidate's contributions.
 */
export const previewScorecard = async (
  db: Db,
  actor: Actor,
  body: { scorecard: unknown; appliesTo?: unknown },
) => {
  const { workspaceId } = actor;
  const scorecard = parseDefinition(scorecardSchema, body.scorecard, "/scorecard");
  const appliesTo =
    body.appliesTo === undefined
      ? {}
      : parseDefinition(scorecardAppliesToSchema, body.appliesTo, "/appliesTo");
  const stored = await loadCsModel(db, workspaceId);
  const unknown = (appliesTo.phases ?? []).flatMap((key, index) =>
    stored.phases.some((phase) => phase.key === key)
      ? []
      : [{ pointer: `/appliesTo/phases/${index}`, message: `"${key}" is not one of the phases` }],
  );
  if (unknown.length > 0) {
    throw new AppError("validation-failed", "The preview names an unknown phase.", unknown);
  }
  // The candidate for every account evaluated; which accounts count is decided below.
  const model = {
    ...stored,
    scorecards: [{ key: CANDIDATE_KEY, scorecard, appliesTo: {} }],
  };
  await attachAllWaitingUsageEvents(db, workspaceId);
  const at = new Date();
  const current = emptyDistribution();
  const preview = emptyDistribution();
  let evaluated = 0;
  let top: Candidate[] = [];
  let after: string | null = null;
  for (;;) {
    const ids = await findCustomerIdsPage(db, { workspaceId, after, limit: PREVIEW_BATCH_SIZE });
    if (ids.length === 0) break;
    after = ids.at(-1) ?? null;
    const evaluations = await evaluateAccounts(db, { workspaceId, accountIds: ids, at, model });
    const matching = [...evaluations].filter(([, evaluation]) =>
      scorecardApplies(appliesTo, {
        segment: evaluation.segment,
        phase: evaluation.phase.resultPhase,
      }),
    );
    const latest = await findLatestHealthScores(db, {
      workspaceId,
      accountIds: matching.map(([accountId]) => accountId),
    });
    for (const [accountId, evaluation] of matching) {
      const before = latest.get(accountId) ?? null;
      count(current, before?.band);
      count(preview, evaluation.health.band);
      top.push({
        accountId,
        change: changeOf(before, evaluation.health),
        current: before,
        evaluation,
      });
    }
    evaluated += matching.length;
    // Only the largest changes are kept, so memory stays flat however many accounts.
    top = top.sort((a, b) => b.change - a.change).slice(0, PREVIEW_ROWS);
  }
  const names = await findAccountNames(db, {
    workspaceId,
    accountIds: top.map((row) => row.accountId),
  });
  return {
    evaluated,
    current,
    preview,
    rows: top.map(({ accountId, current: before, evaluation }) => ({
      accountId,
      name: names.get(accountId) ?? "",
      current: before,
      preview: {
        score: evaluation.health.score,
        band: evaluation.health.band,
        contributions: evaluation.health.measures.map((measure) => ({
          measure: measure.key,
          name: measure.name,
          value: measure.value,
          points: measure.points,
          weight: measure.weight,
          contribution: measure.contribution,
        })),
      },
    })),
  };
};
