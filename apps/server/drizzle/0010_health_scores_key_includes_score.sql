-- One index fewer to write for every score: the primary key itself carries score and band
-- (INCLUDE) for the portfolio's latest-score reads, so 0007's covering index, which repeated
-- the key, goes. Hand-written: drizzle's primaryKey() has no INCLUDE.
ALTER TABLE "health_scores" DROP CONSTRAINT "health_scores_workspace_id_account_id_day_pk";--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_workspace_id_account_id_day_pk" PRIMARY KEY ("workspace_id","account_id","day") INCLUDE ("score","band");--> statement-breakpoint
DROP INDEX IF EXISTS "health_scores_account_latest_idx";
