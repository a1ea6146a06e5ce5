-- The portfolio reads each account's latest score and band (distribution, at-risk list):
-- with score and band in the index it answers from the index alone instead of the ~1 KB rows
-- (measures). Hand-written: drizzle-kit's index builder has no INCLUDE.
CREATE INDEX IF NOT EXISTS "health_scores_account_latest_idx" ON "health_scores" USING btree ("workspace_id","account_id","day") INCLUDE ("score","band");
