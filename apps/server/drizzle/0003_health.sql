CREATE TABLE "health_scores" (
	"workspace_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"score" integer,
	"band" text,
	"coverage" double precision NOT NULL,
	"measures" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_scores_workspace_id_account_id_day_pk" PRIMARY KEY("workspace_id","account_id","day")
);
--> statement-breakpoint
CREATE TABLE "workspace_scorecards" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"scorecard" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "health_scores_workspace_day_idx" ON "health_scores" USING btree ("workspace_id","day");