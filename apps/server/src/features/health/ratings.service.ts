import {
  AppError,
  chooseScorecard,
  coded,
  type DisplayLanguage,
  localizeText,
  type ScorecardMeasure,
} from "@michi/core";
import type { Db } from "../../db/client";
import type { Actor } from "../../lib/hono-env";
import { loadCsModel, recomputeAccounts } from "../../recompute";
import { getAccount } from "../accounts/accounts.service";
import { readAccountStays } from "../lifecycle/phase.service";
import { getAccountHealth } from "./health.service";
import {
  findLatestRatingsOfAccount,
  findRatingsOfAccount,
  insertHealthRating,
  type RatingRow,
} from "./ratings.queries";

const HISTORY_LIMIT = 50;

type RatingMeasure = Extract<ScorecardMeasure, { kind: "rating" }>;

/** The scorecard the account is scored by: chosen by its segment and current phase. */
const chosenScorecardOf = async (
  db: Db,
  params: { workspaceId: string; account: { id: string; createdAt: Date; segment: string | null } },
) => {
  const { workspaceId, account } = params;
  const model = await loadCsModel(db, workspaceId);
  const { currentKey } = await readAccountStays(db, { workspaceId, account, phases: model.phases });
  const chosen = chooseScorecard(model.scorecards, {
    segment: account.segment,
    phase: currentKey,
  });
  const measures = chosen.scorecard.measures.filter(
    (measure): measure is RatingMeasure => measure.kind === "rating",
  );
  return { ...chosen, measures, model };
};

const ratingOut = (row: RatingRow) => ({
  rating: row.rating,
  comment: row.comment,
  ratedBy: row.ratedBy,
  ratedAt: row.ratedAt.toISOString(),
});

/** The rating measures of the account's scorecard, each with its latest rating, and the recent ratings. */
export const getAccountRatings = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; lang: DisplayLanguage },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const { workspaceId } = actor;
  const { lang } = params;
  const chosen = await chosenScorecardOf(db, { workspaceId, account });
  const measureKeys = chosen.measures.map((measure) => measure.key);
  const [latest, history] = await Promise.all([
    findLatestRatingsOfAccount(db, { workspaceId, accountId: account.id, measureKeys }),
    findRatingsOfAccount(db, {
      workspaceId,
      accountId: account.id,
      measureKeys,
      limit: HISTORY_LIMIT,
    }),
  ]);
  return {
    accountId: account.id,
    scorecard: {
      key: chosen.key,
      name: chosen.scorecard.name ? localizeText(chosen.scorecard.name, lang) : null,
    },
    measures: chosen.measures.map((measure) => {
      const row = latest.get(measure.key);
      return {
        key: measure.key,
        name: localizeText(measure.name, lang),
        description: measure.description ? localizeText(measure.description, lang) : null,
        scale: measure.scale?.map((text) => localizeText(text, lang)) ?? null,
        latest: row ? ratingOut(row) : null,
      };
    }),
    history: history.map((row) => ({ measure: row.measureKey, ...ratingOut(row) })),
  };
};

/**
 * A CSM rates a qualitative measure of the account's scorecard (csm and
 * above); the account's health is recomputed at once and returned.
 */
export const rateAccount = async (
  db: Db,
  actor: Actor,
  params: { accountId: string; measure: string; rating: number; comment: string },
) => {
  const account = await getAccount(db, actor, params.accountId);
  const { workspaceId } = actor;
  const chosen = await chosenScorecardOf(db, { workspaceId, account });
  if (!chosen.measures.some((measure) => measure.key === params.measure)) {
    const keys = chosen.measures.map((measure) => measure.key);
    throw new AppError(
      "validation-failed",
      `"${params.measure}" is not a rating measure of the account's scorecard "${chosen.key}".`,
      [
        {
          pointer: "/measure",
          message:
            keys.length === 0
              ? "the account's scorecard has no rating measures"
              : `must be one of ${keys.join(", ")}`,
          ...coded("not-a-rating-measure", { measure: params.measure, choices: keys }),
        },
      ],
    );
  }
  await insertHealthRating(db, {
    workspaceId,
    accountId: account.id,
    measureKey: params.measure,
    rating: params.rating,
    comment: params.comment,
    ratedByUserId: actor.kind === "user" ? actor.userId : null,
  });
  // The model just read: the recompute need not read it again.
  await recomputeAccounts(db, { workspaceId, accountIds: [account.id], model: chosen.model });
  return getAccountHealth(db, actor, account.id);
};
