CREATE TABLE "account_events" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dedupe_key" text NOT NULL,
	"data" jsonb NOT NULL,
	"signal" jsonb,
	"dispatched_at" timestamp with time zone,
	CONSTRAINT "account_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "account_interactions" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"subject" text,
	"body" text DEFAULT '' NOT NULL,
	"mentioned_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_user_id" text,
	"task_id" uuid,
	"playbook_run_id" uuid,
	"email_to" text,
	"email_status" text,
	"email_detail" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_interactions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "account_tasks" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_user_id" text,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"snoozed_until" date,
	"result_code" text,
	"completed_at" timestamp with time zone,
	"completed_by_user_id" text,
	"playbook_run_id" uuid,
	"playbook_step" integer,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_tasks_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "playbook_runs" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"playbook_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"occurrence_key" text NOT NULL,
	"signal" jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"next_step" integer DEFAULT 0 NOT NULL,
	"resume_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"started_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "playbook_runs_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "playbooks" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"definition" jsonb NOT NULL,
	"template_key" text,
	"created_by_user_id" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playbooks_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_id" uuid,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"workspace_id" text NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"event_types" jsonb NOT NULL,
	"secret" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_reason" text,
	"disabled_at" timestamp with time zone,
	"failures_in_a_row" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_endpoints_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "unsubscribed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_events" ADD CONSTRAINT "account_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_events" ADD CONSTRAINT "account_events_account_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_interactions" ADD CONSTRAINT "account_interactions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_interactions" ADD CONSTRAINT "account_interactions_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_interactions" ADD CONSTRAINT "account_interactions_account_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tasks" ADD CONSTRAINT "account_tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tasks" ADD CONSTRAINT "account_tasks_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tasks" ADD CONSTRAINT "account_tasks_completed_by_user_id_users_id_fk" FOREIGN KEY ("completed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tasks" ADD CONSTRAINT "account_tasks_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tasks" ADD CONSTRAINT "account_tasks_account_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_started_by_user_id_users_id_fk" FOREIGN KEY ("started_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_playbook_fk" FOREIGN KEY ("workspace_id","playbook_id") REFERENCES "public"."playbooks"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_account_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbooks" ADD CONSTRAINT "playbooks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbooks" ADD CONSTRAINT "playbooks_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_fk" FOREIGN KEY ("workspace_id","endpoint_id") REFERENCES "public"."webhook_endpoints"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_events_dedupe_key" ON "account_events" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "account_events_account_idx" ON "account_events" USING btree ("workspace_id","account_id","occurred_at");--> statement-breakpoint
CREATE INDEX "account_events_undispatched_idx" ON "account_events" USING btree ("occurred_at") WHERE "account_events"."dispatched_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "account_interactions_dedupe_key" ON "account_interactions" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "account_interactions_account_idx" ON "account_interactions" USING btree ("workspace_id","account_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "account_tasks_run_step_key" ON "account_tasks" USING btree ("workspace_id","playbook_run_id","playbook_step");--> statement-breakpoint
CREATE INDEX "account_tasks_owner_idx" ON "account_tasks" USING btree ("workspace_id","owner_user_id","status","due_date");--> statement-breakpoint
CREATE INDEX "account_tasks_account_idx" ON "account_tasks" USING btree ("workspace_id","account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "playbook_runs_occurrence_key" ON "playbook_runs" USING btree ("workspace_id","occurrence_key");--> statement-breakpoint
CREATE INDEX "playbook_runs_account_idx" ON "playbook_runs" USING btree ("workspace_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "playbook_runs_playbook_idx" ON "playbook_runs" USING btree ("workspace_id","playbook_id","created_at");--> statement-breakpoint
CREATE INDEX "playbook_runs_due_idx" ON "playbook_runs" USING btree ("resume_at") WHERE "playbook_runs"."status" in ('running', 'waiting');--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_event_key" ON "webhook_deliveries" USING btree ("workspace_id","endpoint_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("workspace_id","endpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
-- Hand-written (decision 0030): account_events is written where each change is stored, so every
-- writer (the recompute, a person, the CSV import, a playbook) leaves the same record. Days are
-- UTC days, as health scores are. dedupe_key names the change: written twice, kept once.
CREATE FUNCTION "account_events_band_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_band text := CASE WHEN TG_OP = 'UPDATE' THEN OLD.band END;
BEGIN
  -- A first score with too little data is no change: the account had no band before either.
  IF TG_OP = 'INSERT' AND NEW.band IS NULL THEN RETURN NULL; END IF;
  INSERT INTO "account_events" ("workspace_id", "account_id", "type", "dedupe_key", "data", "signal")
  SELECT NEW.workspace_id, NEW.account_id, 'account.health_band_changed',
    'band:' || NEW.account_id || ':' || coalesce(old_band, '-') || '>' || coalesce(NEW.band, '-') || ':' || NEW.day,
    jsonb_build_object('accountId', NEW.account_id, 'from', old_band, 'to', NEW.band, 'score', NEW.score, 'day', NEW.day),
    jsonb_build_object('kind', 'healthBandChanged', 'accountId', NEW.account_id, 'at', NEW.day, 'from', old_band, 'to', NEW.band)
  -- Scores carry no foreign key: one written for an account deleted meanwhile records nothing.
  WHERE EXISTS (SELECT 1 FROM "accounts" a WHERE a.workspace_id = NEW.workspace_id AND a.id = NEW.account_id)
  ON CONFLICT ("workspace_id", "dedupe_key") DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "account_health_latest_band_insert" AFTER INSERT ON "account_health_latest"
  FOR EACH ROW EXECUTE FUNCTION "account_events_band_changed"();--> statement-breakpoint
CREATE TRIGGER "account_health_latest_band_update" AFTER UPDATE ON "account_health_latest"
  FOR EACH ROW WHEN (OLD.band IS DISTINCT FROM NEW.band) EXECUTE FUNCTION "account_events_band_changed"();--> statement-breakpoint
-- A new stay in a phase. An account with no earlier row was in the workspace's first phase, whose
-- key the row does not know: "from" is then null.
CREATE FUNCTION "account_events_phase_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous text;
  day text := ((NEW.since AT TIME ZONE 'UTC')::date)::text;
BEGIN
  SELECT p.phase_key INTO previous FROM "account_phases" p
  WHERE p.workspace_id = NEW.workspace_id AND p.account_id = NEW.account_id AND p.since < NEW.since
  ORDER BY p.since DESC LIMIT 1;
  INSERT INTO "account_events" ("workspace_id", "account_id", "type", "occurred_at", "dedupe_key", "data", "signal")
  SELECT NEW.workspace_id, NEW.account_id, 'account.phase_changed', NEW.since,
    'phase:' || NEW.account_id || ':' || NEW.phase_key || ':' || NEW.since,
    jsonb_build_object('accountId', NEW.account_id, 'from', previous, 'to', NEW.phase_key, 'decidedBy', NEW.decided_by),
    jsonb_build_object('kind', 'phaseChanged', 'accountId', NEW.account_id, 'at', day, 'from', previous, 'to', NEW.phase_key)
  WHERE EXISTS (SELECT 1 FROM "accounts" a WHERE a.workspace_id = NEW.workspace_id AND a.id = NEW.account_id)
  ON CONFLICT ("workspace_id", "dedupe_key") DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "account_phases_changed" AFTER INSERT ON "account_phases"
  FOR EACH ROW WHEN (NEW.until IS NULL) EXECUTE FUNCTION "account_events_phase_changed"();--> statement-breakpoint
CREATE FUNCTION "account_events_maturity_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous integer;
  day text := ((NEW.since AT TIME ZONE 'UTC')::date)::text;
BEGIN
  SELECT m.level INTO previous FROM "account_maturity_levels" m
  WHERE m.workspace_id = NEW.workspace_id AND m.account_id = NEW.account_id AND m.product = NEW.product
    AND m.since < NEW.since
  ORDER BY m.since DESC LIMIT 1;
  INSERT INTO "account_events" ("workspace_id", "account_id", "type", "occurred_at", "dedupe_key", "data", "signal")
  SELECT NEW.workspace_id, NEW.account_id, 'account.maturity_changed', NEW.since,
    'maturity:' || NEW.account_id || ':' || NEW.product || ':' || NEW.since,
    jsonb_build_object('accountId', NEW.account_id, 'product', NEW.product, 'from', previous, 'to', NEW.level),
    jsonb_build_object('kind', 'maturityLevelChanged', 'accountId', NEW.account_id, 'at', day,
      'product', NEW.product, 'from', previous, 'to', NEW.level)
  WHERE EXISTS (SELECT 1 FROM "accounts" a WHERE a.workspace_id = NEW.workspace_id AND a.id = NEW.account_id)
  ON CONFLICT ("workspace_id", "dedupe_key") DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "account_maturity_levels_changed" AFTER INSERT ON "account_maturity_levels"
  FOR EACH ROW WHEN (NEW.until IS NULL) EXECUTE FUNCTION "account_events_maturity_changed"();--> statement-breakpoint
-- A contract made, and one that stops being live (active or pending → churned or expired).
CREATE FUNCTION "account_events_contract"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  today text := ((clock_timestamp() AT TIME ZONE 'UTC')::date)::text;
  body jsonb := jsonb_build_object('accountId', NEW.account_id, 'contractId', NEW.id,
    'product', NEW.product, 'mrrMinor', NEW.mrr_minor, 'currency', NEW.currency,
    'startDate', NEW.start_date, 'endDate', NEW.end_date, 'status', NEW.status);
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "account_events" ("workspace_id", "account_id", "type", "dedupe_key", "data", "signal")
    VALUES (NEW.workspace_id, NEW.account_id, 'account.contract_created', 'contract-created:' || NEW.id, body,
      jsonb_build_object('kind', 'contractCreated', 'accountId', NEW.account_id, 'at', today, 'contractId', NEW.id))
    ON CONFLICT ("workspace_id", "dedupe_key") DO NOTHING;
  ELSE
    INSERT INTO "account_events" ("workspace_id", "account_id", "type", "dedupe_key", "data", "signal")
    VALUES (NEW.workspace_id, NEW.account_id, 'account.contract_ended',
      'contract-ended:' || NEW.id || ':' || coalesce(NEW.end_date::text, today), body,
      jsonb_build_object('kind', 'contractEnded', 'accountId', NEW.account_id, 'at', today,
        'contractId', NEW.id, 'endDate', coalesce(NEW.end_date::text, today)))
    ON CONFLICT ("workspace_id", "dedupe_key") DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "contracts_created_event" AFTER INSERT ON "contracts"
  FOR EACH ROW EXECUTE FUNCTION "account_events_contract"();--> statement-breakpoint
CREATE TRIGGER "contracts_ended_event" AFTER UPDATE OF "status" ON "contracts"
  FOR EACH ROW WHEN (OLD.status IN ('active', 'pending') AND NEW.status IN ('churned', 'expired'))
  EXECUTE FUNCTION "account_events_contract"();
