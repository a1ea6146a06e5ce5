import { z } from "@hono/zod-openapi";
import { HEALTH_RATING_MAX, HEALTH_RATING_MIN } from "@michi/core";

export const RATING_COMMENT_MAX = 2000;

export const langQuery = z.object({
  lang: z.enum(["ja", "en"]).default("ja").openapi({ description: "Language of the names" }),
});

export const ratingInputSchema = z
  .object({
    measure: z.string().min(1).max(64).openapi({ example: "internal-promotion" }),
    rating: z
      .number()
      .int("must be a whole number")
      .min(HEALTH_RATING_MIN, `must be ${HEALTH_RATING_MIN} to ${HEALTH_RATING_MAX}`)
      .max(HEALTH_RATING_MAX, `must be ${HEALTH_RATING_MIN} to ${HEALTH_RATING_MAX}`),
    comment: z
      .string()
      .trim()
      .max(RATING_COMMENT_MAX)
      .refine((text) => !text.includes("\u0000"), "must not contain the NUL character (U+0000)")
      .default("")
      .openapi({ description: "Why this rating; shown beside it" }),
  })
  .strict()
  .openapi("HealthRatingInput");

const ratedBySchema = z.object({ id: z.string(), name: z.string() }).nullable();

export const ratingsSchema = z
  .object({
    accountId: z.string(),
    scorecard: z.object({ key: z.string(), name: z.string().nullable() }),
    measures: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        description: z.string().nullable(),
        scale: z
          .array(z.string())
          .nullable()
          .openapi({ description: "What 1..5 mean, in order; null when the measure does not say" }),
        latest: z
          .object({
            rating: z.number().int(),
            comment: z.string(),
            ratedBy: ratedBySchema,
            ratedAt: z.string(),
          })
          .nullable(),
      }),
    ),
    history: z
      .array(
        z.object({
          measure: z.string(),
          rating: z.number().int(),
          comment: z.string(),
          ratedBy: ratedBySchema,
          ratedAt: z.string(),
        }),
      )
      .openapi({ description: "The 50 latest ratings of these measures, newest first" }),
  })
  .openapi("HealthRatings");
