import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { healthRatings, users } from "../../db/schema";

/** Stores one rating; rated_at is the database's clock (microseconds: two ratings never collide). */
export const insertHealthRating = async (
  db: DbOrTx,
  params: {
    workspaceId: string;
    accountId: string;
    measureKey: string;
    rating: number;
    comment: string;
    ratedByUserId: string | null;
  },
) => {
  await db.insert(healthRatings).values(params);
};

export type RatingRow = {
  measureKey: string;
  rating: number;
  comment: string;
  ratedAt: Date;
  ratedBy: { id: string; name: string } | null;
};

const ratingColumns = {
  measureKey: healthRatings.measureKey,
  rating: healthRatings.rating,
  comment: healthRatings.comment,
  ratedAt: healthRatings.ratedAt,
  userId: users.id,
  userName: users.name,
};

const toRatingRow = (row: {
  measureKey: string;
  rating: number;
  comment: string;
  ratedAt: Date;
  userId: string | null;
  userName: string | null;
}): RatingRow => ({
  measureKey: row.measureKey,
  rating: row.rating,
  comment: row.comment,
  ratedAt: row.ratedAt,
  ratedBy: row.userId === null ? null : { id: row.userId, name: row.userName ?? "" },
});

/**
 * An account's ratings of some measures, newest first, with who rated
 * (null for an API key or a user since deleted).
 */
export const findRatingsOfAccount = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; measureKeys: readonly string[]; limit: number },
): Promise<RatingRow[]> => {
  if (params.measureKeys.length === 0) return [];
  const rows = await db
    .select(ratingColumns)
    .from(healthRatings)
    .leftJoin(users, eq(users.id, healthRatings.ratedByUserId))
    .where(
      and(
        eq(healthRatings.workspaceId, params.workspaceId),
        eq(healthRatings.accountId, params.accountId),
        inArray(healthRatings.measureKey, [...params.measureKeys]),
      ),
    )
    .orderBy(desc(healthRatings.ratedAt))
    .limit(params.limit);
  return rows.map(toRatingRow);
};

/** The latest rating of each measure (one statement; the primary key serves it). */
export const findLatestRatingsOfAccount = async (
  db: DbOrTx,
  params: { workspaceId: string; accountId: string; measureKeys: readonly string[] },
): Promise<Map<string, RatingRow>> => {
  const latest = new Map<string, RatingRow>();
  if (params.measureKeys.length === 0) return latest;
  const rows = await db
    .selectDistinctOn([healthRatings.measureKey], ratingColumns)
    .from(healthRatings)
    .leftJoin(users, eq(users.id, healthRatings.ratedByUserId))
    .where(
      and(
        eq(healthRatings.workspaceId, params.workspaceId),
        eq(healthRatings.accountId, params.accountId),
        inArray(healthRatings.measureKey, [...params.measureKeys]),
      ),
    )
    .orderBy(healthRatings.measureKey, desc(healthRatings.ratedAt));
  for (const row of rows) latest.set(row.measureKey, toRatingRow(row));
  return latest;
};
