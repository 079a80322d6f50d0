CREATE TABLE "report" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"identity_mode" text NOT NULL,
	"filed_via" text NOT NULL,
	"category" text,
	"status" text DEFAULT 'received' NOT NULL,
	"admissibility" text,
	"outcome" text,
	"received_on" date NOT NULL,
	"acknowledged_on" date,
	"feedback_on" date,
	"closed_on" date,
	"investigator_user_id" uuid,
	"legal_hold" boolean DEFAULT false NOT NULL,
	"receipt_hash" text NOT NULL,
	"content" "bytea" NOT NULL,
	"message_seq" integer DEFAULT 0 NOT NULL,
	"file_seq" integer DEFAULT 0 NOT NULL,
	"event_seq" integer DEFAULT 0 NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "report_identity_mode_ck" CHECK ("report"."identity_mode" IN ('named', 'confidential', 'anonymous')),
	CONSTRAINT "report_filed_via_ck" CHECK ("report"."filed_via" IN ('portal', 'counsellor')),
	CONSTRAINT "report_category_ck" CHECK ("report"."category" IN ('corruption', 'abuse_of_power', 'fraud', 'conflict_of_interest', 'harassment_discrimination', 'information_breach', 'misuse_of_resources', 'other')),
	CONSTRAINT "report_status_ck" CHECK ("report"."status" IN ('received', 'acknowledged', 'in_progress', 'closed')),
	CONSTRAINT "report_admissibility_ck" CHECK ("report"."admissibility" IN ('admissible', 'inadmissible')),
	CONSTRAINT "report_outcome_ck" CHECK ("report"."outcome" IN ('unfounded', 'founded_measures', 'forwarded_comite_p', 'forwarded_judicial', 'forwarded_disciplinary', 'inadmissible', 'withdrawn', 'other'))
);
--> statement-breakpoint
CREATE TABLE "report_access" (
	"organisation_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"granted_on" date DEFAULT CURRENT_DATE NOT NULL,
	CONSTRAINT "report_access_organisation_id_report_id_user_id_kind_pk" PRIMARY KEY("organisation_id","report_id","user_id","kind"),
	CONSTRAINT "report_access_kind_ck" CHECK ("report_access"."kind" IN ('recipient', 'investigator', 'counsellor', 'escalation', 'adviser'))
);
--> statement-breakpoint
CREATE TABLE "report_counter" (
	"organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "report_counter_organisation_id_year_pk" PRIMARY KEY("organisation_id","year")
);
--> statement-breakpoint
CREATE TABLE "report_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"by_user_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" "bytea"
);
--> statement-breakpoint
CREATE TABLE "report_file" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"message_id" uuid,
	"seq" integer NOT NULL,
	"added_by" text NOT NULL,
	"name" "bytea" NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"added_on" date NOT NULL,
	CONSTRAINT "report_file_added_by_ck" CHECK ("report_file"."added_by" IN ('reporter', 'recipient'))
);
--> statement-breakpoint
CREATE TABLE "report_message" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"author" text NOT NULL,
	"author_user_id" uuid,
	"purpose" text DEFAULT 'message' NOT NULL,
	"body" "bytea" NOT NULL,
	"sent_on" date NOT NULL,
	"read_by_reporter_on" date,
	"read_by_recipient_on" date,
	CONSTRAINT "report_message_author_ck" CHECK ("report_message"."author" IN ('reporter', 'recipient')),
	CONSTRAINT "report_message_purpose_ck" CHECK ("report_message"."purpose" IN ('message', 'acknowledgement', 'feedback', 'closure'))
);
--> statement-breakpoint
CREATE TABLE "report_recipient" (
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "report_recipient_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id"),
	CONSTRAINT "report_recipient_kind_ck" CHECK ("report_recipient"."kind" IN ('primary', 'alternate'))
);
--> statement-breakpoint
CREATE TABLE "report_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"open" boolean DEFAULT false NOT NULL,
	"intro" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"questions" jsonb NOT NULL,
	"ack_days" integer DEFAULT 7 NOT NULL,
	"feedback_months" integer DEFAULT 3 NOT NULL,
	"alert_days_before" integer DEFAULT 2 NOT NULL,
	"reprisal_check_months" integer[] DEFAULT '{3,6,12}'::int[] NOT NULL,
	"retention_months" integer DEFAULT 60 NOT NULL,
	"auto_ack" jsonb,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "report_settings_ack_days_ck" CHECK ("report_settings"."ack_days" BETWEEN 1 AND 7),
	CONSTRAINT "report_settings_feedback_months_ck" CHECK ("report_settings"."feedback_months" BETWEEN 1 AND 3),
	CONSTRAINT "report_settings_alert_days_ck" CHECK ("report_settings"."alert_days_before" BETWEEN 0 AND 30),
	CONSTRAINT "report_settings_retention_ck" CHECK ("report_settings"."retention_months" BETWEEN 1 AND 600)
);
--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_investigator_user_id_app_user_id_fk" FOREIGN KEY ("investigator_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_access" ADD CONSTRAINT "report_access_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_access" ADD CONSTRAINT "report_access_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_access" ADD CONSTRAINT "report_access_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_counter" ADD CONSTRAINT "report_counter_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_by_user_id_app_user_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_file" ADD CONSTRAINT "report_file_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_file" ADD CONSTRAINT "report_file_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_file" ADD CONSTRAINT "report_file_message_id_report_message_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."report_message"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_message" ADD CONSTRAINT "report_message_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_message" ADD CONSTRAINT "report_message_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_message" ADD CONSTRAINT "report_message_author_user_id_app_user_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_recipient" ADD CONSTRAINT "report_recipient_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_recipient" ADD CONSTRAINT "report_recipient_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_reference_uq" ON "report" USING btree ("organisation_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "report_receipt_uq" ON "report" USING btree ("organisation_id","receipt_hash");--> statement-breakpoint
CREATE INDEX "report_org_status_idx" ON "report" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "report_access_user_idx" ON "report_access" USING btree ("organisation_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_event_seq_uq" ON "report_event" USING btree ("organisation_id","report_id","seq");--> statement-breakpoint
CREATE INDEX "report_file_report_idx" ON "report_file" USING btree ("organisation_id","report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_message_seq_uq" ON "report_message" USING btree ("organisation_id","report_id","seq");--> statement-breakpoint
-- Row-level security like every tenant table (docs/development.md, "Migrations").
ALTER TABLE report_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_settings_tenant ON report_settings USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE report_recipient ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_recipient FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_recipient_tenant ON report_recipient USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE report_counter ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_counter FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_counter_tenant ON report_counter USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE report ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_tenant ON report USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE report_access ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_access FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_access_tenant ON report_access USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE report_message ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_message FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_message_tenant ON report_message USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE report_file ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_file FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_file_tenant ON report_file USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE report_event ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_event FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY report_event_tenant ON report_event USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
-- Encrypted content does not compress: keep PostgreSQL from trying.
ALTER TABLE report ALTER COLUMN content SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE report_message ALTER COLUMN body SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE report_file ALTER COLUMN content SET STORAGE EXTERNAL;
