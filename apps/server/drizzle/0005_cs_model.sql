-- One scorecard per workspace becomes several (chosen by segment and phase); nothing wrote the old table yet.
DROP TABLE "workspace_scorecards";--> statement-breakpoint
CREATE TABLE "health_ratings" (
	"workspace_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"measure_key" text NOT NULL,
	"rating" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"rated_by_user_id" text,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_ratings_workspace_id_account_id_measure_key_rated_at_pk" PRIMARY KEY("workspace_id","account_id","measure_key","rated_at")
);
--> statement-breakpoint
CREATE TABLE "scorecards" (
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"scorecard" jsonb NOT NULL,
	"applies_to" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecards_workspace_id_key_pk" PRIMARY KEY("workspace_id","key")
);
--> statement-breakpoint
CREATE TABLE "account_maturity_levels" (
	"workspace_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"product" text NOT NULL,
	"level" integer NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone,
	CONSTRAINT "account_maturity_levels_workspace_id_account_id_product_since_pk" PRIMARY KEY("workspace_id","account_id","product","since")
);
--> statement-breakpoint
CREATE TABLE "account_phase_proposals" (
	"workspace_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"from_phase" text NOT NULL,
	"to_phase" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"resolved_by_user_id" text,
	CONSTRAINT "account_phase_proposals_workspace_id_account_id_proposed_at_pk" PRIMARY KEY("workspace_id","account_id","proposed_at")
);
--> statement-breakpoint
CREATE TABLE "maturity_models" (
	"workspace_id" text NOT NULL,
	"product" text NOT NULL,
	"position" integer NOT NULL,
	"name" jsonb,
	"levels" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maturity_models_workspace_id_product_pk" PRIMARY KEY("workspace_id","product")
);
--> statement-breakpoint
CREATE TABLE "workspace_cs_settings" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"phases" jsonb,
	"phase_mode" text DEFAULT 'propose' NOT NULL,
	"touch_model_policy" jsonb,
	"usage_retention_days" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "seats" integer;--> statement-breakpoint
CREATE INDEX "account_maturity_levels_current_idx" ON "account_maturity_levels" USING btree ("workspace_id","product","level") WHERE "account_maturity_levels"."until" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "account_phase_proposals_open_key" ON "account_phase_proposals" USING btree ("workspace_id","account_id") WHERE "account_phase_proposals"."resolved_at" is null;