DROP INDEX "accounts_workspace_name_idx";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "name_kana" text;--> statement-breakpoint
CREATE INDEX "accounts_workspace_sort_name_idx" ON "accounts" USING btree ("workspace_id",(coalesce("name_kana", "name") collate "C"),"id");