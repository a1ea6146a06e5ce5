CREATE TABLE "health_trend_days" (
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	"groups" json NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_trend_days_workspace_id_day_pk" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
-- Hand-written (decision 0021): a trend day counts scores by the owner, segment, touch model and
-- churn its accounts have now, so a change to one of them, or a deleted account, drops the
-- workspace's trend days; the next portfolio read writes them again. The shared lock (727003,
-- workspace) keeps a portfolio read from writing a day from rows this transaction is changing:
-- the read writes only while it holds the same key exclusively (healthTrendLock).
CREATE FUNCTION "health_trend_days_forget"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(727003, hashtext(OLD.workspace_id));
  DELETE FROM "health_trend_days" WHERE "workspace_id" = OLD.workspace_id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "accounts_health_trend_update" AFTER UPDATE OF "owner_user_id", "segment", "touch_model", "churned_on" ON "accounts"
  FOR EACH ROW WHEN (OLD.owner_user_id IS DISTINCT FROM NEW.owner_user_id OR OLD.segment IS DISTINCT FROM NEW.segment
    OR OLD.touch_model IS DISTINCT FROM NEW.touch_model OR OLD.churned_on IS DISTINCT FROM NEW.churned_on)
  EXECUTE FUNCTION "health_trend_days_forget"();--> statement-breakpoint
CREATE TRIGGER "accounts_health_trend_delete" AFTER DELETE ON "accounts"
  FOR EACH ROW EXECUTE FUNCTION "health_trend_days_forget"();
