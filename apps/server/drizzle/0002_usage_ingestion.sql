CREATE TABLE "usage_daily_rollups" (
	"workspace_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"event_counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active_user_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "usage_daily_rollups_workspace_id_account_id_day_pk" PRIMARY KEY("workspace_id","account_id","day")
);
--> statement-breakpoint
CREATE TABLE "usage_dirty_accounts" (
	"workspace_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"dirty_since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_dirty_accounts_workspace_id_account_id_pk" PRIMARY KEY("workspace_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"workspace_id" text NOT NULL,
	"message_id" text NOT NULL,
	"type" text NOT NULL,
	"user_id" text,
	"anonymous_id" text,
	"group_id" text,
	"account_id" uuid,
	"event" text,
	"timestamp" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"traits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "usage_events_workspace_id_message_id_pk" PRIMARY KEY("workspace_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "usage_user_groups" (
	"workspace_id" text NOT NULL,
	"user_id" text NOT NULL,
	"group_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_user_groups_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "usage_events_account_time_idx" ON "usage_events" USING btree ("workspace_id","account_id","timestamp");--> statement-breakpoint
CREATE INDEX "usage_events_waiting_group_idx" ON "usage_events" USING btree ("workspace_id","group_id") WHERE "usage_events"."account_id" is null;