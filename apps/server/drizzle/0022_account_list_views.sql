CREATE TABLE "account_list_views" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"search" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_list_views_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "account_list_views_user_name_key" UNIQUE("workspace_id","user_id","name")
);
--> statement-breakpoint
ALTER TABLE "account_list_views" ADD CONSTRAINT "account_list_views_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_list_views" ADD CONSTRAINT "account_list_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;