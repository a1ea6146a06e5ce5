CREATE TABLE "account_phases" (
	"workspace_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"phase_key" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone,
	"decided_by" text NOT NULL,
	CONSTRAINT "account_phases_workspace_id_account_id_since_pk" PRIMARY KEY("workspace_id","account_id","since")
);
--> statement-breakpoint
CREATE INDEX "account_phases_workspace_phase_idx" ON "account_phases" USING btree ("workspace_id","phase_key");