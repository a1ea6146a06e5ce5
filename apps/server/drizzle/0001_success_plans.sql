CREATE TABLE "plan_failure_patterns" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"discussed" boolean,
	CONSTRAINT "plan_failure_patterns_workspace_id_plan_id_key_pk" PRIMARY KEY("workspace_id","plan_id","key")
);
--> statement-breakpoint
CREATE TABLE "plan_history" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"version" integer NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"summary" jsonb,
	CONSTRAINT "plan_history_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_kpi_links" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"source_kind" text NOT NULL,
	"source_key" text NOT NULL,
	"kpi_key" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "plan_kpi_links_workspace_id_plan_id_source_kind_source_key_kpi_key_pk" PRIMARY KEY("workspace_id","plan_id","source_kind","source_key","kpi_key")
);
--> statement-breakpoint
CREATE TABLE "plan_kpi_measurements" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"kpi_key" text NOT NULL,
	"position" integer NOT NULL,
	"date" date NOT NULL,
	"value" double precision NOT NULL,
	"note" text,
	CONSTRAINT "plan_kpi_measurements_workspace_id_plan_id_kpi_key_position_pk" PRIMARY KEY("workspace_id","plan_id","kpi_key","position")
);
--> statement-breakpoint
CREATE TABLE "plan_kpis" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	"direction" text,
	"baseline" double precision,
	"target" double precision,
	"due_date" date,
	"evaluation_method" text,
	"data_source" text,
	"aggregation" text,
	CONSTRAINT "plan_kpis_workspace_id_plan_id_key_pk" PRIMARY KEY("workspace_id","plan_id","key")
);
--> statement-breakpoint
CREATE TABLE "plan_layout_positions" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"node_key" text NOT NULL,
	"x" double precision NOT NULL,
	"y" double precision NOT NULL,
	CONSTRAINT "plan_layout_positions_workspace_id_plan_id_node_key_pk" PRIMARY KEY("workspace_id","plan_id","node_key")
);
--> statement-breakpoint
CREATE TABLE "plan_measure_objectives" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"measure_key" text NOT NULL,
	"objective_key" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "plan_measure_objectives_workspace_id_plan_id_measure_key_objective_key_pk" PRIMARY KEY("workspace_id","plan_id","measure_key","objective_key")
);
--> statement-breakpoint
CREATE TABLE "plan_measures" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"owner_key" text,
	"effort_hours_per_week" double precision,
	"status" text,
	CONSTRAINT "plan_measures_workspace_id_plan_id_key_pk" PRIMARY KEY("workspace_id","plan_id","key")
);
--> statement-breakpoint
CREATE TABLE "plan_meeting_cadences" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"audience" text NOT NULL,
	"every_days" integer NOT NULL,
	CONSTRAINT "plan_meeting_cadences_workspace_id_plan_id_key_pk" PRIMARY KEY("workspace_id","plan_id","key")
);
--> statement-breakpoint
CREATE TABLE "plan_meetings" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"date" date NOT NULL,
	"audience" text NOT NULL,
	"title" text NOT NULL,
	"notes" text,
	"decisions" text,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_meetings_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_milestone_objectives" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"milestone_key" text NOT NULL,
	"objective_key" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "plan_milestone_objectives_workspace_id_plan_id_milestone_key_objective_key_pk" PRIMARY KEY("workspace_id","plan_id","milestone_key","objective_key")
);
--> statement-breakpoint
CREATE TABLE "plan_milestones" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"due_date" date,
	"done_date" date,
	CONSTRAINT "plan_milestones_workspace_id_plan_id_key_pk" PRIMARY KEY("workspace_id","plan_id","key")
);
--> statement-breakpoint
CREATE TABLE "plan_objectives" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"desired_state" text,
	CONSTRAINT "plan_objectives_workspace_id_plan_id_key_pk" PRIMARY KEY("workspace_id","plan_id","key")
);
--> statement-breakpoint
CREATE TABLE "plan_roadmap_items" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"process" text NOT NULL,
	"purpose" text,
	"how" text,
	"how_much" text,
	"impact" integer,
	"difficulty" integer,
	"status" text,
	"start_date" date,
	CONSTRAINT "plan_roadmap_items_workspace_id_plan_id_key_pk" PRIMARY KEY("workspace_id","plan_id","key")
);
--> statement-breakpoint
CREATE TABLE "plan_stages" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by_kind" text NOT NULL,
	"closed_by_id" text,
	"closed_by_name" text NOT NULL,
	"document" jsonb NOT NULL,
	"retrospective" jsonb NOT NULL,
	CONSTRAINT "plan_stages_workspace_id_plan_id_number_pk" PRIMARY KEY("workspace_id","plan_id","number")
);
--> statement-breakpoint
CREATE TABLE "plan_tasks" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"owner_key" text,
	"due_date" date,
	"status" text,
	"measure_key" text,
	"milestone_key" text,
	CONSTRAINT "plan_tasks_workspace_id_plan_id_key_pk" PRIMARY KEY("workspace_id","plan_id","key")
);
--> statement-breakpoint
CREATE TABLE "plan_team_members" (
	"workspace_id" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"title" text,
	"side" text NOT NULL,
	"role" text NOT NULL,
	"contact_id" uuid,
	"user_id" text,
	CONSTRAINT "plan_team_members_workspace_id_plan_id_key_pk" PRIMARY KEY("workspace_id","plan_id","key")
);
--> statement-breakpoint
CREATE TABLE "plan_templates" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"document" jsonb NOT NULL,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_templates_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "success_plans" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text,
	"period_start" date,
	"period_end" date,
	"purpose_business_issue" text,
	"purpose_problem" text,
	"purpose_solution" text,
	"purpose_benefit" text,
	"goal" text NOT NULL,
	"win_condition_text" text NOT NULL,
	"factor_people" text,
	"factor_money" text,
	"factor_time" text,
	"factor_quality" text,
	"factor_deal_structure" text,
	"factor_environment" text,
	"factor_rivals" text,
	"factor_external_threats" text,
	"headcount" double precision,
	"hours_per_week_per_person" double precision,
	"active" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"stage" integer DEFAULT 1 NOT NULL,
	"created_by_user_id" text,
	"updated_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "success_plans_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "plan_failure_patterns" ADD CONSTRAINT "plan_failure_patterns_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_failure_patterns" ADD CONSTRAINT "plan_failure_patterns_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_history" ADD CONSTRAINT "plan_history_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_history" ADD CONSTRAINT "plan_history_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_kpi_links" ADD CONSTRAINT "plan_kpi_links_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_kpi_links" ADD CONSTRAINT "plan_kpi_links_kpi_fk" FOREIGN KEY ("workspace_id","plan_id","kpi_key") REFERENCES "public"."plan_kpis"("workspace_id","plan_id","key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_kpi_measurements" ADD CONSTRAINT "plan_kpi_measurements_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_kpi_measurements" ADD CONSTRAINT "plan_kpi_measurements_kpi_fk" FOREIGN KEY ("workspace_id","plan_id","kpi_key") REFERENCES "public"."plan_kpis"("workspace_id","plan_id","key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_kpis" ADD CONSTRAINT "plan_kpis_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_kpis" ADD CONSTRAINT "plan_kpis_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_layout_positions" ADD CONSTRAINT "plan_layout_positions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_layout_positions" ADD CONSTRAINT "plan_layout_positions_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_objectives" ADD CONSTRAINT "plan_measure_objectives_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_objectives" ADD CONSTRAINT "plan_measure_objectives_measure_fk" FOREIGN KEY ("workspace_id","plan_id","measure_key") REFERENCES "public"."plan_measures"("workspace_id","plan_id","key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_objectives" ADD CONSTRAINT "plan_measure_objectives_objective_fk" FOREIGN KEY ("workspace_id","plan_id","objective_key") REFERENCES "public"."plan_objectives"("workspace_id","plan_id","key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measures" ADD CONSTRAINT "plan_measures_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measures" ADD CONSTRAINT "plan_measures_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measures" ADD CONSTRAINT "plan_measures_owner_fk" FOREIGN KEY ("workspace_id","plan_id","owner_key") REFERENCES "public"."plan_team_members"("workspace_id","plan_id","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_meeting_cadences" ADD CONSTRAINT "plan_meeting_cadences_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_meeting_cadences" ADD CONSTRAINT "plan_meeting_cadences_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_meetings" ADD CONSTRAINT "plan_meetings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_meetings" ADD CONSTRAINT "plan_meetings_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_meetings" ADD CONSTRAINT "plan_meetings_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestone_objectives" ADD CONSTRAINT "plan_milestone_objectives_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestone_objectives" ADD CONSTRAINT "plan_milestone_objectives_milestone_fk" FOREIGN KEY ("workspace_id","plan_id","milestone_key") REFERENCES "public"."plan_milestones"("workspace_id","plan_id","key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestone_objectives" ADD CONSTRAINT "plan_milestone_objectives_objective_fk" FOREIGN KEY ("workspace_id","plan_id","objective_key") REFERENCES "public"."plan_objectives"("workspace_id","plan_id","key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD CONSTRAINT "plan_objectives_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD CONSTRAINT "plan_objectives_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_roadmap_items" ADD CONSTRAINT "plan_roadmap_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_roadmap_items" ADD CONSTRAINT "plan_roadmap_items_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_stages" ADD CONSTRAINT "plan_stages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_stages" ADD CONSTRAINT "plan_stages_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_owner_fk" FOREIGN KEY ("workspace_id","plan_id","owner_key") REFERENCES "public"."plan_team_members"("workspace_id","plan_id","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_measure_fk" FOREIGN KEY ("workspace_id","plan_id","measure_key") REFERENCES "public"."plan_measures"("workspace_id","plan_id","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_milestone_fk" FOREIGN KEY ("workspace_id","plan_id","milestone_key") REFERENCES "public"."plan_milestones"("workspace_id","plan_id","key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_team_members" ADD CONSTRAINT "plan_team_members_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_team_members" ADD CONSTRAINT "plan_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_team_members" ADD CONSTRAINT "plan_team_members_plan_fk" FOREIGN KEY ("workspace_id","plan_id") REFERENCES "public"."success_plans"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_templates" ADD CONSTRAINT "plan_templates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_templates" ADD CONSTRAINT "plan_templates_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plans" ADD CONSTRAINT "success_plans_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plans" ADD CONSTRAINT "success_plans_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plans" ADD CONSTRAINT "success_plans_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plans" ADD CONSTRAINT "success_plans_account_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_history_plan_at_idx" ON "plan_history" USING btree ("workspace_id","plan_id","at");--> statement-breakpoint
CREATE INDEX "plan_meetings_plan_date_idx" ON "plan_meetings" USING btree ("workspace_id","plan_id","date");--> statement-breakpoint
CREATE INDEX "plan_tasks_owner_idx" ON "plan_tasks" USING btree ("workspace_id","plan_id","owner_key");--> statement-breakpoint
CREATE INDEX "plan_team_members_user_idx" ON "plan_team_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "plan_team_members_email_idx" ON "plan_team_members" USING btree ("workspace_id",lower("email"));--> statement-breakpoint
CREATE INDEX "success_plans_account_idx" ON "success_plans" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "success_plans_one_active_idx" ON "success_plans" USING btree ("workspace_id","account_id") WHERE "success_plans"."active";