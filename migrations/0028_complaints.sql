CREATE TABLE "complaint" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"channel" text NOT NULL,
	"forwarded_by" text,
	"forwarding_reference" text,
	"anonymous" boolean NOT NULL,
	"language" text NOT NULL,
	"received_on" date NOT NULL,
	"acknowledged_on" date,
	"triaged_on" date,
	"answered_on" date,
	"closed_on" date,
	"forwarded_to" text,
	"forwarded_on" date,
	"admissible" boolean,
	"seriousness" text,
	"unit_id" uuid,
	"handler_user_id" uuid,
	"decision" text,
	"decided_on" date,
	"registered_by" uuid,
	"code_hash" text NOT NULL,
	"content" "bytea" NOT NULL,
	"answer" "bytea",
	"entry_seq" integer DEFAULT 0 NOT NULL,
	"file_seq" integer DEFAULT 0 NOT NULL,
	"event_seq" integer DEFAULT 0 NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "complaint_status_ck" CHECK ("complaint"."status" IN ('received', 'acknowledged', 'triaged', 'answered', 'closed', 'inadmissible', 'forwarded')),
	CONSTRAINT "complaint_channel_ck" CHECK ("complaint"."channel" IN ('online', 'phone', 'letter', 'email', 'desk', 'forwarded')),
	CONSTRAINT "complaint_forwarded_by_ck" CHECK ("complaint"."forwarded_by" IN ('comite_p', 'aig', 'mayor', 'prosecutor', 'other')),
	CONSTRAINT "complaint_forwarded_by_channel_ck" CHECK (("complaint"."channel" = 'forwarded') = ("complaint"."forwarded_by" IS NOT NULL)),
	CONSTRAINT "complaint_forwarded_to_ck" CHECK ("complaint"."forwarded_to" IN ('comite_p', 'judicial', 'disciplinary', 'other')),
	CONSTRAINT "complaint_language_ck" CHECK ("complaint"."language" IN ('nl', 'fr', 'de', 'en')),
	CONSTRAINT "complaint_seriousness_ck" CHECK ("complaint"."seriousness" IN ('low', 'medium', 'high')),
	CONSTRAINT "complaint_decision_ck" CHECK ("complaint"."decision" IN ('well_founded', 'unfounded', 'partly_founded', 'undetermined', 'mediation'))
);
--> statement-breakpoint
CREATE TABLE "complaint_counter" (
	"organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "complaint_counter_organisation_id_year_pk" PRIMARY KEY("organisation_id","year")
);
--> statement-breakpoint
CREATE TABLE "complaint_entry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"by_user_id" uuid,
	"body" "bytea" NOT NULL,
	CONSTRAINT "complaint_entry_kind_ck" CHECK ("complaint_entry"."kind" IN ('note', 'hearing', 'measure', 'lesson'))
);
--> statement-breakpoint
CREATE TABLE "complaint_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"by_user_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" "bytea"
);
--> statement-breakpoint
CREATE TABLE "complaint_file" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"added_by" text NOT NULL,
	"by_user_id" uuid,
	"name" "bytea" NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"added_on" date NOT NULL,
	CONSTRAINT "complaint_file_added_by_ck" CHECK ("complaint_file"."added_by" IN ('complainant', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "complaint_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"open" boolean DEFAULT false NOT NULL,
	"intro" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"themes" jsonb NOT NULL,
	"triage_days" integer DEFAULT 14 NOT NULL,
	"answer_templates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "complaint_settings_triage_days_ck" CHECK ("complaint_settings"."triage_days" BETWEEN 1 AND 120)
);
--> statement-breakpoint
CREATE TABLE "complaint_staff" (
	"organisation_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "complaint_staff_organisation_id_complaint_id_person_id_pk" PRIMARY KEY("organisation_id","complaint_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "complaint_theme" (
	"organisation_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"theme" text NOT NULL,
	CONSTRAINT "complaint_theme_organisation_id_complaint_id_theme_pk" PRIMARY KEY("organisation_id","complaint_id","theme")
);
--> statement-breakpoint
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_unit_id_org_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_handler_user_id_app_user_id_fk" FOREIGN KEY ("handler_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_registered_by_app_user_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_counter" ADD CONSTRAINT "complaint_counter_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_entry" ADD CONSTRAINT "complaint_entry_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_entry" ADD CONSTRAINT "complaint_entry_complaint_id_complaint_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaint"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_entry" ADD CONSTRAINT "complaint_entry_by_user_id_app_user_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_event" ADD CONSTRAINT "complaint_event_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_event" ADD CONSTRAINT "complaint_event_complaint_id_complaint_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaint"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_event" ADD CONSTRAINT "complaint_event_by_user_id_app_user_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_file" ADD CONSTRAINT "complaint_file_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_file" ADD CONSTRAINT "complaint_file_complaint_id_complaint_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaint"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_file" ADD CONSTRAINT "complaint_file_by_user_id_app_user_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_settings" ADD CONSTRAINT "complaint_settings_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_staff" ADD CONSTRAINT "complaint_staff_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_staff" ADD CONSTRAINT "complaint_staff_complaint_id_complaint_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaint"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_staff" ADD CONSTRAINT "complaint_staff_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_theme" ADD CONSTRAINT "complaint_theme_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_theme" ADD CONSTRAINT "complaint_theme_complaint_id_complaint_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaint"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_reference_uq" ON "complaint" USING btree ("organisation_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_code_uq" ON "complaint" USING btree ("organisation_id","code_hash");--> statement-breakpoint
CREATE INDEX "complaint_org_status_idx" ON "complaint" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "complaint_org_received_idx" ON "complaint" USING btree ("organisation_id","received_on");--> statement-breakpoint
CREATE INDEX "complaint_handler_idx" ON "complaint" USING btree ("organisation_id","handler_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_entry_seq_uq" ON "complaint_entry" USING btree ("organisation_id","complaint_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_event_seq_uq" ON "complaint_event" USING btree ("organisation_id","complaint_id","seq");--> statement-breakpoint
CREATE INDEX "complaint_file_complaint_idx" ON "complaint_file" USING btree ("organisation_id","complaint_id");--> statement-breakpoint
CREATE INDEX "complaint_staff_person_idx" ON "complaint_staff" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "complaint_theme_theme_idx" ON "complaint_theme" USING btree ("organisation_id","theme");--> statement-breakpoint
-- Row-level security like every tenant table (docs/development.md, "Migrations").
ALTER TABLE complaint_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE complaint_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY complaint_settings_tenant ON complaint_settings USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE complaint_counter ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE complaint_counter FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY complaint_counter_tenant ON complaint_counter USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE complaint ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE complaint FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY complaint_tenant ON complaint USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE complaint_theme ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE complaint_theme FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY complaint_theme_tenant ON complaint_theme USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE complaint_staff ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE complaint_staff FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY complaint_staff_tenant ON complaint_staff USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE complaint_entry ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE complaint_entry FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY complaint_entry_tenant ON complaint_entry USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE complaint_file ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE complaint_file FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY complaint_file_tenant ON complaint_file USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
ALTER TABLE complaint_event ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE complaint_event FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY complaint_event_tenant ON complaint_event USING (kompas_row_visible(organisation_id)) WITH CHECK (kompas_row_visible(organisation_id));
--> statement-breakpoint
-- Encrypted content does not compress: keep PostgreSQL from trying.
ALTER TABLE complaint ALTER COLUMN content SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE complaint_file ALTER COLUMN content SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE complaint_entry ALTER COLUMN body SET STORAGE EXTERNAL;
