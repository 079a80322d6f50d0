CREATE TABLE "deadline" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"assignee_user_id" uuid,
	"assignee_unit_id" uuid,
	"remind_days_before" integer[],
	"escalate_after_days" integer,
	"completed_at" timestamp with time zone,
	"last_sent_step" integer,
	"last_sent_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_remind_days_ck" CHECK (0 <= ALL("deadline"."remind_days_before") AND 366 >= ALL("deadline"."remind_days_before")),
	CONSTRAINT "deadline_escalate_days_ck" CHECK ("deadline"."escalate_after_days" BETWEEN 1 AND 366)
);
--> statement-breakpoint
ALTER TABLE "deadline" ADD CONSTRAINT "deadline_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline" ADD CONSTRAINT "deadline_assignee_user_id_app_user_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deadline_record_kind_uq" ON "deadline" USING btree ("organisation_id","record_type","record_id","kind");--> statement-breakpoint
CREATE INDEX "deadline_open_due_idx" ON "deadline" USING btree ("due_on") WHERE completed_at IS NULL;--> statement-breakpoint
CREATE INDEX "deadline_assignee_idx" ON "deadline" USING btree ("organisation_id","assignee_user_id") WHERE completed_at IS NULL;--> statement-breakpoint
CREATE INDEX "deadline_unit_idx" ON "deadline" USING btree ("organisation_id","assignee_unit_id") WHERE completed_at IS NULL;--> statement-breakpoint
-- Row-level security like every tenant table: an organisation's transaction sees its own
-- deadlines, the daily job (system scope) sees all.
ALTER TABLE deadline ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE deadline FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY deadline_tenant ON deadline USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
