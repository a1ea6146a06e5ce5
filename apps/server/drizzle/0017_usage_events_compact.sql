-- Written by hand (issue 14, point 7; decision 0006 "Storage per event"): drizzle-kit
-- generated column changes it cannot carry out (a new not-null key with no value for the
-- stored rows, text to "char" and uuid, a column order it cannot change). Its snapshot
-- (meta/0017_snapshot.json) is kept as generated; this file makes the same tables.
--
-- usage_events is rebuilt in the new column order (ALTER TABLE cannot move columns, and
-- the order saves alignment padding), every row copied:
--   message_id text    -> message_key uuid: the first 16 bytes of SHA-256 of
--                         "<workspace_id>/<message_id>" as UTF-8, as usageMessageKey in
--                         usage.queries.ts computes it for new events, so a retry of an
--                         event stored before this migration is still recognised (a test
--                         checks both give the same key). The messageId text is not kept:
--                         nothing reads it.
--   workspace_id text  -> uuid (workspace ids are crypto.randomUUID(); any other text
--                         fails the cast, and the migration with it, rather than losing
--                         a row).
--   type text          -> "char": t, i, g, p, s (any other value fails the NOT NULL).
--   received_at        dropped (nothing reads it; when an event happened is "timestamp").
--   properties, traits '{}' -> NULL (read as {}).
-- The primary key leads with workspace_id, as every tenant table's does (Citus shards by
-- tenant, and a distributed table's unique keys must hold the distribution column).
-- Everything else is copied as it is. The primary key and indexes are built after the
-- copy; the (workspace_id, account_id, timestamp) index is not made again (nothing reads
-- by it), the (workspace_id, UTC day) index serves retention.
--
-- usage_rollup_pending lists keys instead of messageIds (same hash, with the row's own
-- workspace), so rows not yet folded are folded after the migration as before.
--
-- A copy needs the table's size again in free disk space until the old table is dropped
-- (at the end of the migration's transaction).
DROP INDEX "usage_events_account_time_idx";--> statement-breakpoint
DROP INDEX "usage_events_waiting_group_idx";--> statement-breakpoint
ALTER TABLE "usage_events" RENAME TO "usage_events_0016";--> statement-breakpoint
CREATE TABLE "usage_events" (
	"timestamp" timestamp with time zone NOT NULL,
	"workspace_id" uuid NOT NULL,
	"message_key" uuid NOT NULL,
	"account_id" uuid,
	"type" "char" NOT NULL,
	"user_id" text,
	"anonymous_id" text,
	"group_id" text,
	"event" text,
	"properties" jsonb,
	"traits" jsonb
);
--> statement-breakpoint
INSERT INTO "usage_events" ("timestamp", "workspace_id", "message_key", "account_id", "type",
	"user_id", "anonymous_id", "group_id", "event", "properties", "traits")
SELECT "timestamp", "workspace_id"::uuid,
	encode(substring(sha256(convert_to("workspace_id" || '/' || "message_id", 'UTF8')) FROM 1 FOR 16), 'hex')::uuid,
	"account_id",
	(CASE "type" WHEN 'track' THEN 't' WHEN 'identify' THEN 'i' WHEN 'group' THEN 'g'
		WHEN 'page' THEN 'p' WHEN 'screen' THEN 's' END)::"char",
	"user_id", "anonymous_id", "group_id", "event",
	nullif("properties", '{}'::jsonb), nullif("traits", '{}'::jsonb)
FROM "usage_events_0016";
--> statement-breakpoint
DROP TABLE "usage_events_0016";--> statement-breakpoint
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_workspace_id_message_key_pk" PRIMARY KEY ("workspace_id","message_key");--> statement-breakpoint
CREATE INDEX "usage_events_day_idx" ON "usage_events" USING btree ("workspace_id",(("timestamp" at time zone 'UTC')::date));--> statement-breakpoint
CREATE INDEX "usage_events_waiting_group_idx" ON "usage_events" USING btree ("workspace_id","group_id") WHERE "usage_events"."account_id" is null;--> statement-breakpoint
ALTER TABLE "usage_rollup_pending" ADD COLUMN "message_keys" uuid[];--> statement-breakpoint
UPDATE "usage_rollup_pending" SET "message_keys" = ARRAY(
	SELECT encode(substring(sha256(convert_to("workspace_id" || '/' || "listed"."id", 'UTF8')) FROM 1 FOR 16), 'hex')::uuid
	FROM unnest("message_ids") WITH ORDINALITY AS "listed"("id", "n")
	ORDER BY "listed"."n"
);--> statement-breakpoint
ALTER TABLE "usage_rollup_pending" ALTER COLUMN "message_keys" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_rollup_pending" DROP COLUMN "message_ids";
