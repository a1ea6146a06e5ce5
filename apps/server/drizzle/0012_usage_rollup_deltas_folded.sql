-- Rollup deltas not yet folded are merged into the rollups (as the delta fold did) before the
-- table goes: ingest now lists new events in usage_rollup_pending instead (decision 0006).
WITH "deltas" AS (
	DELETE FROM "usage_rollup_deltas"
	RETURNING "workspace_id", "account_id", "day", "event_counts", "active_user_ids"
), "counts" AS (
	SELECT "workspace_id", "account_id", "day", jsonb_object_agg("name", "n") AS "event_counts"
	FROM (
		SELECT "workspace_id", "account_id", "day", "e"."key" AS "name", sum("e"."value"::bigint) AS "n"
		FROM "deltas", jsonb_each_text("event_counts") AS "e"
		GROUP BY 1, 2, 3, 4
	) "by_name"
	GROUP BY 1, 2, 3
), "users" AS (
	SELECT "workspace_id", "account_id", "day",
		coalesce(array_agg(DISTINCT "u" ORDER BY "u") FILTER (WHERE "u" IS NOT NULL), '{}') AS "ids"
	FROM "deltas" LEFT JOIN LATERAL unnest("active_user_ids") AS "u" ON true
	GROUP BY 1, 2, 3
), "merged" AS (
	INSERT INTO "usage_daily_rollups" ("workspace_id", "account_id", "day", "event_counts", "active_user_ids")
	SELECT "users"."workspace_id", "users"."account_id", "users"."day",
		coalesce("counts"."event_counts", '{}'::jsonb), "users"."ids"
	FROM "users" LEFT JOIN "counts" USING ("workspace_id", "account_id", "day")
	ON CONFLICT ("workspace_id", "account_id", "day") DO UPDATE SET
		"event_counts" = "usage_daily_rollups"."event_counts" || coalesce((
			SELECT jsonb_object_agg("key",
				"value"::bigint + coalesce(("usage_daily_rollups"."event_counts" ->> "key")::bigint, 0))
			FROM jsonb_each_text(excluded."event_counts")
		), '{}'::jsonb),
		"active_user_ids" = array(
			SELECT DISTINCT "id"
			FROM unnest("usage_daily_rollups"."active_user_ids" || excluded."active_user_ids") AS "ids"("id")
			ORDER BY "id"
		)
	RETURNING 1
)
INSERT INTO "usage_dirty_accounts" ("workspace_id", "account_id")
SELECT DISTINCT "workspace_id", "account_id" FROM "deltas"
ON CONFLICT DO NOTHING;
--> statement-breakpoint
DROP TABLE "usage_rollup_deltas" CASCADE;
