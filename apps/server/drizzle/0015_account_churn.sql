ALTER TABLE "accounts" ADD COLUMN "churned_on" date;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "churn_source" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "churn_reason" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "churn_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace_cs_settings" ADD COLUMN "churn_reasons" jsonb;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_churn_source_check" CHECK ("accounts"."churn_source" is null or "accounts"."churn_source" in ('contracts', 'manual'));