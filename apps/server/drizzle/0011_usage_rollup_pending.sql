CREATE TABLE "usage_rollup_pending" (
	"workspace_id" text NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "usage_rollup_pending_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_ids" text[] NOT NULL,
	CONSTRAINT "usage_rollup_pending_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
