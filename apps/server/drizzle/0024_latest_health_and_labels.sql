CREATE TABLE "account_health_latest" (
	"workspace_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"score" integer,
	"band" text,
	CONSTRAINT "account_health_latest_workspace_id_account_id_pk" PRIMARY KEY("workspace_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "workspace_cs_settings" ADD COLUMN "csv_column_mappings" jsonb;--> statement-breakpoint
ALTER TABLE "workspace_cs_settings" ADD COLUMN "usage_labels" jsonb;--> statement-breakpoint
ALTER TABLE "success_plans" ADD COLUMN "progress_percent" double precision;--> statement-breakpoint
-- Hand-written (decision 0024): account_health_latest follows every write to health_scores. Two
-- statement triggers, because a trigger with a transition table takes one event; an upsert's
-- replaced rows come through the UPDATE one. A row moves only forward in days, so writing a past
-- day (a backfill) leaves the latest as it is; a day after today (UTC: a clock ahead) is not "now"
-- and is left out, and the daily recompute moves the row on when that day comes. Today is the
-- database's clock at the write (not the transaction's start) plus an hour: the app names the day
-- by its own clock, which may run a little ahead of the database's or cross midnight meanwhile. Rows in account
-- order: overlapping recomputes lock them in the same order, as upsertHealthScores sorts its own.
CREATE FUNCTION "account_health_latest_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "account_health_latest" ("workspace_id", "account_id", "day", "score", "band")
  SELECT DISTINCT ON (s.workspace_id, s.account_id) s.workspace_id, s.account_id, s.day, s.score, s.band
  FROM written_scores s WHERE s.day <= ((clock_timestamp() AT TIME ZONE 'UTC') + interval '1 hour')::date
  ORDER BY s.workspace_id, s.account_id, s.day DESC
  ON CONFLICT ("workspace_id", "account_id") DO UPDATE
    SET "day" = excluded.day, "score" = excluded.score, "band" = excluded.band
    WHERE excluded.day >= "account_health_latest".day;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "health_scores_latest_insert" AFTER INSERT ON "health_scores"
  REFERENCING NEW TABLE AS written_scores FOR EACH STATEMENT EXECUTE FUNCTION "account_health_latest_follow"();--> statement-breakpoint
CREATE TRIGGER "health_scores_latest_update" AFTER UPDATE ON "health_scores"
  REFERENCING NEW TABLE AS written_scores FOR EACH STATEMENT EXECUTE FUNCTION "account_health_latest_follow"();--> statement-breakpoint
INSERT INTO "account_health_latest" ("workspace_id", "account_id", "day", "score", "band")
  SELECT DISTINCT ON (workspace_id, account_id) workspace_id, account_id, day, score, band
  FROM "health_scores" WHERE day <= ((clock_timestamp() AT TIME ZONE 'UTC') + interval '1 hour')::date
  ORDER BY workspace_id, account_id, day DESC;--> statement-breakpoint
-- The stored plan progress of plans saved before this migration, as core's planProgress counts it.
UPDATE "success_plans" p SET "progress_percent" = c.done * 100.0 / c.total
FROM (
  SELECT p2.workspace_id, p2.id,
    (SELECT count(*) FILTER (WHERE t.status = 'done') FROM plan_tasks t WHERE t.workspace_id = p2.workspace_id AND t.plan_id = p2.id)
    + (SELECT count(*) FILTER (WHERE m.done_date <= current_date) FROM plan_milestones m WHERE m.workspace_id = p2.workspace_id AND m.plan_id = p2.id)
    + (SELECT count(*) FILTER (WHERE x.status = 'done') FROM plan_measures x WHERE x.workspace_id = p2.workspace_id AND x.plan_id = p2.id AND x.status IS DISTINCT FROM 'dropped') AS done,
    (SELECT count(*) FROM plan_tasks t WHERE t.workspace_id = p2.workspace_id AND t.plan_id = p2.id)
    + (SELECT count(*) FROM plan_milestones m WHERE m.workspace_id = p2.workspace_id AND m.plan_id = p2.id)
    + (SELECT count(*) FROM plan_measures x WHERE x.workspace_id = p2.workspace_id AND x.plan_id = p2.id AND x.status IS DISTINCT FROM 'dropped') AS total
  FROM "success_plans" p2
) c
WHERE c.workspace_id = p.workspace_id AND c.id = p.id AND c.total > 0;
