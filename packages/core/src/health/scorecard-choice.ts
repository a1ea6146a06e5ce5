import { z } from "zod";
import { defaultScorecard } from "./default-scorecard";
import { type Scorecard, scorecardSchema } from "./scorecard";

/*
 * A workspace may keep several scorecards (seed 004: what "healthy" means
 * differs between an enterprise account in operation and a small one still
 * onboarding). Each says which accounts it is for by segment and phase; an
 * account gets the first, in the workspace's order, that matches.
 */

const key = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1 to 64 letters, digits, _ or -");

export const scorecardAppliesToSchema = z.strictObject({
  /** The account's segment is one of these; absent: any segment. */
  segments: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  /** The account's current phase is one of these keys; absent: any phase. */
  phases: z.array(key).min(1).max(30).optional(),
});
export type ScorecardAppliesTo = z.infer<typeof scorecardAppliesToSchema>;

export const workspaceScorecardSchema = z.strictObject({
  key,
  scorecard: scorecardSchema,
  appliesTo: scorecardAppliesToSchema.default({}),
});
export type WorkspaceScorecard = z.infer<typeof workspaceScorecardSchema>;
export type WorkspaceScorecardInput = z.input<typeof workspaceScorecardSchema>;

export const WORKSPACE_MAX_SCORECARDS = 20;

/** A workspace's scorecards in the order they are tried; keys unique. */
export const workspaceScorecardsSchema = z
  .array(workspaceScorecardSchema)
  .max(WORKSPACE_MAX_SCORECARDS)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      if (seen.has(entry.key)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "key"],
          message: `repeats the key "${entry.key}"`,
        });
      }
      seen.add(entry.key);
    });
  });

/** The key under which core's default scorecard is reported when a workspace has none that fits. */
export const DEFAULT_SCORECARD_KEY = "default";

export const scorecardApplies = (
  appliesTo: ScorecardAppliesTo,
  account: { segment: string | null; phase: string | null },
): boolean =>
  (appliesTo.segments === undefined ||
    (account.segment !== null && appliesTo.segments.includes(account.segment))) &&
  (appliesTo.phases === undefined ||
    (account.phase !== null && appliesTo.phases.includes(account.phase)));

/**
 * The scorecard for an account: the first of the workspace's that applies,
 * else core's default (so every account always has a score to explain).
 */
export const chooseScorecard = (
  scorecards: readonly WorkspaceScorecard[],
  account: { segment: string | null; phase: string | null },
): { key: string; scorecard: Scorecard } => {
  const chosen = scorecards.find((entry) => scorecardApplies(entry.appliesTo, account));
  return chosen ?? { key: DEFAULT_SCORECARD_KEY, scorecard: defaultScorecard };
};
