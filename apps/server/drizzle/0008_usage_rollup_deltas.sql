CREATE TABLE "usage_rollup_deltas" (
	"workspace_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"event_counts" jsonb NOT NULL,
	"active_user_ids" text[] NOT NULL
);
